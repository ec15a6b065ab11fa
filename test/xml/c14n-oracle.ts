/**
 * Test oracle: xml-crypto's canonicalizers on an xmldom tree, driven the way xml-crypto's own
 * SignedXml drives them for document subsets (ancestor namespaces passed in explicitly).
 *
 * Known xml-crypto deviations from the specs, which generated inputs avoid: comment text is
 * escaped; PIs are rendered as text; attributes are ordered by the concatenation
 * namespaceURI+localName; prefixes by localeCompare; exclusive C14N repeats xmlns="" below
 * an undeclaration; the InclusiveNamespaces list only sees declarations written on elements.
 */
import { canonicalizeToString, type C14nMethod } from '../../src/xml/c14n.js';
import type { XmlElement } from '../../src/xml/dom.js';
import { parseXml } from '../../src/xml/parse.js';
import { descendants } from '../../src/xml/query.js';
import { DOMParser, type Element as DomElement, type Node as DomNode } from '@xmldom/xmldom';
import { expect } from 'vitest';
import {
  C14nCanonicalization,
  C14nCanonicalizationWithComments,
  ExclusiveCanonicalization,
  ExclusiveCanonicalizationWithComments,
} from 'xml-crypto';

export interface OracleOptions {
  method: 'c14n10' | 'exc-c14n';
  withComments: boolean;
  /** Document-order index of the apex among all elements (0 = root). */
  apex: number;
  /** Local name of elements whose subtrees are removed first. */
  excludeLocalName?: string;
  inclusiveNamespacesPrefixes?: string[];
}

interface NsBinding {
  prefix: string;
  namespaceURI: string;
}

function elements(root: DomElement): DomElement[] {
  const out: DomElement[] = [];
  const stack: DomElement[] = [root];
  while (stack.length > 0) {
    const el = stack.pop() as DomElement;
    out.push(el);
    const kids: DomElement[] = [];
    for (let c = el.firstChild; c !== null; c = c.nextSibling) {
      if (c.nodeType === 1) kids.push(c as DomElement);
    }
    for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k] as DomElement);
  }
  return out;
}

/** Bindings in scope at `el` from its ancestors' xmlns attributes (nearest wins). */
function ancestorBindings(el: DomElement): Map<string, string> {
  const chain: DomElement[] = [];
  for (let p = el.parentNode; p !== null && p.nodeType === 1; p = p.parentNode) {
    chain.push(p as DomElement);
  }
  const map = new Map<string, string>();
  for (let k = chain.length - 1; k >= 0; k--) {
    const e = chain[k] as DomElement;
    for (let a = 0; a < e.attributes.length; a++) {
      const attr = e.attributes.item(a);
      if (attr === null) continue;
      if (attr.name === 'xmlns') map.set('', attr.value);
      else if (attr.name.startsWith('xmlns:')) map.set(attr.name.slice(6), attr.value);
    }
  }
  return map;
}

export function oracleCanonicalize(xml: string, options: OracleOptions): string {
  const dom = new DOMParser().parseFromString(xml, 'text/xml');
  const root = dom.documentElement as DomElement;
  // Pick the apex by its index in the full document before anything is removed.
  const apex = elements(root)[options.apex];
  if (apex === undefined) throw new Error('apex index out of range');
  if (options.excludeLocalName !== undefined) {
    for (const e of elements(root)) {
      if (e.localName === options.excludeLocalName && e !== root) e.parentNode?.removeChild(e);
    }
  }
  const bindings = ancestorBindings(apex);
  const ancestorNamespaces: NsBinding[] = [];
  for (const [prefix, namespaceURI] of bindings) {
    if (prefix !== 'xml' && namespaceURI !== '') ancestorNamespaces.push({ prefix, namespaceURI });
  }
  const hasOwnDefault = apex.hasAttribute('xmlns');
  const process = (node: DomNode, opts: Record<string, unknown>): string => {
    const c14n =
      options.method === 'c14n10'
        ? options.withComments
          ? new C14nCanonicalizationWithComments()
          : new C14nCanonicalization()
        : options.withComments
          ? new ExclusiveCanonicalizationWithComments()
          : new ExclusiveCanonicalization();
    return c14n.process(node as never, opts) as string;
  };
  if (options.method === 'c14n10') {
    return process(apex, {
      ancestorNamespaces,
      defaultNs: hasOwnDefault ? '' : (bindings.get('') ?? ''),
    });
  }
  return process(apex, {
    ancestorNamespaces,
    inclusiveNamespacesPrefixList: options.inclusiveNamespacesPrefixes ?? [],
  });
}

/** Number of elements in the document (to iterate over every possible apex). */
export function elementCount(xml: string): number {
  const dom = new DOMParser().parseFromString(xml, 'text/xml');
  return elements(dom.documentElement as DomElement).length;
}

export function allElements(root: XmlElement): XmlElement[] {
  return [root, ...descendants(root)];
}

/** Compares every apex of `xml` for one method; returns the number of comparisons. */
export function compareWithOracle(
  xml: string,
  method: Exclude<C14nMethod, 'c14n11'>,
  excludeLocalName?: string,
): number {
  const doc = parseXml(xml);
  const mine = allElements(doc.root);
  expect(mine.length).toBe(elementCount(xml));
  const exclude =
    excludeLocalName === undefined
      ? undefined
      : (e: XmlElement): boolean => e.localName === excludeLocalName && e !== doc.root;
  let n = 0;
  for (const withComments of [false, true]) {
    for (let apex = 0; apex < mine.length; apex++) {
      const el = mine[apex] as XmlElement;
      // Elements inside an excluded subtree are not in the node-set at all.
      let inside = false;
      for (let e: XmlElement | null = el; e !== null; e = e.parent) {
        if (exclude?.(e) === true) inside = true;
      }
      if (inside) continue;
      const expected = oracleCanonicalize(xml, {
        method,
        withComments,
        apex: apex,
        ...(excludeLocalName === undefined ? {} : { excludeLocalName }),
      });
      const actual = canonicalizeToString(el, {
        method,
        withComments,
        ...(exclude === undefined ? {} : { exclude }),
      });
      expect(actual, `${method} comments=${withComments} apex=${apex} in ${xml}`).toBe(expected);
      n++;
    }
  }
  return n;
}

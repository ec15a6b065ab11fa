/**
 * Small read-only helpers over the parsed tree, shared by the document reader and the
 * signature verifier so that every caller matches names and namespaces the same way.
 */
import type { XmlDocument, XmlElement, XmlNode } from './dom.js';
import { XML_NS } from './parse.js';

/**
 * Child elements of `el`, optionally filtered. `ns`: undefined = any namespace, null = no
 * namespace, otherwise the exact namespace URI. `localName`: undefined = any.
 */
export function childElements(
  el: XmlElement,
  ns?: string | null,
  localName?: string,
): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of el.children) {
    if (child.kind !== 'element') continue;
    if (ns !== undefined && child.namespaceURI !== ns) continue;
    if (localName !== undefined && child.localName !== localName) continue;
    out.push(child);
  }
  return out;
}

/** The first child element with this namespace (null = none) and local name, or null. */
export function firstChild(
  el: XmlElement,
  ns: string | null,
  localName: string,
): XmlElement | null {
  for (const child of el.children) {
    if (child.kind === 'element' && child.localName === localName && child.namespaceURI === ns) {
      return child;
    }
  }
  return null;
}

/**
 * Every node below `el` (not `el` itself) in document order, iteratively: an explicit stack of
 * [node list, next index] so deep trees cannot overflow the JS stack.
 */
function* nodesBelow(el: XmlElement): Generator<XmlNode, void, undefined> {
  const lists: Array<readonly XmlNode[]> = [el.children];
  const indexes: number[] = [0];
  while (lists.length > 0) {
    const top = lists.length - 1;
    const list = lists[top] as readonly XmlNode[];
    const k = indexes[top] as number;
    if (k >= list.length) {
      lists.pop();
      indexes.pop();
      continue;
    }
    indexes[top] = k + 1;
    const node = list[k] as XmlNode;
    yield node;
    if (node.kind === 'element') {
      lists.push(node.children);
      indexes.push(0);
    }
  }
}

/** Concatenated text of all descendant text and CDATA nodes (XPath string-value). */
export function textContent(el: XmlElement): string {
  let out = '';
  for (const node of nodesBelow(el)) if (node.kind === 'text') out += node.value;
  return out;
}

/** Descendant elements of `el` (not `el` itself) in document order, iteratively. */
export function* descendants(el: XmlElement): Generator<XmlElement, void, undefined> {
  for (const node of nodesBelow(el)) if (node.kind === 'element') yield node;
}

/**
 * Value of the attribute with this local name; `ns` omitted or null = the unprefixed
 * (no-namespace) attribute, otherwise the attribute in that namespace. null when absent.
 */
export function attribute(el: XmlElement, localName: string, ns?: string | null): string | null {
  const want = ns ?? null;
  for (const a of el.attributes) {
    if (a.localName === localName && a.namespaceURI === want) return a.value;
  }
  return null;
}

/**
 * Namespaces in scope on `el` (prefix → URI, '' = default namespace), including the
 * implicit `xml` binding. A default namespace undeclared with xmlns="" is absent.
 */
export function inScopeNamespaces(el: XmlElement): Map<string, string> {
  const chain: XmlElement[] = [];
  for (let e: XmlElement | null = el; e !== null; e = e.parent) chain.push(e);
  const map = new Map<string, string>([['xml', XML_NS]]);
  for (let k = chain.length - 1; k >= 0; k--) {
    for (const d of (chain[k] as XmlElement).namespaces) {
      if (d.uri === '') map.delete(d.prefix);
      else map.set(d.prefix, d.uri);
    }
  }
  return map;
}

/** OASIS WSS 1.0 utility namespace (`wsu:Id`). */
export const WSU_NS =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';

/**
 * Index of ID-like attribute values → elements carrying them, in document order. Several
 * elements per ID are kept on purpose: duplicate IDs signal signature-wrapping attacks.
 *
 * Names are matched as follows: `xml:id` means the attribute `id` in the XML namespace;
 * `wsu:Id` means `Id` in the WS-Security utility namespace (OASIS WSS 1.0, whatever its
 * prefix: SOAP messages reference their Body and BinarySecurityToken by it); another name with
 * a colon matches the qualified name as written; a name without a colon matches only the
 * unprefixed attribute.
 */
export function buildIdIndex(
  doc: XmlDocument,
  attrNames: readonly string[] = ['Id', 'ID', 'id', 'xml:id', 'wsu:Id'],
): Map<string, XmlElement[]> {
  const index = new Map<string, XmlElement[]>();
  const visit = (el: XmlElement): void => {
    let added: string[] | null = null;
    for (const a of el.attributes) {
      let match = false;
      for (const n of attrNames) {
        if (n === 'xml:id') match = a.namespaceURI === XML_NS && a.localName === 'id';
        else if (n === 'wsu:Id') match = a.namespaceURI === WSU_NS && a.localName === 'Id';
        else if (n.includes(':')) match = a.name === n;
        else match = a.prefix === null && a.localName === n;
        if (match) break;
      }
      if (!match) continue;
      // The same element listed once per value even if it has both Id and ID equal.
      if (added !== null && added.includes(a.value)) continue;
      (added ??= []).push(a.value);
      const list = index.get(a.value);
      if (list === undefined) index.set(a.value, [el]);
      else list.push(el);
    }
  };
  visit(doc.root);
  for (const el of descendants(doc.root)) visit(el);
  return index;
}

/**
 * Canonical XML 1.0 / 1.1 and Exclusive C14N of an arbitrary document subset (an XPath
 * node-set), as the XPath and XPath Filter 2.0 transforms produce: an element may be in the set
 * without its parent, some of its attributes, text or namespace nodes. c14n.ts keeps the fast
 * path for "a subtree minus some subtrees", which is all other References need.
 *
 * Namespace rules for subsets (C14N 1.0 §2.3 / 4.7, Exc-C14N §3), as libxml2 — xmlsec's
 * canonicalizer — applies them:
 * - inclusive: an element in the set renders each of its namespace nodes in the set unless the
 *   nearest output ancestor has the same node in the set; xmlns="" when it has no default
 *   namespace node in the set but that ancestor has one;
 * - exclusive: only visibly utilized prefixes (of the element and of its attributes in the
 *   set) whose namespace node is in the set, unless already rendered by an output ancestor;
 * - C14N 1.0/1.1: an element whose parent is not in the set takes the xml:* attributes it
 *   inherits from its ancestors.
 */
import {
  attributes,
  compareAttributes,
  compareCodePoints,
  declaration,
  renderLeaf,
  withInheritedXmlAttributes,
  type C14nMethod,
} from './c14n.js';
import type { XmlDocument, XmlElement, XmlNode } from './dom.js';
import type { NodeSet } from './node-set.js';
import { inScopeNamespaces } from './query.js';
import { Escape, Utf8Writer } from './utf8-writer.js';

export interface SubsetOptions {
  method: C14nMethod;
  withComments: boolean;
  inclusiveNamespacesPrefixes?: string[];
  /** The nodes to render (elements, text, attributes, namespace nodes…). */
  set: NodeSet;
  /** Subtrees the set holds nothing of (not visited at all). */
  skip?: (element: XmlElement) => boolean;
}

interface RenderedNs {
  uri: string;
  /** Whether the namespace node was in the set where it was recorded (libxml2's visibility). */
  visible: boolean;
}

/** The canonical form of the subset of `start` (the document, or one element's subtree). */
export function canonicalizeSubset(
  start: XmlDocument | XmlElement,
  options: SubsetOptions,
): Uint8Array {
  const out = new Utf8Writer(4096);
  const { set, skip, withComments } = options;
  const exclusive = options.method === 'exc-c14n';
  const prefixList = (options.inclusiveNamespacesPrefixes ?? []).map((p) =>
    p === '#default' ? '' : p,
  );
  const defaultInList = prefixList.includes('');

  // In-scope namespaces, maintained on the way down (prefix -> URI; xmlns="" removes '').
  const root = 'kind' in start ? start : start.root;
  const inScope = root.parent === null ? new Map<string, string>() : inScopeNamespaces(root.parent);
  // Exclusive: nearest rendered/utilized binding per prefix.
  const rendered = new Map<string, RenderedNs>();
  const undo: Array<() => void> = [];

  const setScoped = <V>(map: Map<string, V>, key: string, value: V | undefined): void => {
    const prev = map.get(key);
    undo.push(() => (prev === undefined ? map.delete(key) : map.set(key, prev)));
    if (value === undefined) map.delete(key);
    else map.set(key, value);
  };

  const find = (prefix: string, uri: string): boolean => {
    const entry = rendered.get(prefix);
    if (entry) return entry.uri === uri && entry.visible;
    return prefix === '' && uri === '';
  };

  /** Namespace declarations to write on a visible element; `level` is updated for inclusive. */
  const inclusiveDecls = (
    el: XmlElement,
    visible: boolean,
    parentLevel: ReadonlyMap<string, string>,
    level: Map<string, string>,
  ): Array<[string, string]> => {
    const decls: Array<[string, string]> = [];
    for (const [prefix, uri] of inScope) {
      if (prefix === 'xml' || !set.namespace(el, prefix)) continue;
      level.set(prefix, uri);
      if (parentLevel.get(prefix) !== uri) decls.push([prefix, uri]);
    }
    if (visible && !level.has('') && (parentLevel.get('') ?? '') !== '') decls.push(['', '']);
    return decls;
  };

  const exclusiveDecls = (el: XmlElement, visible: boolean): Array<[string, string]> => {
    const list = new Map<string, string>();
    let hasEmptyNs = false;
    for (const prefix of prefixList) {
      const uri = inScope.get(prefix);
      if (uri === undefined || prefix === 'xml' || !set.namespace(el, prefix)) continue;
      const already = find(prefix, uri);
      if (visible) setScoped(rendered, prefix, { uri, visible: true });
      if (!already) list.set(prefix, uri);
      if (prefix === '') hasEmptyNs = true;
    }
    const prefix = el.prefix ?? '';
    const uri = el.namespaceURI ?? '';
    if (prefix !== 'xml' && (uri !== '' || prefix === '')) {
      // The empty default is not a namespace node: nothing can leave it out of the set.
      const nsVisible = uri === '' || set.namespace(el, prefix);
      if (visible && nsVisible && !find(prefix, uri)) list.set(prefix, uri);
      if (visible) setScoped(rendered, prefix, { uri, visible: nsVisible });
      if (prefix === '') hasEmptyNs = true;
    }
    for (const a of el.attributes) {
      if (a.prefix === null || a.prefix === 'xml' || a.namespaceURI === null) continue;
      if (!set.attribute(el, a)) continue;
      const already = find(a.prefix, a.namespaceURI);
      setScoped(rendered, a.prefix, {
        uri: a.namespaceURI,
        visible: set.namespace(el, a.prefix),
      });
      if (!already && visible) list.set(a.prefix, a.namespaceURI);
    }
    if (visible && !hasEmptyNs && defaultInList && !find('', '')) {
      list.set('', '');
      setScoped(rendered, '', { uri: '', visible: true });
    }
    return [...list];
  };

  const visit = (
    el: XmlElement,
    parentVisible: boolean,
    parentLevel: ReadonlyMap<string, string>,
  ): void => {
    if (skip?.(el)) return;
    const mark = undo.length;
    for (const d of el.namespaces) setScoped(inScope, d.prefix, d.uri === '' ? undefined : d.uri);
    const visible = set.element(el);
    let level = parentLevel;
    let decls: Array<[string, string]>;
    if (exclusive) decls = exclusiveDecls(el, visible);
    else {
      const own = new Map<string, string>();
      decls = inclusiveDecls(el, visible, parentLevel, own);
      if (visible) level = own;
    }
    // An element outside the set still has its namespace and attribute axes processed
    // (C14N 1.0 §2.3): nodes of them in the set are written, as libxml2 writes them.
    if (visible) {
      out.byte(60);
      out.write(el.name);
    }
    decls.sort((x, y) => compareCodePoints(x[0], y[0]));
    for (const [prefix, uri] of decls) declaration(out, prefix, uri);
    let attrs = el.attributes.filter((a) => set.attribute(el, a));
    if (visible && !exclusive && !parentVisible && el.parent !== null) {
      attrs = withInheritedXmlAttributes(el, options.method === 'c14n11', attrs);
    }
    attrs.sort(compareAttributes);
    attributes(out, attrs);
    if (visible) out.byte(62);
    for (const child of el.children) {
      if (child.kind === 'element') visit(child, visible, level);
      else leaf(child);
    }
    if (visible) {
      out.byte(60);
      out.byte(47);
      out.write(el.name);
      out.byte(62);
    }
    while (undo.length > mark) (undo.pop() as () => void)();
  };

  const leaf = (node: Exclude<XmlNode, XmlElement>): void => {
    if (!set.leaf(node)) return;
    if (node.kind === 'text') out.write(node.value, Escape.Text);
    else out.write(renderLeaf(node, withComments));
  };

  const noLevel = new Map<string, string>();
  if ('kind' in start) {
    visit(start, false, noLevel);
    return out.bytes();
  }
  for (const node of start.prolog) {
    const text = set.leaf(node) ? renderLeaf(node, withComments) : '';
    if (text !== '') out.write(text + '\n');
  }
  visit(start.root, false, noLevel);
  for (const node of start.epilog) {
    const text = set.leaf(node) ? renderLeaf(node, withComments) : '';
    if (text !== '') out.write('\n' + text);
  }
  return out.bytes();
}

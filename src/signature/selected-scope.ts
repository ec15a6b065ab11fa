import type { XmlDocument, XmlElement } from '../xml/dom.js';
import type { NodeSet } from '../xml/node-set.js';
import { inScopeNamespaces } from '../xml/query.js';
import { isDsig } from './dsig-elements.js';

/** Paths listed per Reference at most; fewer listed means less counted as signed, never more. */
const MAX_SELECTED = 256;

export interface SelectedScope {
  /** The node-set holds everything the Reference's URI names (signatures aside). */
  whole: boolean;
  /** Otherwise: the outermost elements it holds whole (element, attributes, text, namespaces). */
  elements: XmlElement[];
}

/**
 * What an XPath-filtered Reference signs, for the signed-scope model: only elements the
 * node-set holds entirely count as signed. An element kept without one of its attributes,
 * text nodes or namespace nodes (which carry the meaning of its names) could be changed in
 * that part without breaking the digest, so it is not "signed". ds:Signature subtrees and
 * comments are not content and are left out of the judgement, as for enveloped signatures.
 */
export function selectedScope(
  target: XmlDocument | XmlElement,
  set: NodeSet,
  skip: ((element: XmlElement) => boolean) | undefined,
): SelectedScope {
  const elements: XmlElement[] = [];
  const whole = (el: XmlElement): boolean => {
    let full = set.element(el);
    if (full) {
      for (const a of el.attributes) if (!set.attribute(el, a)) full = false;
      for (const prefix of inScopeNamespaces(el).keys()) {
        if (prefix !== 'xml' && !set.namespace(el, prefix)) full = false;
      }
    }
    const wholeChildren: XmlElement[] = [];
    for (const child of el.children) {
      if (child.kind === 'element') {
        if (isDsig(child, 'Signature') || skip?.(child)) continue;
        if (whole(child)) wholeChildren.push(child);
        else full = false;
      } else if (child.kind === 'text' && !set.leaf(child)) full = false;
    }
    if (!full) {
      for (const child of wholeChildren) {
        if (elements.length < MAX_SELECTED) elements.push(child);
      }
    }
    return full;
  };
  const root = 'kind' in target ? target : target.root;
  const all = whole(root);
  if (all) return { whole: true, elements: [root] };
  // Document order (children were collected bottom-up).
  return { whole: false, elements: inDocumentOrder(elements) };
}

function inDocumentOrder(elements: XmlElement[]): XmlElement[] {
  return elements.sort((a, b) => a.pos.offset - b.pos.offset);
}

import { canonicalize, canonicalizeInto } from '../xml/c14n.js';
import { canonicalizeSubset } from '../xml/c14n-subset.js';
import type { XmlDocument, XmlElement, XmlNode } from '../xml/dom.js';
import { intersectNodeSets, type NodeSet } from '../xml/node-set.js';
import { parseXml } from '../xml/parse.js';
import { decodeBase64Strict } from './base64.js';
import { smevTransform } from './smev-transform.js';
import { DEFAULT_C14N, type TransformPlan } from './transforms.js';
import { filter2NodeSet, xpathNodeSet } from './xpath-transform.js';

/** What a Reference's transforms start from: part of the parsed document, or detached bytes. */
export type ReferenceInput =
  /** `comments`: the node-set keeps comments (an XPointer URI); otherwise they are removed. */
  | { kind: 'nodes'; doc: XmlDocument; target: XmlDocument | XmlElement; comments?: boolean }
  | { kind: 'octets'; bytes: Uint8Array };

/**
 * Runs a planned transform chain (XMLDSig §4.4.3.2): node-sets become octets by C14N, octets
 * become a node-set again by parsing (corridor's parser, with its limits: no DTD, nothing
 * fetched). The common case — a same-document node-set and one C14N — is one canonicalization.
 * XPath and XPath Filter 2.0 filters make a general node-set, rendered by the subset
 * canonicalizer; `selected` then receives it (the signed scope is what it holds).
 * Throws on content a step cannot take (not base64, not XML, an XPath over its budget); the
 * caller reports it.
 */
export function referenceOctets(
  input: ReferenceInput,
  plan: TransformPlan,
  selected?: (set: NodeSet) => void,
): Uint8Array {
  let octets: Uint8Array | undefined;
  referenceOctetsInto(input, plan, (chunk) => (octets = chunk), selected, false);
  return octets as Uint8Array;
}

/**
 * referenceOctets handed to `sink` (a digest's update): when the chain ends in a C14N of the
 * same-document node-set (the common case), in chunks as they are canonicalized, never held
 * whole; otherwise the octets in one chunk.
 */
export function referenceOctetsInto(
  input: ReferenceInput,
  plan: TransformPlan,
  sink: (chunk: Uint8Array) => void,
  selected?: (set: NodeSet) => void,
  stream = true,
): void {
  let state:
    | { kind: 'nodes'; target: XmlDocument | XmlElement; set?: NodeSet }
    | { kind: 'octets'; bytes: Uint8Array } = input;
  // Same-document node-sets carry no comments (§4.4.3.3) unless named by XPointer; parsed
  // octets keep them if asked.
  let sameDocument = input.kind === 'nodes' && input.comments !== true;
  let exclude: TransformPlan['exclude'] | undefined = plan.exclude;
  if (input.kind === 'nodes' && 'kind' in input.target && insideExcluded(input.target, exclude)) {
    // The URI names something inside a removed subtree (an ID inside the enveloped
    // signature itself): the node-set is empty, as in xmlsec. (Its scope stays what the URI
    // names, so the wrapping checks still see where that is.)
    state = { kind: 'nodes', target: input.target, set: EMPTY_SET };
  } else if (input.kind === 'nodes' && plan.filters.length > 0) {
    const set = filteredNodeSet(input.doc, input.target, plan, input.comments === true);
    selected?.(set);
    state = { kind: 'nodes', target: input.target, set };
  }
  const nodes = (): { target: XmlDocument | XmlElement; set?: NodeSet } => {
    if (state.kind === 'nodes') return state;
    sameDocument = false;
    exclude = undefined;
    return { target: parseXml(state.bytes) };
  };
  const optionsOf = (c14n: TransformPlan['steps'][number] & { kind: 'c14n' }) => ({
    method: c14n.c14n.method,
    withComments: sameDocument ? false : c14n.c14n.withComments,
    ...(c14n.inclusiveNamespacePrefixes
      ? { inclusiveNamespacesPrefixes: c14n.inclusiveNamespacePrefixes }
      : {}),
  });
  const render = (
    from: { target: XmlDocument | XmlElement; set?: NodeSet },
    c14n: TransformPlan['steps'][number] & { kind: 'c14n' },
  ): Uint8Array => {
    const common = optionsOf(c14n);
    if (from.set) {
      return canonicalizeSubset(from.target, {
        ...common,
        set: from.set,
        ...(exclude ? { skip: exclude } : {}),
      });
    }
    return canonicalize(from.target, { ...common, ...(exclude ? { exclude } : {}) });
  };
  // The last C14N of a whole subtree or document streams into the sink; a subset, or a C14N
  // whose octets another step reads, is rendered whole.
  const finish = (
    from: { target: XmlDocument | XmlElement; set?: NodeSet },
    c14n: TransformPlan['steps'][number] & { kind: 'c14n' },
  ): void => {
    if (!stream || from.set) {
      sink(render(from, c14n));
      return;
    }
    canonicalizeInto(from.target, { ...optionsOf(c14n), ...(exclude ? { exclude } : {}) }, sink);
  };
  const defaultStep = { kind: 'c14n', c14n: DEFAULT_C14N } as const;
  const steps = plan.steps;
  for (const [index, step] of steps.entries()) {
    if (step.kind === 'c14n') {
      if (index === steps.length - 1) {
        finish(nodes(), step);
        return;
      }
      state = { kind: 'octets', bytes: render(nodes(), step) };
      exclude = undefined;
    } else if (step.kind === 'base64') {
      const text =
        state.kind === 'nodes'
          ? textOf(state.target, exclude, state.set)
          : new TextDecoder('utf-8', { fatal: true }).decode(state.bytes);
      const decoded = decodeBase64Strict(text);
      if (!decoded) throw new Error('the input of the base64 transform is not base64');
      state = { kind: 'octets', bytes: decoded };
      exclude = undefined;
    } else {
      // The SMEV transform reads octets (Santuario hands it the C14N 1.0 octets of a node-set).
      const octets = state.kind === 'octets' ? state.bytes : render(state, defaultStep);
      state = { kind: 'octets', bytes: smevTransform(parseXml(octets)) };
      exclude = undefined;
    }
  }
  if (state.kind === 'octets') sink(state.bytes);
  else finish(state, defaultStep);
}

const EMPTY_SET: NodeSet = {
  element: () => false,
  leaf: () => false,
  attribute: () => false,
  namespace: () => false,
};

function insideExcluded(target: XmlElement, exclude: (element: XmlElement) => boolean): boolean {
  for (let el: XmlElement | null = target; el; el = el.parent) if (exclude(el)) return true;
  return false;
}

/**
 * The node-set the plan's filters leave of `target`: the subtree (or document) minus excluded
 * subtrees, without comments (a same-document reference, §4.3.3.3), then each filter in order.
 */
function filteredNodeSet(
  doc: XmlDocument,
  target: XmlDocument | XmlElement,
  plan: TransformPlan,
  comments: boolean,
): NodeSet {
  let set: NodeSet = {
    element: () => true,
    leaf: (node) => comments || node.kind !== 'comment',
    attribute: () => true,
    namespace: () => true,
  };
  for (const filter of plan.filters) {
    if (filter.kind === 'xpath') {
      set = xpathNodeSet(doc, target, set, filter.xpath, plan.exclude);
    } else {
      set = intersectNodeSets(set, filter2NodeSet(doc, filter.steps));
    }
  }
  return set;
}

/** The string value of a node-set: its text nodes in document order (XMLDSig §6.6.2). */
function textOf(
  target: XmlDocument | XmlElement,
  exclude: ((element: XmlElement) => boolean) | undefined,
  set: NodeSet | undefined,
): string {
  const parts: string[] = [];
  const stack: XmlNode[] = ['kind' in target ? target : target.root];
  while (stack.length > 0) {
    const node = stack.pop() as XmlNode;
    if (node.kind === 'text' && (!set || set.leaf(node))) parts.push(node.value);
    if (node.kind !== 'element' || exclude?.(node)) continue;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as XmlNode);
  }
  return parts.join('');
}

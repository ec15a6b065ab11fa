import { canonicalize } from '../xml/c14n.js';
import type { XmlDocument, XmlElement, XmlNode } from '../xml/dom.js';
import { parseXml } from '../xml/parse.js';
import { decodeBase64Strict } from './base64.js';
import { smevTransform } from './smev-transform.js';
import { DEFAULT_C14N, type TransformPlan } from './transforms.js';

/** What a Reference's transforms start from: part of the parsed document, or detached bytes. */
export type ReferenceInput =
  { kind: 'nodes'; target: XmlDocument | XmlElement } | { kind: 'octets'; bytes: Uint8Array };

/**
 * Runs a planned transform chain (XMLDSig §4.4.3.2): node-sets become octets by C14N, octets
 * become a node-set again by parsing (corridor's parser, with its limits: no DTD, nothing
 * fetched). The common case — a same-document node-set and one C14N — is one canonicalization.
 * Throws on content a step cannot take (not base64, not XML); the caller reports it.
 */
export function referenceOctets(input: ReferenceInput, plan: TransformPlan): Uint8Array {
  let state = input;
  // Same-document node-sets carry no comments (§4.4.3.3); parsed octets keep them if asked.
  let sameDocument = input.kind === 'nodes';
  let exclude: TransformPlan['exclude'] | undefined = plan.exclude;
  const nodes = (): XmlDocument | XmlElement => {
    if (state.kind === 'nodes') return state.target;
    sameDocument = false;
    exclude = undefined;
    return parseXml(state.bytes);
  };
  for (const step of plan.steps) {
    if (step.kind === 'c14n') {
      const target = nodes();
      state = {
        kind: 'octets',
        bytes: canonicalize(target, {
          method: step.c14n.method,
          withComments: sameDocument ? false : step.c14n.withComments,
          ...(step.inclusiveNamespacePrefixes
            ? { inclusiveNamespacesPrefixes: step.inclusiveNamespacePrefixes }
            : {}),
          ...(exclude ? { exclude } : {}),
        }),
      };
      exclude = undefined;
    } else if (step.kind === 'base64') {
      const text =
        state.kind === 'nodes'
          ? textOf(state.target, exclude)
          : new TextDecoder('utf-8', { fatal: true }).decode(state.bytes);
      const decoded = decodeBase64Strict(text);
      if (!decoded) throw new Error('the input of the base64 transform is not base64');
      state = { kind: 'octets', bytes: decoded };
      exclude = undefined;
    } else {
      // The SMEV transform reads octets (Santuario hands it the C14N 1.0 octets of a node-set).
      const octets =
        state.kind === 'octets'
          ? state.bytes
          : canonicalize(state.target, { ...DEFAULT_C14N, ...(exclude ? { exclude } : {}) });
      state = { kind: 'octets', bytes: smevTransform(parseXml(octets)) };
      exclude = undefined;
    }
  }
  if (state.kind === 'octets') return state.bytes;
  return canonicalize(state.target, { ...DEFAULT_C14N, ...(exclude ? { exclude } : {}) });
}

/** The string value of a node-set: its text nodes in document order (XMLDSig §6.6.2). */
function textOf(
  target: XmlDocument | XmlElement,
  exclude: ((element: XmlElement) => boolean) | undefined,
): string {
  const parts: string[] = [];
  const stack: XmlNode[] = ['kind' in target ? target : target.root];
  while (stack.length > 0) {
    const node = stack.pop() as XmlNode;
    if (node.kind === 'text') parts.push(node.value);
    if (node.kind !== 'element' || exclude?.(node)) continue;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as XmlNode);
  }
  return parts.join('');
}

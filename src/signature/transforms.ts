import type { XmlElement } from '../xml/dom.js';
import { c14nForUri, type C14nChoice } from './c14n-method.js';
import {
  algorithmOf,
  dsigChild,
  dsigChildren,
  isDsig,
  plainAttribute,
  valueText,
} from './dsig-elements.js';
import { ENVELOPED_SIGNATURE_URI, EXC_C14N_NS, XPATH_URI } from './names.js';
import { problem, XMLDSIG_RULES } from './problems.js';
import type { SignatureProblem } from './types.js';
import { isSignatureExclusionFilter } from './xpath-filter.js';

/** How to turn a Reference's node-set into the octets that are digested. */
export interface TransformPlan {
  /** Subtrees removed from the node-set (enveloped signature, the XPath filter). */
  exclude: (element: XmlElement) => boolean;
  c14n: C14nChoice;
  inclusiveNamespacePrefixes?: string[];
}

/** Node-set → octets when no C14N transform is given (XMLDSig §4.4.3.2). */
const DEFAULT_C14N: C14nChoice = { method: 'c14n10', withComments: false };

/**
 * Plans a Reference's transform chain. corridor runs node-set filters (enveloped-signature
 * and the one XPath form it recognises) followed by at most one final C14N; anything else
 * would need another parse or an XPath/XSLT engine and is reported, never skipped — a
 * skipped transform makes a verifier sign off on bytes the signer never digested.
 */
export function planTransforms(
  reference: XmlElement,
  signature: XmlElement,
): TransformPlan | SignatureProblem {
  let excludeOwnSignature = false;
  let excludeAllSignatures = false;
  let c14n: C14nChoice | undefined;
  let prefixes: string[] | undefined;
  const transformsElement = dsigChild(reference, 'Transforms');
  const transforms = transformsElement ? dsigChildren(transformsElement, 'Transform') : [];
  for (const transform of transforms) {
    const uri = algorithmOf(transform);
    if (c14n) {
      return unsupported(`transform '${uri}' after a canonicalization`, transform);
    }
    if (uri === ENVELOPED_SIGNATURE_URI) {
      excludeOwnSignature = true;
      continue;
    }
    if (uri === XPATH_URI) {
      const xpaths = dsigChildren(transform, 'XPath');
      const xpath = xpaths[0];
      if (
        xpaths.length !== 1 ||
        !xpath ||
        valueText(xpath).nonText ||
        !isSignatureExclusionFilter(valueText(xpath).text, xpath)
      ) {
        return unsupported(
          'XPath transform other than not(ancestor-or-self::dsig:Signature)',
          transform,
        );
      }
      excludeAllSignatures = true;
      continue;
    }
    const choice = c14nForUri(uri);
    if (!choice) return unsupported(`transform '${uri || '(no Algorithm)'}'`, transform);
    // Same-document node-sets carry no comments (§4.4.3.3): #WithComments changes nothing.
    c14n = { method: choice.method, withComments: false };
    const list = inclusiveList(transform);
    if (list) prefixes = list;
  }
  const plan: TransformPlan = {
    exclude: (element) =>
      (excludeAllSignatures && isDsig(element, 'Signature')) ||
      (excludeOwnSignature && element === signature),
    c14n: c14n ?? DEFAULT_C14N,
  };
  if (prefixes && plan.c14n.method === 'exc-c14n') plan.inclusiveNamespacePrefixes = prefixes;
  return plan;
}

function inclusiveList(transform: XmlElement): string[] | undefined {
  const element = dsigChild(transform, 'InclusiveNamespaces', EXC_C14N_NS);
  const list = element && plainAttribute(element, 'PrefixList');
  return list === undefined ? undefined : list.split(/[ \t\r\n]+/).filter((p) => p.length > 0);
}

function unsupported(what: string, at: XmlElement): SignatureProblem {
  return problem(
    XMLDSIG_RULES.unsupportedTransform,
    `${what} is not supported: the reference cannot be checked`,
    at.pos,
  );
}

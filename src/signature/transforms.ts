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
import {
  BASE64_TRANSFORM_URI,
  ENVELOPED_SIGNATURE_URI,
  EXC_C14N_NS,
  XPATH_FILTER2_URI,
  XPATH_URI,
  XSLT_URI,
} from './names.js';
import { problem, XMLDSIG_RULES } from './problems.js';
import { SMEV_TRANSFORM_URI } from './smev-transform.js';
import type { SignatureProblem } from './types.js';
import { isSignatureExclusionFilter } from './xpath-filter.js';
import {
  compileXPath,
  filter2Operation,
  type CompiledXPath,
  type Filter2Operation,
} from './xpath-transform.js';

/** One step of a Reference's transform chain after the node-set filters. */
export type TransformStep =
  | { kind: 'c14n'; c14n: C14nChoice; inclusiveNamespacePrefixes?: string[] }
  /** `xmldsig#base64`: the text of the node-set (or the octets) decoded. */
  | { kind: 'base64' }
  /** `urn://smev-gov-ru/xmldsig/transform` (smev-transform.ts), on octets. */
  | { kind: 'smev' };

/**
 * A node-set transform beyond subtree exclusion: the general XPath transform (its expression
 * evaluated per node) or XPath Filter 2.0 (intersect / subtract / union, in order).
 */
export type NodeFilter =
  | { kind: 'xpath'; xpath: CompiledXPath }
  | { kind: 'filter2'; steps: Array<{ operation: Filter2Operation; xpath: CompiledXPath }> };

/** How to turn a Reference's node-set into the octets that are digested. */
export interface TransformPlan {
  /** Subtrees removed from the node-set (enveloped signature, the XPath filter). */
  exclude: (element: XmlElement) => boolean;
  /** Node-set filters applied to the same-document node-set, in order (xpath-transform.ts). */
  filters: NodeFilter[];
  /** Steps in order; a node-set left at the end is canonicalized with C14N 1.0 (§4.4.3.2). */
  steps: TransformStep[];
}

/** Node-set → octets when no C14N transform is given (XMLDSig §4.4.3.2). */
export const DEFAULT_C14N: C14nChoice = { method: 'c14n10', withComments: false };

/**
 * Plans a Reference's transform chain: node-set filters (enveloped-signature, XPath, XPath
 * Filter 2.0) first, then canonicalizations, base64 and the SMEV transform in order.
 * Anything else is reported, never skipped — a skipped transform makes a verifier sign off on
 * bytes the signer never digested. XSLT is refused by design: it runs a program read from the
 * document (xmlsec disables it by default too).
 */
export function planTransforms(
  reference: XmlElement,
  signature: XmlElement,
): TransformPlan | SignatureProblem {
  let excludeOwnSignature = false;
  let excludeAllSignatures = false;
  const steps: TransformStep[] = [];
  const filters: NodeFilter[] = [];
  const transformsElement = dsigChild(reference, 'Transforms');
  const transforms = transformsElement ? dsigChildren(transformsElement, 'Transform') : [];
  for (const transform of transforms) {
    const uri = algorithmOf(transform);
    if (uri === ENVELOPED_SIGNATURE_URI || uri === XPATH_URI || uri === XPATH_FILTER2_URI) {
      // Node-set transforms run on the document's own tree (here() is in it); after octets
      // they would need the re-parsed text, which nothing seen in practice does.
      if (steps.length > 0) {
        return unsupported(`node-set transform '${uri}' after octets were produced`, transform);
      }
      if (uri === ENVELOPED_SIGNATURE_URI) {
        excludeOwnSignature = true;
        continue;
      }
      if (uri === XPATH_FILTER2_URI) {
        const filter = filter2Of(transform);
        if ('ruleId' in filter) return filter;
        filters.push(filter);
        continue;
      }
      const xpaths = dsigChildren(transform, 'XPath');
      const xpath = xpaths[0];
      if (xpaths.length !== 1 || !xpath) {
        return unsupported('XPath transform without exactly one XPath element', transform);
      }
      const text = valueText(xpath);
      // The common form is a subtree exclusion, at no cost (xpath-filter.ts).
      if (!text.nonText && isSignatureExclusionFilter(text.text, xpath)) {
        excludeAllSignatures = true;
        continue;
      }
      const compiled = compileXPath(xpath);
      if (typeof compiled === 'string') return refused(`XPath transform: ${compiled}`, xpath);
      filters.push({ kind: 'xpath', xpath: compiled });
      continue;
    }
    if (uri === BASE64_TRANSFORM_URI) {
      steps.push({ kind: 'base64' });
      continue;
    }
    if (uri === SMEV_TRANSFORM_URI) {
      steps.push({ kind: 'smev' });
      continue;
    }
    if (uri === XSLT_URI) {
      return problem(
        XMLDSIG_RULES.unsupportedTransform,
        'XSLT transform refused: corridor never runs a stylesheet carried by a document (xmlsec refuses it by default too); the reference cannot be checked',
        transform.pos,
      );
    }
    const choice = c14nForUri(uri);
    if (!choice) return unsupported(`transform '${uri || '(no Algorithm)'}'`, transform);
    const list = choice.method === 'exc-c14n' ? inclusiveList(transform) : undefined;
    steps.push({
      kind: 'c14n',
      c14n: choice,
      ...(list ? { inclusiveNamespacePrefixes: list } : {}),
    });
  }
  return {
    exclude: (element) =>
      (excludeAllSignatures && isDsig(element, 'Signature')) ||
      (excludeOwnSignature && element === signature),
    filters,
    steps,
  };
}

/** The XPath elements of an XPath Filter 2.0 transform, each with its operation. */
function filter2Of(transform: XmlElement): NodeFilter | SignatureProblem {
  const steps: Array<{ operation: Filter2Operation; xpath: CompiledXPath }> = [];
  for (const child of dsigChildren(transform, 'XPath', XPATH_FILTER2_URI)) {
    const operation = filter2Operation(child);
    if (!operation) {
      return unsupported(
        'XPath Filter 2.0 XPath element whose Filter is not intersect, subtract or union',
        child,
      );
    }
    const compiled = compileXPath(child);
    if (typeof compiled === 'string') return refused(`XPath Filter 2.0: ${compiled}`, child);
    steps.push({ operation, xpath: compiled });
  }
  if (steps.length === 0) return unsupported('XPath Filter 2.0 transform without XPath', transform);
  return { kind: 'filter2', steps };
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

function refused(what: string, at: XmlElement): SignatureProblem {
  return problem(
    XMLDSIG_RULES.unsupportedTransform,
    `${what}: the reference cannot be checked`,
    at.pos,
  );
}

import { algorithmByUri } from '../algorithms/registry.js';
import type { SignatureParameters } from '../crypto/types.js';
import type { XmlElement } from '../xml/dom.js';
import { decodeBase64Strict } from './base64.js';
import { valueText } from './dsig-elements.js';
import { problem, XMLDSIG_RULES } from './problems.js';
import type { SignatureProblem } from './types.js';

/** FIPS 204 §5.2 / FIPS 205 §10.2: a context string is at most 255 octets. */
const MAX_CONTEXT_OCTETS = 255;

export type MethodParameters =
  | { parameters: SignatureParameters; problem?: undefined }
  | { parameters?: undefined; problem: SignatureProblem };

/**
 * What a SignatureMethod element carries beside its Algorithm, for the methods that take
 * something: the ML-DSA / SLH-DSA context string, as xmlsec reads it (its only permitted child,
 * base64, at most 255 octets). A malformed or foreign child is a problem: xmlsec refuses the
 * signature, and a verifier that skipped the context would check another message.
 */
export function readMethodParameters(method: XmlElement | undefined): MethodParameters {
  const entry =
    method && algorithmByUri(method.attributes.find((a) => a.name === 'Algorithm')?.value ?? '');
  const expected = entry?.contextElement;
  if (!method || !expected) return { parameters: {} };
  const children = method.children.filter((c): c is XmlElement => c.kind === 'element');
  const [first, ...rest] = children;
  if (!first) return { parameters: {} };
  const other =
    first.namespaceURI !== expected.namespace || first.localName !== expected.localName
      ? first
      : rest[0];
  if (other) {
    return {
      problem: problem(
        XMLDSIG_RULES.unexpectedElement,
        `SignatureMethod ${entry.name} allows only ${expected.localName}, not ${other.localName}`,
        other.pos,
      ),
    };
  }
  const { text, nonText } = valueText(first);
  const context = nonText ? null : decodeBase64Strict(text);
  if (!context) {
    return {
      problem: problem(
        XMLDSIG_RULES.badBase64,
        `${expected.localName} is not valid base64`,
        first.pos,
      ),
    };
  }
  if (context.length > MAX_CONTEXT_OCTETS) {
    return {
      problem: problem(
        XMLDSIG_RULES.unexpectedElement,
        `${expected.localName} of ${context.length} octets, above the ${MAX_CONTEXT_OCTETS} FIPS 204/205 allow`,
        first.pos,
      ),
    };
  }
  return { parameters: context.length > 0 ? { context } : {} };
}

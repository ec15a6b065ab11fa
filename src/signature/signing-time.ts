import { algorithmByUri } from '../algorithms/registry.js';
import type { XmlDocument, XmlElement } from '../xml/dom.js';
import { clipQuoted } from '../util/clip.js';
import { readDateTime } from '../util/date-time.js';
import { dsigChild, dsigChildren, isDsig, valueText } from './dsig-elements.js';
import { problem, XMLDSIG_RULES } from './problems.js';
import { resolveReference } from './resolve.js';
import type { ReferenceInfo, SignatureProblem, SigningTime } from './types.js';

/** XAdES 1.3.2 (ETSI EN 319 132-1): the namespace of QualifyingProperties and SigningTime. */
export const XADES_NS = 'http://uri.etsi.org/01903/v1.3.2#';
/** The Reference Type a XAdES signature gives the Reference that signs its SignedProperties. */
export const XADES_SIGNED_PROPERTIES_TYPE = 'http://uri.etsi.org/01903#SignedProperties';

/**
 * The XAdES SigningTime of one ds:Signature. It is *signed* only when a Reference of this
 * signature resolves to the SignedProperties holding it, with canonicalization as its only
 * transforms (any other transform could drop it from what is digested); a SigningTime in
 * unreferenced QualifyingProperties is a claim anyone could have added. Several SigningTimes
 * are reported and the time is kept as a claim: which one the signer meant is not known.
 */
export function readXadesSigningTime(
  doc: XmlDocument,
  signature: XmlElement,
  references: readonly ReferenceInfo[],
  problems: SignatureProblem[],
): SigningTime | undefined {
  const signedProperties = new Set<XmlElement>();
  for (const reference of references) {
    const resolution = resolveReference(doc, reference.uri);
    if (resolution.kind !== 'element') continue;
    if (!isDsig(resolution.element, 'SignedProperties', XADES_NS)) continue;
    const onlyC14n = reference.transforms.every(
      (uri) => algorithmByUri(uri)?.kind === 'canonicalization',
    );
    if (onlyC14n) signedProperties.add(resolution.element);
  }
  const candidates = new Set<XmlElement>(signedProperties);
  for (const object of dsigChildren(signature, 'Object')) {
    for (const qualifying of dsigChildren(object, 'QualifyingProperties', XADES_NS)) {
      for (const properties of dsigChildren(qualifying, 'SignedProperties', XADES_NS)) {
        candidates.add(properties);
      }
    }
  }

  const found: Array<{ element: XmlElement; signed: boolean }> = [];
  for (const properties of candidates) {
    const signatureProperties = dsigChild(properties, 'SignedSignatureProperties', XADES_NS);
    if (!signatureProperties) continue;
    for (const element of dsigChildren(signatureProperties, 'SigningTime', XADES_NS)) {
      found.push({ element, signed: signedProperties.has(properties) });
    }
  }
  const first = found[0];
  if (!first) return undefined;
  const signedOnes = found.filter((f) => f.signed);
  let chosen = signedOnes.length === 1 ? (signedOnes[0] as typeof first) : first;
  if (found.length > 1) {
    problems.push(
      problem(
        XMLDSIG_RULES.badSigningTime,
        `${found.length} XAdES SigningTime elements (${signedOnes.length} signed): ${signedOnes.length === 1 ? 'the signed one counts' : 'which one the signer meant is unknown, so none counts as signed'}`,
        found[1]?.element.pos,
      ),
    );
    if (signedOnes.length !== 1) chosen = { element: first.element, signed: false };
  }
  return signingTimeOf(chosen.element, chosen.signed, problems);
}

function signingTimeOf(
  element: XmlElement,
  signed: boolean,
  problems: SignatureProblem[],
): SigningTime {
  const { text, nonText } = valueText(element);
  // xsd:dateTime collapses surrounding whitespace.
  const trimmed = text.trim();
  const time: SigningTime = {
    source: 'xades',
    text: clipSigningTimeText(trimmed),
    signed,
    pos: element.pos,
  };
  const reading = nonText
    ? { error: 'it contains a comment, element or processing instruction' }
    : readDateTime(trimmed);
  if ('utc' in reading) time.utc = reading.utc;
  else
    problems.push(
      problem(
        XMLDSIG_RULES.badSigningTime,
        `XAdES SigningTime '${time.text}' is unusable: ${reading.error}`,
        element.pos,
      ),
    );
  return time;
}

/** A hostile signing time may be megabytes long: findings quote at most 64 characters of it. */
export function clipSigningTimeText(text: string): string {
  return clipQuoted(text);
}

import { timingSafeEqual } from 'node:crypto';
import { algorithmByUri } from '../algorithms/registry.js';
import { digest, isDigestSupported } from '../crypto/digests.js';
import type { XmlElement } from '../xml/dom.js';
import { elementPath } from '../xml/path.js';
import { decodeBase64Strict } from './base64.js';
import {
  algorithmOf,
  dsigChild,
  dsigChildren,
  isDsig,
  plainAttribute,
  valueText,
} from './dsig-elements.js';
import { problem, XMLDSIG_RULES } from './problems.js';
import { XADES_NS, XADES_SIGNED_PROPERTIES_TYPE } from './signing-time.js';
import type { ReferenceInfo, SignatureProblem } from './types.js';

/** XAdES 1.4.1 elements (SignatureTimeStamp…); SignedProperties stays in the 1.3.2 namespace. */
export const XADES_141_NS = 'http://uri.etsi.org/01903/v1.4.1#';

/** Verdict of the XAdES structure checks: false fails the signature, null leaves it unverified. */
export interface XadesOutcome {
  verdict: boolean | null;
  problems: SignatureProblem[];
}

/**
 * XAdES (ETSI EN 319 132-1) structure the cryptography does not check:
 * - a Reference of Type …#SignedProperties must resolve to the SignedProperties inside this
 *   signature's own ds:Object/QualifyingProperties whose Target names this signature — else
 *   the genuine properties may have been moved out and replaced by unsigned ones (DSS:
 *   SIGNED_DATA_NOT_FOUND);
 * - the signed SigningCertificate / SigningCertificateV2 must name, by digest, the certificate
 *   that verified the signature.
 * `resolved[i]` is what Reference i resolved to (undefined when it did not).
 */
export function checkXades(
  signature: XmlElement,
  references: readonly ReferenceInfo[],
  resolved: readonly (XmlElement | undefined)[],
  leafCertificate: Uint8Array | undefined,
): XadesOutcome {
  const problems: SignatureProblem[] = [];
  let verdict: boolean | null = true;
  const signedProperties: XmlElement[] = [];
  references.forEach((reference, index) => {
    const element = resolved[index];
    if (!element) return; // unresolved: the Reference itself already failed
    const misplaced = objectProblem(signature, element, reference.type);
    if (misplaced) {
      verdict = false;
      problems.push(
        problem(
          XMLDSIG_RULES.signedDataNotFound,
          `Reference URI="${reference.uri ?? ''}" names ${elementPath(element)}, which ${misplaced} (DSS: SIGNED_DATA_NOT_FOUND)`,
          reference.pos,
        ),
      );
      return;
    }
    if (reference.type !== XADES_SIGNED_PROPERTIES_TYPE) return;
    const where = placementProblem(signature, element);
    if (where) {
      verdict = false;
      problems.push(
        problem(
          XMLDSIG_RULES.signedPropertiesNotFound,
          `the Reference of Type SignedProperties names ${elementPath(element)}, which ${where}: the signed properties are not this signature's (DSS: SIGNED_DATA_NOT_FOUND)`,
          reference.pos,
        ),
      );
    } else signedProperties.push(element);
  });
  if (verdict !== true || !leafCertificate) return { verdict, problems };
  for (const properties of signedProperties) {
    const certificates = signingCertificates(properties);
    if (certificates.length === 0) continue;
    let computable = false;
    const matches = certificates.some(({ method, value }) => {
      const entry = algorithmByUri(method);
      if (!entry || entry.kind !== 'digest' || !isDigestSupported(entry.id) || !value) return false;
      computable = true;
      const actual = digest(entry.id, leafCertificate);
      return actual.length === value.length && timingSafeEqual(actual, value);
    });
    if (matches) continue;
    if (!computable) {
      verdict = null;
      problems.push(
        problem(
          XMLDSIG_RULES.notVerifiableHere,
          'XAdES SigningCertificate digest: no DigestMethod corridor can compute',
          properties.pos,
        ),
      );
      continue;
    }
    verdict = false;
    problems.push(
      problem(
        XMLDSIG_RULES.signingCertificateMismatch,
        'the signed XAdES SigningCertificate does not name the certificate that verified the signature: another certificate carrying the same key, or a swapped certificate',
        properties.pos,
      ),
    );
  }
  return { verdict, problems };
}

const OBJECT_TYPE = 'http://www.w3.org/2000/09/xmldsig#Object';
const MANIFEST_TYPE = 'http://www.w3.org/2000/09/xmldsig#Manifest';
const COUNTERSIGNED_TYPE = 'http://uri.etsi.org/01903#CountersignedSignature';

/**
 * ds:Object exists only as a child of ds:Signature: signed content inside an Object nested
 * anywhere else was moved there (DSS's XSW-enveloping-fake-object / -fake-manifest). A
 * Reference typed Object or Manifest must name one of this signature's own.
 */
function objectProblem(
  signature: XmlElement,
  element: XmlElement,
  type: string | undefined,
): string | undefined {
  for (let el: XmlElement | null = element; el; el = el.parent) {
    if (isDsig(el, 'Object') && !(el.parent && isDsig(el.parent, 'Signature'))) {
      return `lies in a ds:Object (${elementPath(el)}) that is not a child of a ds:Signature`;
    }
  }
  if (type === OBJECT_TYPE && !(isDsig(element, 'Object') && element.parent === signature)) {
    return 'is not a ds:Object of this signature, as its Type says';
  }
  if (
    type === MANIFEST_TYPE &&
    !(isDsig(element, 'Manifest') && element.parent?.parent === signature)
  ) {
    return 'is not a ds:Manifest in a ds:Object of this signature, as its Type says';
  }
  if (type === COUNTERSIGNED_TYPE) {
    // The countersigned SignatureValue is that of the signature whose CounterSignature holds this one.
    const holder = signature.parent;
    let parentSignature: XmlElement | null = holder;
    while (parentSignature && !isDsig(parentSignature, 'Signature'))
      parentSignature = parentSignature.parent;
    const ok =
      holder !== null &&
      isDsig(holder, 'CounterSignature', XADES_NS) &&
      isDsig(element, 'SignatureValue') &&
      parentSignature !== null &&
      element.parent === parentSignature;
    if (!ok)
      return 'is not the SignatureValue of the signature this CounterSignature countersigns, as its Type says';
  }
  return undefined;
}

/** Why `element` is not this signature's SignedProperties, or undefined when it is. */
function placementProblem(signature: XmlElement, element: XmlElement): string | undefined {
  if (!isDsig(element, 'SignedProperties', XADES_NS)) return 'is not a xades:SignedProperties';
  const qualifying = element.parent;
  if (!qualifying || !isDsig(qualifying, 'QualifyingProperties', XADES_NS)) {
    return 'is not inside xades:QualifyingProperties';
  }
  const object = qualifying.parent;
  if (!object || !isDsig(object, 'Object') || object.parent !== signature) {
    return 'is not in a ds:Object of this signature';
  }
  const id = plainAttribute(signature, 'Id');
  const target = plainAttribute(qualifying, 'Target');
  if (!id || target !== `#${id}`) {
    return `sits in QualifyingProperties whose Target (${target ?? 'none'}) does not name this signature (${id ? `#${id}` : 'no Id'})`;
  }
  return undefined;
}

interface CertDigest {
  method: string;
  value: Uint8Array | null;
}

/** Every Cert/CertDigest of SigningCertificate (1.3.2) and SigningCertificateV2 (EN 319 132). */
function signingCertificates(properties: XmlElement): CertDigest[] {
  const found: CertDigest[] = [];
  const signatureProperties = dsigChild(properties, 'SignedSignatureProperties', XADES_NS);
  if (!signatureProperties) return found;
  for (const name of ['SigningCertificate', 'SigningCertificateV2']) {
    for (const holder of dsigChildren(signatureProperties, name, XADES_NS)) {
      for (const cert of dsigChildren(holder, 'Cert', XADES_NS)) {
        const certDigest = dsigChild(cert, 'CertDigest', XADES_NS);
        if (!certDigest) continue;
        const value = dsigChild(certDigest, 'DigestValue');
        found.push({
          method: algorithmOf(dsigChild(certDigest, 'DigestMethod')),
          value:
            value && !valueText(value).nonText ? decodeBase64Strict(valueText(value).text) : null,
        });
      }
    }
  }
  return found;
}

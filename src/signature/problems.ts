import type { XmlPosition } from '../xml/dom.js';
import type { SignatureProblem } from './types.js';

/**
 * Stable rule ids of the problems the XMLDSig reader and verifier report. Profiles, tests
 * and users match on these strings, so they never change meaning.
 */
export const XMLDSIG_RULES = {
  /** More than one SignedInfo (CVE-2025-29774). */
  multipleSignedInfo: 'xmldsig/multiple-signedinfo',
  /** Comment, element or PI inside DigestValue / SignatureValue / X509Certificate (CVE-2025-29775). */
  nonTextInValue: 'xmldsig/non-text-in-value',
  badBase64: 'xmldsig/bad-base64',
  missingElement: 'xmldsig/missing-element',
  unexpectedElement: 'xmldsig/unexpected-element',
  referenceUnresolved: 'xmldsig/reference-unresolved',
  duplicateId: 'xmldsig/duplicate-id',
  externalReference: 'xmldsig/external-reference',
  unsupportedTransform: 'xmldsig/unsupported-transform',
  digestMismatch: 'xmldsig/digest-mismatch',
  signatureMismatch: 'xmldsig/signature-mismatch',
  notVerifiableHere: 'xmldsig/not-verifiable-here',
  hmacRefused: 'xmldsig/hmac-refused',
  unknownAlgorithm: 'xmldsig/unknown-algorithm',
  keyValueOnly: 'xmldsig/keyvalue-only',
  noKey: 'xmldsig/no-key',
  keyMismatch: 'xmldsig/key-mismatch',
  badCertificate: 'xmldsig/bad-certificate',
  badKeyValue: 'xmldsig/bad-key-value',
  retrievalMethodIgnored: 'xmldsig/retrieval-method-ignored',
  signedElementNotRoot: 'xmldsig/signed-element-not-root',
  noSignature: 'xmldsig/no-signature',
  untrusted: 'xmldsig/untrusted',
  internalError: 'xmldsig/internal-error',
  /** XAdES SigningTime unreadable, or several of them: the signing time is not used. */
  badSigningTime: 'xmldsig/bad-signing-time',
} as const;

export type XmldsigRuleId = (typeof XMLDSIG_RULES)[keyof typeof XMLDSIG_RULES];

export function problem(
  ruleId: XmldsigRuleId,
  message: string,
  pos?: XmlPosition,
): SignatureProblem {
  return pos ? { ruleId, message, pos } : { ruleId, message };
}

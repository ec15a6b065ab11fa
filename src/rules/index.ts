import type { Rule } from './types.js';
import { documentReadable } from './document-readable.js';
import { documentTypeAccepted } from './document-type-accepted.js';
import { documentSchemaValid } from './document-schema-valid.js';
import { signatureRequired } from './signature-required.js';
import { signatureFormatAccepted } from './signature-format-accepted.js';
import { signatureValid } from './signature-valid.js';
import { signatureMethodAccepted } from './signature-method-accepted.js';
import { signatureAlgorithmName } from './signature-algorithm-name.js';
import { signatureKeySize } from './signature-key-size.js';
import { signatureCurve } from './signature-curve.js';
import { signatureAlgorithmSunset } from './signature-algorithm-sunset.js';
import { signatureAlgorithmStrength } from './signature-algorithm-strength.js';
import { signatureValueEncoding } from './signature-value-encoding.js';
import { signatureDigestAccepted } from './signature-digest-accepted.js';
import { signatureCanonicalizationAccepted } from './signature-canonicalization-accepted.js';
import { signatureTransformAccepted } from './signature-transform-accepted.js';
import { signaturePlacement } from './signature-placement.js';
import { signatureUnsignedContent } from './signature-unsigned-content.js';
import { signatureTrusted } from './signature-trusted.js';
import { signatureRevoked } from './signature-revoked.js';
import { signatureCertificateValidity } from './signature-certificate-validity.js';
import { encryptionRequired } from './encryption-required.js';
import { encryptionAlgorithmAccepted } from './encryption-algorithm-accepted.js';
import { documentReceiverRules } from './document-receiver-rules.js';
import { documentSenderRules } from './document-sender-rules.js';
import { dataExportRestricted } from './data-export-restricted.js';
import { securitySignatureWrapping } from './security-signature-wrapping.js';
import { securityMultipleSignedInfo } from './security-multiple-signedinfo.js';
import { securityValueTampering } from './security-value-tampering.js';
import { securityUntrustedKeyInfo } from './security-untrusted-keyinfo.js';
import { securityKeyValueOnly } from './security-keyvalue-only.js';
import { securityExternalReference } from './security-external-reference.js';
import { securityDtd } from './security-dtd.js';
import { securityHmac } from './security-hmac.js';
import { securityLimit } from './security-limit.js';
import { securityPrototypePollution } from './security-prototype-pollution.js';

/** Every rule, in reporting order. A new rule is one file plus one line here. */
export const RULES: readonly Rule[] = [
  documentReadable,
  documentTypeAccepted,
  documentSchemaValid,
  signatureRequired,
  signatureFormatAccepted,
  signatureValid,
  signatureMethodAccepted,
  signatureAlgorithmName,
  signatureKeySize,
  signatureCurve,
  signatureAlgorithmSunset,
  signatureAlgorithmStrength,
  signatureValueEncoding,
  signatureDigestAccepted,
  signatureCanonicalizationAccepted,
  signatureTransformAccepted,
  signaturePlacement,
  signatureUnsignedContent,
  signatureCertificateValidity,
  signatureTrusted,
  signatureRevoked,
  encryptionRequired,
  encryptionAlgorithmAccepted,
  documentReceiverRules,
  documentSenderRules,
  dataExportRestricted,
  securitySignatureWrapping,
  securityMultipleSignedInfo,
  securityValueTampering,
  securityUntrustedKeyInfo,
  securityKeyValueOnly,
  securityExternalReference,
  securityDtd,
  securityHmac,
  securityLimit,
  securityPrototypePollution,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}

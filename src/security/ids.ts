import { JWS_RULES } from '../jose/problems.js';
import { XMLDSIG_RULES } from '../signature/problems.js';

/**
 * Stable ids of the security rules. A problem corridor itself raises for a security reason
 * (a limit, XInclude, a wrapped signature) carries the rule's id as its problem id, so one
 * string names the attack from the verifier up to the finding.
 */
export const SECURITY_RULES = {
  signatureWrapping: 'security/signature-wrapping',
  multipleSignedInfo: 'security/multiple-signedinfo',
  valueTampering: 'security/value-tampering',
  untrustedKeyInfo: 'security/untrusted-keyinfo',
  keyValueOnly: 'security/keyvalue-only',
  externalReference: 'security/external-reference',
  dtd: 'security/dtd',
  hmac: 'security/hmac',
  limit: 'security/limit',
  prototypePollution: 'security/prototype-pollution',
} as const;

export type SecurityRuleId = (typeof SECURITY_RULES)[keyof typeof SECURITY_RULES];

/**
 * Which security rule explains each problem id the reader, the verifier or the document
 * reader reports. The underlying finding (signature/valid, document/readable) still fails the
 * document; the security rule names the attack class so it can be filtered and counted.
 */
export const PROBLEM_TO_SECURITY_RULE: ReadonlyMap<string, SecurityRuleId> = new Map<
  string,
  SecurityRuleId
>([
  [XMLDSIG_RULES.signedElementNotRoot, SECURITY_RULES.signatureWrapping],
  [XMLDSIG_RULES.duplicateId, SECURITY_RULES.signatureWrapping],
  [SECURITY_RULES.signatureWrapping, SECURITY_RULES.signatureWrapping],
  [XMLDSIG_RULES.multipleSignedInfo, SECURITY_RULES.multipleSignedInfo],
  [XMLDSIG_RULES.nonTextInValue, SECURITY_RULES.valueTampering],
  [XMLDSIG_RULES.keyValueOnly, SECURITY_RULES.keyValueOnly],
  [XMLDSIG_RULES.externalReference, SECURITY_RULES.externalReference],
  [XMLDSIG_RULES.retrievalMethodIgnored, SECURITY_RULES.externalReference],
  [SECURITY_RULES.externalReference, SECURITY_RULES.externalReference],
  [XMLDSIG_RULES.hmacRefused, SECURITY_RULES.hmac],
  // JWS/CT: duplicate member names are JSON's signature wrapping; jwk is JSON's KeyValue.
  [JWS_RULES.duplicateMember, SECURITY_RULES.signatureWrapping],
  [JWS_RULES.jwkOnly, SECURITY_RULES.keyValueOnly],
  [JWS_RULES.remoteKeyReference, SECURITY_RULES.externalReference],
  [JWS_RULES.hmacRefused, SECURITY_RULES.hmac],
  // XInclude is reported by security/dtd from the tree itself (signed or not), not from here.
  ['document/dtd-refused', SECURITY_RULES.dtd],
  ['document/limit', SECURITY_RULES.limit],
  ['document/polluting-name', SECURITY_RULES.prototypePollution],
  [SECURITY_RULES.limit, SECURITY_RULES.limit],
]);

/** XInclude 1.0 (2001) and the 2003 draft namespace some processors still honour. */
export const XINCLUDE_NAMESPACES: readonly string[] = [
  'http://www.w3.org/2001/XInclude',
  'http://www.w3.org/2003/XInclude',
];

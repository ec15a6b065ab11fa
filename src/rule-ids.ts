/**
 * Every stable problem and rule id corridor's readers and verifiers report, and which security
 * rule explains each one. A leaf module: it imports nothing, so security/, jose/, signature/ and
 * documents/ all depend on it and never on one another for their ids.
 */

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
  /** SignatureValue verifies only when read off its standard layout (e.g. ECDSA as DER). */
  nonconformantEncoding: 'xmldsig/nonconformant-signature-encoding',
  notVerifiableHere: 'xmldsig/not-verifiable-here',
  hmacRefused: 'xmldsig/hmac-refused',
  unknownAlgorithm: 'xmldsig/unknown-algorithm',
  keyValueOnly: 'xmldsig/keyvalue-only',
  noKey: 'xmldsig/no-key',
  keyMismatch: 'xmldsig/key-mismatch',
  /** Offline revocation (`--crl`): the signer's or an intermediate certificate is revoked. */
  certificateRevoked: 'xmldsig/certificate-revoked',
  crlExpired: 'xmldsig/crl-expired',
  crlNotYetValid: 'xmldsig/crl-not-yet-valid',
  /** `--require-revocation` and no current CRL for a certificate of the path. */
  revocationUnknown: 'xmldsig/revocation-unknown',
  /** A KeyName or X509Data lookup fits several certificates: not guessed. */
  ambiguousKey: 'xmldsig/ambiguous-key',
  badCertificate: 'xmldsig/bad-certificate',
  badKeyValue: 'xmldsig/bad-key-value',
  retrievalMethodIgnored: 'xmldsig/retrieval-method-ignored',
  noSignature: 'xmldsig/no-signature',
  untrusted: 'xmldsig/untrusted',
  internalError: 'xmldsig/internal-error',
  /** A SignedProperties Reference resolving outside this signature's QualifyingProperties. */
  signedPropertiesNotFound: 'xmldsig/signed-properties-not-found',
  /** A Reference of Type Object/Manifest, or any signed content, inside a misplaced ds:Object. */
  signedDataNotFound: 'xmldsig/signed-data-not-found',
  /** The signed XAdES SigningCertificate(V2) names another certificate than the verifying one. */
  signingCertificateMismatch: 'xmldsig/signing-certificate-mismatch',
  /** XAdES SigningTime unreadable, or several of them: the signing time is not used. */
  badSigningTime: 'xmldsig/bad-signing-time',
} as const;

export type XmldsigRuleId = (typeof XMLDSIG_RULES)[keyof typeof XMLDSIG_RULES];

/**
 * Stable rule ids of the problems the JWS/CT reader and verifier report (the JSON
 * counterparts of `xmldsig/*`). Profiles, tests and users match on these strings.
 */
export const JWS_RULES = {
  /** The signature member is not `BASE64URL(header)..BASE64URL(signature)`. */
  malformed: 'jws/malformed',
  badBase64url: 'jws/bad-base64url',
  /** Protected header unusable: not a JSON object, bad `crit`, bad `sigT`, duplicate names. */
  badHeader: 'jws/bad-header',
  /** A `crit` entry corridor does not understand (RFC 7515 §4.1.11): the JWS is refused. */
  unknownCritical: 'jws/unknown-crit',
  /** `b64: false` (RFC 7797): the unencoded payload option is not supported. */
  unencodedPayload: 'jws/unencoded-payload',
  algNone: 'jws/alg-none',
  hmacRefused: 'jws/hmac-refused',
  unknownAlgorithm: 'jws/unknown-algorithm',
  notVerifiableHere: 'jws/not-verifiable-here',
  /** The same member name twice in one object of the signed document (I-JSON, RFC 7493 §2.3). */
  duplicateMember: 'jws/duplicate-member',
  /** Content JCS cannot canonicalize: lone surrogates, numbers outside IEEE 754 double. */
  notIJson: 'jws/not-i-json',
  x5tMismatch: 'jws/x5t-mismatch',
  badCertificate: 'jws/bad-certificate',
  badJwk: 'jws/bad-jwk',
  /** The only key is the `jwk` the signature carries: integrity, not identity. */
  jwkOnly: 'jws/jwk-only',
  /** `x5u` / `jku`: keys by URL, never fetched. */
  remoteKeyReference: 'jws/remote-key-reference',
  noKey: 'jws/no-key',
  keyMismatch: 'jws/key-mismatch',
  signatureMismatch: 'jws/signature-mismatch',
  noSignature: 'jws/no-signature',
  internalError: 'jws/internal-error',
} as const;

export type JwsRuleId = (typeof JWS_RULES)[keyof typeof JWS_RULES];

/**
 * Stable ids of the problems the document readers report: `document/readable` (and
 * `document/schema-valid` for the XSD's) carries each as a finding whose message id is the
 * problem's id.
 */
export const DOCUMENT_PROBLEMS = {
  /** The file cannot be read at all (not a file, unreadable, outside --docs). */
  unreadable: 'document/unreadable',
  wellFormed: 'document/well-formed',
  dtdRefused: 'document/dtd-refused',
  limit: 'document/limit',
  /** A field the definition reads once occurs several times. */
  repeatedField: 'document/repeated-field',
  duplicateMember: 'document/duplicate-member',
  /** No definition reads the document, or its version is not one the definition knows. */
  type: 'document/type',
  /** A JSON number outside the range the model keeps exactly. */
  numberRange: 'document/number-range',
  /** A mapped field whose value the definition's conversion (date, code list) cannot convert. */
  fieldConversion: 'document/field-conversion',
  /** `__proto__` / `constructor.prototype` names in a document (prototype pollution). */
  pollutingName: 'document/polluting-name',
  /** The XSD's findings (document/schema-valid). */
  schemaValid: 'document/schema-valid',
} as const;

export type DocumentProblemId = (typeof DOCUMENT_PROBLEMS)[keyof typeof DOCUMENT_PROBLEMS];

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
  [XMLDSIG_RULES.duplicateId, SECURITY_RULES.signatureWrapping],
  [XMLDSIG_RULES.signedPropertiesNotFound, SECURITY_RULES.signatureWrapping],
  [XMLDSIG_RULES.signedDataNotFound, SECURITY_RULES.signatureWrapping],
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

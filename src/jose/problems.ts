import type { XmlPosition } from '../xml/dom.js';
import type { SecurityRuleId } from '../security/ids.js';
import type { SignatureProblem } from '../signature/types.js';

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

export function jwsProblem(
  ruleId: JwsRuleId | SecurityRuleId,
  message: string,
  pos?: XmlPosition,
): SignatureProblem {
  return pos ? { ruleId, message, pos } : { ruleId, message };
}

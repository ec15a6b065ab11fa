import { createPublicKey } from 'node:crypto';
import { schemeFor } from '../crypto/schemes/index.js';
import type { KeyFamily, PublicKey } from '../crypto/types.js';
import { cachedPublicKey } from '../signature/key-cache.js';
import {
  chooseKey,
  keySummary,
  type ExplicitKey,
  type KeyChoice,
} from '../signature/key-selection.js';
import { XMLDSIG_RULES } from '../signature/problems.js';
import type { SignatureInfo, SignatureProblem, SignatureVerification } from '../signature/types.js';
import { clipQuoted } from '../util/clip.js';
import { encodeBase64Url } from './base64url.js';
import { canonicalizeJson, JcsError } from './jcs.js';
import { classifyJwsAlg, requiredCurve, verifyJwsInput } from './jws-algorithm.js';
import { jwsCtParts, REFUSING_JWS_PROBLEMS, type JwsCtParts } from './jws-ct-read.js';
import { JWS_RULES, jwsProblem } from './problems.js';

export interface JwsVerifyOptions {
  /** Keys the caller vouches for (`--key`); when given, x5c and jwk keys are not used. */
  keys?: readonly (PublicKey | ExplicitKey)[];
}

type Verdict = boolean | null;

/** Key-selection problems speak XMLDSig; the JWS ones say the same about the header. */
const FROM_XMLDSIG: ReadonlyMap<
  string,
  { ruleId: (typeof JWS_RULES)[keyof typeof JWS_RULES]; message?: string }
> = new Map([
  [XMLDSIG_RULES.badCertificate, { ruleId: JWS_RULES.badCertificate }],
  [XMLDSIG_RULES.keyMismatch, { ruleId: JWS_RULES.keyMismatch }],
  [
    XMLDSIG_RULES.noKey,
    {
      ruleId: JWS_RULES.noKey,
      message:
        'no key to verify with: give one with --key, or sign with "x5c" in the protected header',
    },
  ],
]);

/** A verification of `info` before anything is checked: not valid, no key, its read problems. */
export function uncheckedJwsVerification(
  info: SignatureInfo,
  extraProblems: readonly SignatureProblem[] = [],
): SignatureVerification {
  return {
    valid: null,
    signatureMethod: info.signatureMethod,
    digestMethods: [],
    canonicalization: info.canonicalizationMethod,
    keySource: 'none',
    certificateChain: [],
    problems: [...info.problems, ...extraProblems],
  };
}

/**
 * Verifies one JWS/CT signature: the signing input is ASCII(protected "." BASE64URL(JCS of the
 * object without its signature member)). `valid` is true only when the signature verified with
 * a key bound to a certificate or given by the caller; a bare `jwk` proves integrity only
 * (null); anything refused or failed is false.
 */
export function verifyJwsCt(
  info: SignatureInfo,
  options: JwsVerifyOptions = {},
): SignatureVerification {
  const result = uncheckedJwsVerification(info);
  const problems = result.problems;
  const parts = jwsCtParts(info);
  const verdicts: Verdict[] = [];
  if (info.problems.some((p) => REFUSING_JWS_PROBLEMS.has(p.ruleId))) verdicts.push(false);
  if (!parts) {
    result.valid = false;
    return result;
  }
  const method = classifyJwsAlg(info.signatureMethod);
  if (method.problem) problems.push({ ...method.problem, pos: info.pos });
  verdicts.push(method.verdict);

  const keys = selectKeys(info, parts, method.family, options, problems);
  result.keySource = keys.keySource;
  result.certificateChain = keys.certificateChain;
  const signer = keys.candidates[0]?.signer;
  if (signer) result.signer = signer;

  if (method.verdict === true && method.id) {
    verdicts.push(checkSignature(info, parts, method.id, keys, problems));
  }
  let valid = combine(verdicts);
  // Afterwards, as for XMLDSig: a remote key reference refuses, a bare key is not an identity.
  if (valid === true) {
    if (info.keyInfo.other.length > 0) valid = false;
    else if (keys.keySource === 'key-value') valid = null;
  }
  result.valid = valid;
  return result;
}

function combine(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes(false)) return false;
  if (verdicts.includes(null)) return null;
  return verdicts.length > 0;
}

/** chooseKey's rules (explicit keys, then the x5c leaf), then a bare `jwk` as a last resort. */
function selectKeys(
  info: SignatureInfo,
  parts: JwsCtParts,
  family: KeyFamily | undefined,
  options: JwsVerifyOptions,
  problems: SignatureProblem[],
): KeyChoice {
  const explicit = options.keys?.map((k): ExplicitKey => ('key' in k ? k : { key: k }));
  const choice = chooseKey(info, undefined, family, explicit);
  const translated = choice.problems.map((p) => {
    const jws = FROM_XMLDSIG.get(p.ruleId);
    return jws ? { ...p, ruleId: jws.ruleId, message: jws.message ?? p.message } : p;
  });
  if (choice.keySource !== 'none' || !parts.jwk) {
    problems.push(...translated);
    return choice;
  }
  problems.push(...translated.filter((p) => p.ruleId !== JWS_RULES.noKey));
  const key = jwkKey(parts.jwk);
  if ('error' in key) {
    problems.push(jwsProblem(JWS_RULES.badJwk, `unusable "jwk": ${key.error}`, info.pos));
    return choice;
  }
  problems.push(
    jwsProblem(
      JWS_RULES.jwkOnly,
      'verified with the bare "jwk" in the header: this proves integrity, not identity',
      info.pos,
    ),
  );
  return { ...choice, candidates: [{ key, signer: keySummary(key) }], keySource: 'key-value' };
}

/** RSA, EC and OKP keys through Node's JWK import, then corridor's own SPKI decoder. */
function jwkKey(jwk: Record<string, unknown>): PublicKey | { error: string } {
  if ('d' in jwk) return { error: 'it contains a private key' };
  let spki: Uint8Array;
  try {
    const object = createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
    spki = new Uint8Array(object.export({ type: 'spki', format: 'der' }));
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  return cachedPublicKey(spki);
}

function checkSignature(
  info: SignatureInfo,
  parts: JwsCtParts,
  methodId: string,
  keys: KeyChoice,
  problems: SignatureProblem[],
): Verdict {
  if (!info.signatureValue) return false;
  if (keys.candidates.length === 0) {
    if (keys.keySource !== 'key-file') return null;
    problems.push(
      jwsProblem(
        JWS_RULES.keyMismatch,
        `none of the given keys fits ${clipQuoted(info.signatureMethod)}`,
      ),
    );
    return false;
  }
  const scheme = schemeFor(methodId);
  if (!scheme) return null;
  let canonical: string;
  try {
    canonical = canonicalizeJson(parts.payload);
  } catch (error) {
    if (!(error instanceof JcsError)) throw error;
    problems.push(
      jwsProblem(JWS_RULES.notIJson, `the signed object has no canonical form: ${error.message}`),
    );
    return false;
  }
  const input = Buffer.from(`${parts.protectedB64}.${encodeBase64Url(canonical)}`, 'ascii');
  const signatureValue = info.signatureValue;
  const curve = requiredCurve(methodId);
  const fitting = keys.candidates.filter(
    ({ key }) => curve === undefined || key.curve?.name === curve,
  );
  if (fitting.length === 0) {
    problems.push(
      jwsProblem(
        JWS_RULES.keyMismatch,
        `${clipQuoted(info.signatureMethod)} requires a ${curve ?? ''} key, the key is ${keys.candidates[0]?.key.curve?.name ?? 'on another curve'}`,
      ),
    );
    return false;
  }
  const ok = fitting.some(({ key }) => verifyJwsInput(methodId, key, input, signatureValue));
  if (!ok) {
    problems.push(
      jwsProblem(
        JWS_RULES.signatureMismatch,
        'the signature does not verify with the key: the signed object or the header was changed, or the key is not the signer’s',
        info.pos,
      ),
    );
  }
  return ok;
}

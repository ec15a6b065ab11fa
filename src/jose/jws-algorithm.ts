import { algorithmByUri } from '../algorithms/registry.js';
import { schemeFor } from '../crypto/schemes/index.js';
import type { KeyFamily, PublicKey } from '../crypto/types.js';
import type { SignatureProblem } from '../signature/types.js';
import { clipQuoted } from '../util/clip.js';
import { JWS_RULES, jwsProblem } from './problems.js';

/** What a JWS `alg` means here. */
export interface JwsAlgorithm {
  /** Registry id when corridor can verify the algorithm. */
  id?: string;
  family?: KeyFamily;
  /** true: verifiable; null: cannot be verified here; false: refused (`none`, HMAC). */
  verdict: boolean | null;
  problem?: SignatureProblem;
}

/** RFC 7518 §3.4: each ES* name fixes the curve as well as the hash. */
const ES_CURVES: Readonly<Record<string, string>> = {
  'ecdsa-sha256': 'P-256',
  'ecdsa-sha384': 'P-384',
  'ecdsa-sha512': 'P-521',
};

export function classifyJwsAlg(alg: string): JwsAlgorithm {
  if (alg === 'none') {
    return {
      verdict: false,
      problem: jwsProblem(JWS_RULES.algNone, '"alg": "none" is an unsigned JWS; refused'),
    };
  }
  const entry = algorithmByUri(alg);
  // Only JOSE names count: an XML URI in "alg" is not a JWS algorithm.
  if (!entry || entry.kind !== 'signature' || !entry.jose?.includes(alg)) {
    return {
      verdict: null,
      problem: jwsProblem(
        JWS_RULES.unknownAlgorithm,
        `unknown JWS algorithm "${clipQuoted(alg) || '(none)'}"`,
      ),
    };
  }
  if (entry.family === 'hmac') {
    return {
      verdict: false,
      problem: jwsProblem(
        JWS_RULES.hmacRefused,
        `${clipQuoted(alg)} (${entry.name}): a shared-secret MAC proves nothing about who signed; refused`,
      ),
    };
  }
  const family = entry.family as KeyFamily;
  if (!entry.verifiable || !schemeFor(entry.id)) {
    return {
      family,
      verdict: null,
      problem: jwsProblem(
        JWS_RULES.notVerifiableHere,
        `${entry.name} (${clipQuoted(alg)}): recognised, not verifiable here`,
      ),
    };
  }
  return { id: entry.id, family, verdict: true };
}

/** The curve an algorithm requires of its key, when it names one (ES256 → P-256). */
export function requiredCurve(algorithmId: string): string | undefined {
  return ES_CURVES[algorithmId];
}

/**
 * The JWS signature check proper: `input` is ASCII(protected "." payload). JOSE lays ECDSA out
 * as r‖s, as XMLDSig does; GOST (s‖r) and SM2 (r‖s) follow their XMLDSig layout, so the
 * scheme's 'xmldsig' encoding is the JWS one. A key on the wrong curve never verifies.
 */
export function verifyJwsInput(
  algorithmId: string,
  key: PublicKey,
  input: Uint8Array,
  signature: Uint8Array,
): boolean {
  const curve = requiredCurve(algorithmId);
  if (curve !== undefined && key.curve?.name !== curve) return false;
  const scheme = schemeFor(algorithmId);
  return scheme !== undefined && scheme.verify(algorithmId, key, input, signature, 'xmldsig');
}

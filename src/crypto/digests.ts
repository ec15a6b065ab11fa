import { createHash } from 'node:crypto';
import { Lazy } from '../util/lazy.js';
import { UnsupportedAlgorithmError } from './errors.js';

/**
 * Digest by registry id (see algorithms/catalogue.ts). Only ids with a tested implementation
 * are listed; everything else, including recognised-but-uncomputable ones (KZ
 * 34.11-2015 256), throws UnsupportedAlgorithmError so callers report "cannot verify".
 */
// Maps, not object literals: an id like 'constructor' must not resolve to a prototype member.
const NODE_HASHES = new Map<string, string>([
  ['sha1', 'sha1'],
  ['sha224', 'sha224'],
  ['sha256', 'sha256'],
  ['sha384', 'sha384'],
  ['sha512', 'sha512'],
  ['sha3-224', 'sha3-224'],
  ['sha3-256', 'sha3-256'],
  ['sha3-384', 'sha3-384'],
  ['sha3-512', 'sha3-512'],
  // Broken (the registry marks them so and rules report it), computed to say so with certainty.
  ['md5', 'md5'],
  ['ripemd160', 'ripemd160'],
]);

// Imported when a document first uses one (util/lazy.ts): most runs hash with SHA-2 only.
const SM3 = new Lazy('SM3', () => import('./sm3.js'));
const STREEBOG = new Lazy('Streebog', () => import('./streebog.js'));
const GOSTR3411_94 = new Lazy('GOST R 34.11-94', () => import('./gostr3411-94.js'));
const BELT = new Lazy('belt-hash', () => import('./belt/hash.js'));
const BASH = new Lazy('bash', () => import('./bash/hash.js'));
export const DIGEST_MODULES = { SM3, STREEBOG, GOSTR3411_94, BELT, BASH } as const;

// GOST hashes emit bytes in the order XMLDSig DigestValue carries them (see
// shared/reference/gost-xmldsig.md); gostr3411-94 uses the CryptoPro S-box.
const OWN_HASHES = new Map<string, (data: Uint8Array) => Uint8Array>([
  ['sm3', (data) => SM3.get().sm3(data)],
  ['streebog256', (data) => STREEBOG.get().streebog256(data)],
  ['streebog512', (data) => STREEBOG.get().streebog512(data)],
  // Kalkan's GOST 34.11-2015 512 is Streebog-512: the DigestValue of a Kalkan-signed public
  // sample (test/vectors/kalkan/) is. The 256-bit one has no sample here.
  ['kz-gost34112015-512', (data) => STREEBOG.get().streebog512(data)],
  ['gostr3411-94', (data) => GOSTR3411_94.get().gostr341194(data)],
  // STB 34.101.31: bytes as the standard prints its hash values (its Appendix A).
  ['belt-hash256', (data) => BELT.get().beltHash(data)],
  // STB 34.101.77: the first 32 octets of the final sponge state (its Appendix A).
  ['bash256', (data) => BASH.get().bash256(data)],
]);

export function digest(algorithmId: string, data: Uint8Array): Uint8Array {
  const nodeName = NODE_HASHES.get(algorithmId);
  if (nodeName) return new Uint8Array(createHash(nodeName).update(data).digest());
  const own = OWN_HASHES.get(algorithmId);
  if (own) return own(data);
  throw new UnsupportedAlgorithmError(algorithmId, `digest '${algorithmId}' is not supported`);
}

/** A digest fed in chunks (`update`), for the algorithms OpenSSL computes; undefined otherwise. */
export function digestStream(
  algorithmId: string,
): { update(chunk: Uint8Array): void; digest(): Uint8Array } | undefined {
  const nodeName = NODE_HASHES.get(algorithmId);
  if (!nodeName) return undefined;
  const hash = createHash(nodeName);
  return {
    update: (chunk) => void hash.update(chunk),
    digest: () => new Uint8Array(hash.digest()),
  };
}

/** True when `digest(algorithmId, …)` will not throw UnsupportedAlgorithmError. */
export function isDigestSupported(algorithmId: string): boolean {
  return NODE_HASHES.has(algorithmId) || OWN_HASHES.has(algorithmId);
}

import { createHash } from 'node:crypto';
import { bash256 } from './bash/hash.js';
import { beltHash } from './belt/hash.js';
import { UnsupportedAlgorithmError } from './errors.js';
import { gostr341194 } from './gostr3411-94.js';
import { sm3 } from './sm3.js';
import { streebog256, streebog512 } from './streebog.js';

/**
 * Digest by registry id (see algorithms/catalogue.ts). Only ids with a tested implementation
 * are listed; everything else, including recognised-but-uncomputable ones (KZ
 * 34.11-2015), throws UnsupportedAlgorithmError so callers report "cannot verify".
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

// GOST hashes emit bytes in the order XMLDSig DigestValue carries them (see
// shared/reference/gost-xmldsig.md); gostr3411-94 uses the CryptoPro S-box.
const OWN_HASHES = new Map<string, (data: Uint8Array) => Uint8Array>([
  ['sm3', sm3],
  ['streebog256', streebog256],
  ['streebog512', streebog512],
  ['gostr3411-94', gostr341194],
  // STB 34.101.31: bytes as the standard prints its hash values (its Appendix A).
  ['belt-hash256', (data) => beltHash(data)],
  // STB 34.101.77: the first 32 octets of the final sponge state (its Appendix A).
  ['bash256', bash256],
]);

export function digest(algorithmId: string, data: Uint8Array): Uint8Array {
  const nodeName = NODE_HASHES.get(algorithmId);
  if (nodeName) return new Uint8Array(createHash(nodeName).update(data).digest());
  const own = OWN_HASHES.get(algorithmId);
  if (own) return own(data);
  throw new UnsupportedAlgorithmError(algorithmId, `digest '${algorithmId}' is not supported`);
}

/** True when `digest(algorithmId, …)` will not throw UnsupportedAlgorithmError. */
export function isDigestSupported(algorithmId: string): boolean {
  return NODE_HASHES.has(algorithmId) || OWN_HASHES.has(algorithmId);
}

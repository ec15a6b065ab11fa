import type { WeierstrassPoint } from '@noble/curves/abstract/weierstrass.js';
import { beltHash } from '../belt/hash.js';
import { beltWideEncrypt } from '../belt/wide-block.js';
import { bigIntToLe, leToBigInt, randomScalar } from '../gost/signature.js';
import { basePoint } from '../base-table.js';
import { bignPointType, type BignCurveParams } from './curves.js';

/**
 * bign digital signature (STB 34.101.45-2013 §7.1) over a hash value H of 2l bits, with the
 * one-time key k drawn at random or derived deterministically (§6.3.3). Every integer is read
 * from and written to octets little-endian, as the standard prescribes. The signature is
 * S = S0 ‖ S1: S0 the first l bits of belt-hash(OID(h) ‖ <R>_2l ‖ H), S1 = (k − H − (S0 + 2^l)·d)
 * mod q in 2l bits, 3l bits in all (48 octets on bign-curve256v1).
 */

/** DER of OID 1.2.112.0.2.0.34.101.31.81 (belt-hash): the OID(h) bign-with-hbelt signs with. */
export const BELT_HASH_OID_DER: Uint8Array = Uint8Array.from([
  0x06, 0x09, 0x2a, 0x70, 0x00, 0x02, 0x00, 0x22, 0x65, 0x1f, 0x51,
]);

/** Octet length of a signature on a curve of level l: 3l/8. */
export function bignSignatureBytes(params: BignCurveParams): number {
  return (3 * params.level) / 8;
}

function modPos(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

/** S0 = first l/8 octets of belt-hash(oid ‖ x(R) ‖ H). */
function challenge(
  params: BignCurveParams,
  oidDer: Uint8Array,
  x: bigint,
  hash: Uint8Array,
): Uint8Array {
  return beltHash(oidDer, bigIntToLe(x, params.bytes), hash).subarray(0, params.level / 8);
}

/**
 * The deterministic one-time key of §6.3.3: θ = belt-hash(OID(h) ‖ <d> ‖ t), then r = H
 * encrypted with belt-wblock under θ until it reads as an integer in [1, q−1].
 */
export function bignDeterministicK(
  params: BignCurveParams,
  d: bigint,
  hash: Uint8Array,
  t: Uint8Array = new Uint8Array(0),
  oidDer: Uint8Array = BELT_HASH_OID_DER,
): bigint {
  const theta = beltHash(oidDer, bigIntToLe(d, params.bytes), t);
  let r: Uint8Array = Uint8Array.from(hash);
  for (;;) {
    r = beltWideEncrypt(r, theta);
    const k = leToBigInt(r);
    if (k > 0n && k < params.q) return k;
  }
}

/**
 * Signs hash H (params.bytes octets) with private key d. k defaults to the deterministic
 * key of §6.3.3 (no random number generator to get wrong, and the standard's vectors check
 * it); `k` may be given explicitly (tests reproducing the standard's randomized examples).
 */
export function bignSignHash(
  params: BignCurveParams,
  d: bigint,
  hash: Uint8Array,
  options: { k?: bigint; oidDer?: Uint8Array } = {},
): Uint8Array {
  const { q, level } = params;
  if (hash.length !== params.bytes) {
    throw new RangeError(`bign on ${params.name} signs a ${params.bytes}-octet hash`);
  }
  if (d <= 0n || d >= q) throw new RangeError('bign private key out of range');
  const oidDer = options.oidDer ?? BELT_HASH_OID_DER;
  const k = options.k ?? bignDeterministicK(params, d, hash, undefined, oidDer);
  if (k <= 0n || k >= q) throw new RangeError('bign one-time key out of range');
  const R = basePoint(bignPointType(params)).multiply(k);
  const s0Bytes = challenge(params, oidDer, R.x, hash);
  const s0 = leToBigInt(s0Bytes);
  const h = leToBigInt(hash);
  const s1 = modPos(k - h - (s0 + (1n << BigInt(level))) * d, q);
  const out = new Uint8Array(bignSignatureBytes(params));
  out.set(s0Bytes, 0);
  out.set(bigIntToLe(s1, params.bytes), level / 8);
  return out;
}

/** A random-k signature (§7.1.3 with a CSPRNG), for callers that must not be deterministic. */
export function bignSignHashRandom(
  params: BignCurveParams,
  d: bigint,
  hash: Uint8Array,
): Uint8Array {
  return bignSignHash(params, d, hash, { k: randomScalar(params.q) });
}

/**
 * Verifies S over hash H for public point Q (§7.1.4): R = ((S1 + H) mod q)·G + (S0 + 2^l)·Q,
 * valid when R ≠ O and S0 equals the first l bits of belt-hash(OID ‖ x(R) ‖ H). Never throws.
 */
export function bignVerifyHash(
  params: BignCurveParams,
  Q: WeierstrassPoint<bigint>,
  hash: Uint8Array,
  signature: Uint8Array,
  oidDer: Uint8Array = BELT_HASH_OID_DER,
): boolean {
  const { q, level } = params;
  if (hash.length !== params.bytes || signature.length !== bignSignatureBytes(params)) {
    return false;
  }
  const s0Bytes = signature.subarray(0, level / 8);
  const s1 = leToBigInt(signature.subarray(level / 8));
  if (s1 >= q) return false;
  const h = leToBigInt(hash) % q;
  const s0 = leToBigInt(s0Bytes) + (1n << BigInt(level));
  const P = bignPointType(params);
  const u = (s1 + h) % q;
  // Public inputs: variable-time multiplication is fine (multiplyUnsafe accepts 0).
  const R = basePoint(P).multiplyUnsafe(u).add(Q.multiplyUnsafe(s0));
  if (R.is0()) return false;
  const t = challenge(params, oidDer, R.toAffine().x, hash);
  return Buffer.from(t).equals(Buffer.from(s0Bytes));
}

import { randomBytes } from 'node:crypto';
import type { WeierstrassPoint } from '@noble/curves/abstract/weierstrass.js';
import { basePoint } from '../base-table.js';
import { gostPointType, type GostCurveParams } from './curves.js';

/**
 * GOST R 34.10-2001/2012 signature arithmetic (RFC 7091 §6), on @noble/curves points.
 * Works on a hash value; hashing the message is the scheme's job.
 */
export interface GostSignatureValue {
  r: bigint;
  s: bigint;
}

/** Little-endian bytes → integer. */
export function leToBigInt(bytes: Uint8Array): bigint {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i] as number);
  return v;
}

/** Big-endian bytes → integer. */
export function beToBigInt(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

/** Integer → `len` big-endian bytes (throws if it does not fit). */
export function bigIntToBe(v: bigint, len: number): Uint8Array {
  const out = new Uint8Array(len);
  let x = v;
  for (let i = len - 1; i >= 0; i--, x >>= 8n) out[i] = Number(x & 0xffn);
  if (x !== 0n || v < 0n) throw new RangeError(`integer does not fit in ${len} bytes`);
  return out;
}

/** Integer → `len` little-endian bytes. */
export function bigIntToLe(v: bigint, len: number): Uint8Array {
  return bigIntToBe(v, len).reverse();
}

/**
 * e = hash read as a little-endian integer, mod q, with 0 replaced by 1. The hash bytes are
 * in the order the hash function emits them (GOST's vectors print that integer big-endian).
 */
export function hashToE(hash: Uint8Array, q: bigint): bigint {
  const e = leToBigInt(hash) % q;
  return e === 0n ? 1n : e;
}

/** Uniform scalar in [1, q-1] from the system CSPRNG (64 extra bits make the bias negligible). */
export function randomScalar(q: bigint): bigint {
  const len = Math.ceil(q.toString(16).length / 2) + 8;
  return (beToBigInt(randomBytes(len)) % (q - 1n)) + 1n;
}

function modPos(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

/**
 * Signs a hash with private key d. k is drawn at random unless `fixedK` is given (tests only:
 * a repeated k reveals the key). The secret multiplication k·G is noble's constant-time one.
 */
export function gostSignHash(
  params: GostCurveParams,
  d: bigint,
  hash: Uint8Array,
  fixedK?: bigint,
): GostSignatureValue {
  const { q } = params;
  if (d <= 0n || d >= q) throw new RangeError('GOST private key out of range');
  const G = basePoint(gostPointType(params));
  const e = hashToE(hash, q);
  for (;;) {
    const k = fixedK ?? randomScalar(q);
    if (k <= 0n || k >= q) throw new RangeError('k out of range');
    const r = G.multiply(k).x % q;
    const s = (r * d + k * e) % q;
    if (r !== 0n && s !== 0n) return { r, s };
    if (fixedK !== undefined) throw new RangeError('fixed k yields r = 0 or s = 0');
  }
}

/**
 * Verifies (r, s) over a hash for public point Q. All inputs are public, so the faster
 * variable-time multiplications are used.
 */
export function gostVerifyHash(
  params: GostCurveParams,
  pub: WeierstrassPoint<bigint>,
  hash: Uint8Array,
  sig: GostSignatureValue,
): boolean {
  const { q } = params;
  const { r, s } = sig;
  if (r <= 0n || r >= q || s <= 0n || s >= q) return false;
  const P = gostPointType(params);
  const v = P.Fn.inv(hashToE(hash, q));
  const z1 = modPos(s * v, q);
  const z2 = modPos(-r * v, q);
  const c = basePoint(P).multiplyUnsafe(z1).add(pub.multiplyUnsafe(z2));
  if (c.is0()) return false;
  return c.x % q === r;
}

/** s ‖ r, each big-endian of `bits`/8 bytes: the layout of XMLDSig and X.509 GOST values. */
export function encodeGostSignature(sig: GostSignatureValue, bits: 256 | 512): Uint8Array {
  const n = bits / 8;
  const out = new Uint8Array(2 * n);
  out.set(bigIntToBe(sig.s, n), 0);
  out.set(bigIntToBe(sig.r, n), n);
  return out;
}

/** Splits s ‖ r; undefined when the length is not exactly two halves of `bits`/8. */
export function decodeGostSignature(
  bytes: Uint8Array,
  bits: 256 | 512,
): GostSignatureValue | undefined {
  const n = bits / 8;
  if (bytes.length !== 2 * n) return undefined;
  return { s: beToBigInt(bytes.subarray(0, n)), r: beToBigInt(bytes.subarray(n)) };
}

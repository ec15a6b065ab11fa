import {
  weierstrass,
  type WeierstrassPoint,
  type WeierstrassPointCons,
} from '@noble/curves/abstract/weierstrass.js';
import { sm2 } from 'sm-crypto-v2';
import { basePoint, deferBaseTable, keyTableAfterUse } from '../base-table.js';
import { checkSm2Point, SM2_DEFAULT_USER_ID, SM2_ORDER } from './curve.js';
import type { RsPair } from './der-signature.js';

/**
 * SM2 signature verification (GB/T 32918.2-2016 §7.1) over @noble/curves' point arithmetic.
 * e = SM3(Z ‖ M) is sm-crypto-v2's (`getHash`, Z from the user ID and the key); only the
 * equation R = (e + x1) mod n with (x1, y1) = [s]G + [t]P, t = (r + s) mod n, is written here.
 * Why not sm-crypto-v2's doVerifySignature: it builds a W=8 table of the base point at its first
 * verification (~0.3 s of a one-document `check` of an SM2-signed declaration) and offers no
 * way to skip it; here the base point's table comes once it pays off (base-table.ts).
 * Cross-checked against OpenSSL both ways and a China e-Port signature (test/crypto/sm2.test.ts).
 */

/** sm2p256v1 (GB/T 32918.5-2017 §5; the same values as OpenSSL's SM2 curve). */
const SM2P256V1 = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: SM2_ORDER,
  h: 1n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
};

let curve: WeierstrassPointCons<bigint> | undefined;

/** The curve's point constructor, made on first use (its base point's table deferred). */
export function sm2PointType(): WeierstrassPointCons<bigint> {
  if (!curve) {
    curve = weierstrass(SM2P256V1);
    deferBaseTable(curve);
  }
  return curve;
}

/**
 * Keys by their encoding: the validated point, with its own table once it pays off
 * (keyTableAfterUse: a table costs ~0.2 s, more than a one-document check verifies).
 */
interface Sm2Key {
  point: WeierstrassPoint<bigint>;
  hex: string;
  uses: number;
}
const keys = new Map<string, Sm2Key>();
const KEYS_MAX = 256;

function keyFor(encoded: Uint8Array): Sm2Key {
  const hex = Buffer.from(encoded).toString('hex');
  let key = keys.get(hex);
  if (!key) {
    checkSm2Point(encoded);
    const point = sm2PointType().fromBytes(encoded);
    point.assertValidity();
    if (keys.size >= KEYS_MAX) keys.clear();
    key = { point, hex, uses: 0 };
    keys.set(hex, key);
  }
  keyTableAfterUse(key.point, ++key.uses);
  return key;
}

/** False for any out-of-range component, off-curve key or library error: never throws. */
export function sm2Verify(
  point: Uint8Array,
  message: Uint8Array,
  { r, s }: RsPair,
  userId = SM2_DEFAULT_USER_ID,
): boolean {
  // GB/T 32918.2 §7.1 B1/B2: r and s in [1, n − 1].
  if (r < 1n || r >= SM2_ORDER || s < 1n || s >= SM2_ORDER) return false;
  try {
    const key = keyFor(point);
    const e = BigInt(`0x${sm2.getHash(message, key.hex, userId)}`);
    // B5: t = (r + s) mod n, and t ≠ 0.
    const t = (r + s) % SM2_ORDER;
    if (t === 0n) return false;
    // B6: (x1, y1) = [s]G + [t]P. Public values: variable-time multiplication is fine.
    const sum = basePoint(sm2PointType()).multiplyUnsafe(s).add(key.point.multiplyUnsafe(t));
    if (sum.is0()) return false;
    // B7: R = (e + x1) mod n, valid when R = r.
    return (e + sum.toAffine().x) % SM2_ORDER === r;
  } catch {
    return false;
  }
}

import { sm2 } from 'sm-crypto-v2';
import { SM2_DEFAULT_USER_ID, SM2_ORDER, checkSm2Point, sm2PublicPoint } from './curve.js';
import type { RsPair } from './der-signature.js';

/**
 * SM2 signature with SM3 (GB/T 32918.2) through sm-crypto-v2. `hash: true` makes the library
 * compute e = SM3(Z ‖ M) with Z from the user ID and the public key; without it the message
 * is signed raw and OpenSSL rejects the result. Never Node's crypto.sign: it cannot set the ID.
 */

type Sm2Point = ReturnType<typeof sm2.precomputePublicKey>;

/**
 * Keys by their hex: the key's multiplication table (~6× faster verify) once the key has been
 * used TABLE_AFTER_USES times. Building it costs ~0.2 s of a one-document `check` of an
 * SM2-signed declaration, more than that document's verifications without it; a signer of many
 * documents pays it back (the same policy as GOST's and bign's keys). Until then the library
 * reads the key from its hex at each verification.
 */
const keys = new Map<string, { uses: number; point?: Sm2Point }>();
const KEYS_MAX = 256;
const TABLE_AFTER_USES = 16;

function pointFor(encoded: Uint8Array): Sm2Point | string {
  const hex = Buffer.from(encoded).toString('hex');
  let key = keys.get(hex);
  if (!key) {
    checkSm2Point(encoded);
    if (keys.size >= KEYS_MAX) keys.clear();
    key = { uses: 0 };
    keys.set(hex, key);
  }
  if (++key.uses === TABLE_AFTER_USES) key.point = sm2.precomputePublicKey(hex);
  return key.point ?? hex;
}

const publicHexByD = new Map<bigint, string>();

function publicHexFor(d: bigint): string {
  let hex = publicHexByD.get(d);
  if (!hex) {
    hex = Buffer.from(sm2PublicPoint(d)).toString('hex');
    publicHexByD.set(d, hex);
  }
  return hex;
}

export function sm2Sign(d: bigint, message: Uint8Array, userId = SM2_DEFAULT_USER_ID): RsPair {
  const publicKey = publicHexFor(d);
  const hex = sm2.doSignature(message, d.toString(16).padStart(64, '0'), {
    hash: true,
    publicKey,
    userId,
  });
  return { r: BigInt(`0x${hex.slice(0, 64)}`), s: BigInt(`0x${hex.slice(64)}`) };
}

/** False for any out-of-range component, off-curve key or library error: never throws. */
export function sm2Verify(
  point: Uint8Array,
  message: Uint8Array,
  { r, s }: RsPair,
  userId = SM2_DEFAULT_USER_ID,
): boolean {
  // The library does not range-check r and s (GB/T 32918.2 §7.1 B1/B2): do it here.
  if (r < 1n || r >= SM2_ORDER || s < 1n || s >= SM2_ORDER) return false;
  try {
    const signature = r.toString(16).padStart(64, '0') + s.toString(16).padStart(64, '0');
    return sm2.doVerifySignature(message, signature, pointFor(point), { hash: true, userId });
  } catch {
    return false;
  }
}

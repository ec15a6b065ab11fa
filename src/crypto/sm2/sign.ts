import { sm2 } from 'sm-crypto-v2';
import { SM2_DEFAULT_USER_ID, sm2PublicPoint } from './curve.js';
import type { RsPair } from './der-signature.js';

/**
 * SM2 signature with SM3 (GB/T 32918.2) through sm-crypto-v2. `hash: true` makes the library
 * compute e = SM3(Z ‖ M) with Z from the user ID and the public key; without it the message
 * is signed raw and OpenSSL rejects the result. Never Node's crypto.sign: it cannot set the ID.
 */

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

import { sm2 } from 'sm-crypto-v2';
import { KeyFormatError } from '../errors.js';

export { SM2_CURVE_NAME, SM2_CURVE_OID } from './names.js';

/** Group order n of sm2p256v1 (GB/T 32918.5-2017). */
export const SM2_ORDER = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;

/** Byte length of one coordinate / scalar. */
export const SM2_FIELD_BYTES = 32;

/**
 * The user ID of GB/T 35276-2017 §5.3 / GM/T 0009: every SM2 signature hashes Z(ID, key) first,
 * and this default is what OpenSSL, BouncyCastle and the Chinese CAs use. Kept explicit so no
 * library default can silently change it.
 */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

/** Validates an uncompressed point 04‖x‖y on sm2p256v1; returns it unchanged. */
export function checkSm2Point(point: Uint8Array): Uint8Array {
  if (point.length !== 1 + 2 * SM2_FIELD_BYTES || point[0] !== 0x04) {
    throw new KeyFormatError('SM2 public key must be an uncompressed point (65 bytes, 04‖x‖y)');
  }
  let onCurve: boolean;
  try {
    onCurve = sm2.verifyPublicKey(Buffer.from(point).toString('hex'));
  } catch {
    onCurve = false; // noble throws on coordinates outside the field
  }
  if (!onCurve) throw new KeyFormatError('SM2 public key is not a point on sm2p256v1');
  return point;
}

/** Public point 04‖x‖y for private scalar d. */
export function sm2PublicPoint(d: bigint): Uint8Array {
  if (d <= 0n || d >= SM2_ORDER - 1n) throw new KeyFormatError('SM2 private key out of range');
  const hex = sm2.getPublicKeyFromPrivateKey(d.toString(16).padStart(64, '0'));
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

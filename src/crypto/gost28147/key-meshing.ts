import { Gost28147 } from './block-cipher.js';

/**
 * CryptoPro key meshing (RFC 4357 §2.3): after every 1024 bytes processed under one key, the
 * key becomes the ECB decryption of the constant C under the old key, and the feedback
 * register is encrypted once under the new key. It limits what one key ever encrypts.
 */
export const KEY_MESHING_INTERVAL = 1024;

/** C of RFC 4357 §2.3.1. */
const MESHING_CONSTANT = Uint8Array.from(
  Buffer.from('6900722264c904238d3adb9646e92ac418feac9400ed0712c086dcc2ef4ca92b', 'hex'),
);

/** Replaces the cipher's key with the meshed key (the MAC meshes only the key). */
export function meshKeyOnly(cipher: Gost28147): void {
  cipher.setKey(cipher.decryptEcb(MESHING_CONSTANT));
}

/** Meshes the key, then encrypts the register (N1, N2) under it: the new register in w0/w1. */
export function meshKey(cipher: Gost28147, register0: number, register1: number): void {
  meshKeyOnly(cipher);
  cipher.encryptWords(register0, register1);
}

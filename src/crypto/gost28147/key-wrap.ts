import { timingSafeEqual } from 'node:crypto';
import { GOST28147_BLOCK, GOST28147_KEY, Gost28147, readLe32, writeLe32 } from './block-cipher.js';
import { gost28147CfbEncrypt } from './cfb.js';
import { gost28147Mac } from './mac.js';
import type { Gost28147ParamSet } from './param-sets.js';

/**
 * CryptoPro key wrap (RFC 4357 §6.3): the 32-byte content key is encrypted in ECB mode under
 * a key-encryption key diversified by the 8-byte UKM (§6.5), and authenticated by a 4-byte
 * GOST 28147-89 MAC under the same key with the UKM as IV.
 */
export const UKM_LENGTH = 8;
export const WRAP_MAC_LENGTH = 4;

export interface WrappedKey {
  ukm: Uint8Array;
  /** The content key encrypted, 32 bytes. */
  encryptedKey: Uint8Array;
  /** Its imitovstavka, 4 bytes. */
  mac: Uint8Array;
}

/** The wrapped key's MAC does not match: wrong key-encryption key, recipient or tampering. */
export class KeyUnwrapError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyUnwrapError';
  }
}

/**
 * KEK diversification (RFC 4357 §6.5): eight steps, step i sums the key's 32-bit words into
 * S1 (where bit j of UKM byte i is 1) and S2 (where it is 0), then CFB-encrypts the key under
 * itself with IV S1 ‖ S2.
 */
export function diversifyKek(
  paramSet: Gost28147ParamSet,
  kek: Uint8Array,
  ukm: Uint8Array,
): Uint8Array {
  checkLengths(kek, ukm);
  let key: Uint8Array = Uint8Array.from(kek);
  const iv = new Uint8Array(GOST28147_BLOCK);
  for (let i = 0; i < UKM_LENGTH; i++) {
    let s1 = 0;
    let s2 = 0;
    const bits = ukm[i] as number;
    for (let j = 0; j < 8; j++) {
      const word = readLe32(key, 4 * j);
      if ((bits >>> j) & 1) s1 = (s1 + word) | 0;
      else s2 = (s2 + word) | 0;
    }
    writeLe32(iv, 0, s1);
    writeLe32(iv, 4, s2);
    key = gost28147CfbEncrypt({ paramSet, key, iv, keyMeshing: false }, key);
  }
  return key;
}

export function cryptoProKeyWrap(
  paramSet: Gost28147ParamSet,
  kek: Uint8Array,
  ukm: Uint8Array,
  cek: Uint8Array,
): WrappedKey {
  if (cek.length !== GOST28147_KEY) throw new RangeError('the content key must be 32 bytes');
  const derived = diversifyKek(paramSet, kek, ukm);
  const encryptedKey = new Gost28147(paramSet, derived).encryptEcb(cek);
  const mac = gost28147Mac({ paramSet, key: derived, iv: ukm, length: WRAP_MAC_LENGTH }, cek);
  return { ukm: Uint8Array.from(ukm), encryptedKey, mac };
}

/** Unwraps and checks the MAC; throws KeyUnwrapError rather than return a wrong key. */
export function cryptoProKeyUnwrap(
  paramSet: Gost28147ParamSet,
  kek: Uint8Array,
  wrapped: WrappedKey,
): Uint8Array {
  if (wrapped.encryptedKey.length !== GOST28147_KEY || wrapped.mac.length !== WRAP_MAC_LENGTH) {
    throw new KeyUnwrapError('wrapped GOST 28147-89 key: 32-byte key and 4-byte MAC expected');
  }
  const derived = diversifyKek(paramSet, kek, wrapped.ukm);
  const cek = new Gost28147(paramSet, derived).decryptEcb(wrapped.encryptedKey);
  const mac = gost28147Mac(
    { paramSet, key: derived, iv: wrapped.ukm, length: WRAP_MAC_LENGTH },
    cek,
  );
  if (!timingSafeEqual(mac, wrapped.mac)) {
    cek.fill(0);
    throw new KeyUnwrapError(
      'wrapped GOST 28147-89 key: MAC mismatch (wrong recipient key, or the key was altered)',
    );
  }
  return cek;
}

function checkLengths(kek: Uint8Array, ukm: Uint8Array): void {
  if (kek.length !== GOST28147_KEY) throw new RangeError('the key-encryption key must be 32 bytes');
  if (ukm.length !== UKM_LENGTH) throw new RangeError(`the UKM must be ${UKM_LENGTH} bytes`);
}

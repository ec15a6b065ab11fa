import { beltHash } from './hash.js';

/**
 * HMAC over belt-hash (hmac-hbelt, STB 34.101.47 §6.1, OID 1.2.112.0.2.0.34.101.47.12): the
 * RFC 2104 construction with belt-hash's 32-octet block; a longer key is hashed first.
 */
const BLOCK = 32;

export function beltHmac(key: Uint8Array, data: Uint8Array): Uint8Array {
  const k = new Uint8Array(BLOCK);
  k.set(key.length > BLOCK ? beltHash(key) : key);
  const inner = k.map((b) => b ^ 0x36);
  const outer = k.map((b) => b ^ 0x5c);
  return beltHash(outer, beltHash(inner, data));
}

import { GOST28147_BLOCK, Gost28147, readLe32, writeLe32 } from './block-cipher.js';
import { KEY_MESHING_INTERVAL, meshKeyOnly } from './key-meshing.js';
import type { Gost28147ParamSet } from './param-sets.js';

/**
 * The GOST 28147-89 MAC ("imitovstavka", RFC 5830 §8): a CBC-like chain of 16-round
 * encryptions, the last block zero-padded; a message of a single block gets a second, zero
 * block, as the standard requires at least two. The MAC is the first `length` bytes of the
 * final state (4 for the 32-bit imitovstavka used by key wrapping and CMS).
 */
export interface MacOptions {
  paramSet: Gost28147ParamSet;
  key: Uint8Array;
  /** Initial state (default zero); CryptoPro key wrap uses the UKM. */
  iv?: Uint8Array;
  /**
   * CryptoPro key meshing every 1024 bytes, as OpenSSL's gost-mac does; only the key changes,
   * the chaining state is kept. Off by default.
   */
  keyMeshing?: boolean;
  /** Bytes of MAC output, 1..8 (default 4). */
  length?: number;
}

export function gost28147Mac(options: MacOptions, data: Uint8Array): Uint8Array {
  const length = options.length ?? 4;
  if (!Number.isInteger(length) || length < 1 || length > GOST28147_BLOCK) {
    throw new RangeError('GOST 28147-89 MAC length must be 1..8 bytes');
  }
  const iv = options.iv ?? new Uint8Array(GOST28147_BLOCK);
  if (iv.length !== GOST28147_BLOCK) throw new RangeError('GOST 28147-89 MAC IV must be 8 bytes');
  const cipher = new Gost28147(options.paramSet, options.key);
  let s0 = readLe32(iv, 0);
  let s1 = readLe32(iv, 4);
  const last = new Uint8Array(GOST28147_BLOCK);
  let blocks = 0;
  for (let off = 0; off < data.length; off += GOST28147_BLOCK) {
    if (options.keyMeshing && off > 0 && off % KEY_MESHING_INTERVAL === 0) {
      meshKeyOnly(cipher);
    }
    let b0: number;
    let b1: number;
    if (off + GOST28147_BLOCK <= data.length) {
      b0 = readLe32(data, off);
      b1 = readLe32(data, off + 4);
    } else {
      last.fill(0);
      last.set(data.subarray(off));
      b0 = readLe32(last, 0);
      b1 = readLe32(last, 4);
    }
    cipher.macWords(s0 ^ b0, s1 ^ b1);
    s0 = cipher.w0;
    s1 = cipher.w1;
    blocks++;
  }
  if (blocks === 1) {
    cipher.macWords(s0, s1);
    s0 = cipher.w0;
    s1 = cipher.w1;
  }
  const out = new Uint8Array(GOST28147_BLOCK);
  writeLe32(out, 0, s0);
  writeLe32(out, 4, s1);
  return out.subarray(0, length);
}

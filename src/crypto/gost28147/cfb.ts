import { GOST28147_BLOCK, Gost28147, readLe32, writeLe32 } from './block-cipher.js';
import { KEY_MESHING_INTERVAL, meshKey } from './key-meshing.js';
import type { Gost28147ParamSet } from './param-sets.js';

/**
 * GOST 28147-89 cipher feedback ("gamma with feedback", RFC 5830 §6), any length, no padding,
 * optionally with CryptoPro key meshing (RFC 4357 §2.3) as CMS (RFC 4490 §5.1) and CryptoPro
 * use it. The register starts as the 8-byte IV; each keystream block is the encryption of the
 * previous ciphertext block.
 */
export interface CfbOptions {
  paramSet: Gost28147ParamSet;
  key: Uint8Array;
  iv: Uint8Array;
  /** CryptoPro key meshing every 1024 bytes (default true). */
  keyMeshing?: boolean;
}

export function gost28147CfbEncrypt(options: CfbOptions, plaintext: Uint8Array): Uint8Array {
  return cfb(options, plaintext, true);
}

export function gost28147CfbDecrypt(options: CfbOptions, ciphertext: Uint8Array): Uint8Array {
  return cfb(options, ciphertext, false);
}

function cfb(options: CfbOptions, input: Uint8Array, encrypt: boolean): Uint8Array {
  if (options.iv.length !== GOST28147_BLOCK) {
    throw new RangeError(`GOST 28147-89 CFB IV must be 8 bytes, got ${options.iv.length}`);
  }
  const mesh = options.keyMeshing ?? true;
  const cipher = new Gost28147(options.paramSet, options.key);
  const out = new Uint8Array(input.length);
  const ks = new Uint8Array(GOST28147_BLOCK);
  let r0 = readLe32(options.iv, 0);
  let r1 = readLe32(options.iv, 4);
  for (let off = 0; off < input.length; off += GOST28147_BLOCK) {
    if (mesh && off > 0 && off % KEY_MESHING_INTERVAL === 0) {
      meshKey(cipher, r0, r1);
      r0 = cipher.w0;
      r1 = cipher.w1;
    }
    cipher.encryptWords(r0, r1);
    const g0 = cipher.w0;
    const g1 = cipher.w1;
    const n = Math.min(GOST28147_BLOCK, input.length - off);
    if (n === GOST28147_BLOCK) {
      const x0 = readLe32(input, off);
      const x1 = readLe32(input, off + 4);
      const y0 = x0 ^ g0;
      const y1 = x1 ^ g1;
      writeLe32(out, off, y0);
      writeLe32(out, off + 4, y1);
      // the register takes the ciphertext block, whichever direction we go
      r0 = encrypt ? y0 : x0;
      r1 = encrypt ? y1 : x1;
    } else {
      // last partial block: the keystream prefix only; the register is not used again
      writeLe32(ks, 0, g0);
      writeLe32(ks, 4, g1);
      for (let i = 0; i < n; i++) out[off + i] = (input[off + i] as number) ^ (ks[i] as number);
    }
  }
  return out;
}

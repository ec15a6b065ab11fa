import type { Gost28147ParamSet } from './param-sets.js';

/**
 * The GOST 28147-89 block cipher (RFC 5830), 64-bit blocks, 256-bit keys, in the byte order
 * of CryptoPro and OpenSSL's gost engine: key word i is bytes 4i..4i+3 little-endian, and a
 * block's first four bytes are its little-endian half N1. (GOST R 34.12-2015 "Magma" is the
 * same cipher with the param-Z S-box, written big-endian: see the tests.)
 */
export const GOST28147_BLOCK = 8;
export const GOST28147_KEY = 32;

/**
 * Round function tables: for each input byte position, S-box substitution of its two nibbles
 * already rotated left by 11, so one round is four lookups.
 */
const tablesCache = new WeakMap<Gost28147ParamSet, Uint32Array>();

function tablesFor(params: Gost28147ParamSet): Uint32Array {
  let t = tablesCache.get(params);
  if (!t) {
    t = new Uint32Array(1024);
    for (let pos = 0; pos < 4; pos++) {
      const lo = params.sbox[2 * pos];
      const hi = params.sbox[2 * pos + 1];
      if (!lo || !hi) throw new Error(`${params.name}: S-box incomplete`);
      for (let b = 0; b < 256; b++) {
        const v = (((hi[b >>> 4] ?? 0) << 4) | (lo[b & 15] ?? 0)) << (8 * pos);
        t[pos * 256 + b] = ((v << 11) | (v >>> 21)) >>> 0;
      }
    }
    tablesCache.set(params, t);
  }
  return t;
}

export class Gost28147 {
  private readonly t: Uint32Array;
  private readonly k = new Int32Array(8);
  /** Output halves of the last call of encryptWords / decryptWords / macWords. */
  w0 = 0;
  w1 = 0;

  constructor(
    readonly paramSet: Gost28147ParamSet,
    key: Uint8Array,
  ) {
    this.t = tablesFor(paramSet);
    this.setKey(key);
  }

  setKey(key: Uint8Array): void {
    if (key.length !== GOST28147_KEY) {
      throw new RangeError(`GOST 28147-89 key must be ${GOST28147_KEY} bytes, got ${key.length}`);
    }
    for (let i = 0; i < 8; i++) this.k[i] = readLe32(key, 4 * i);
  }

  /** The current key as bytes (key meshing replaces it). */
  keyBytes(): Uint8Array {
    const out = new Uint8Array(GOST28147_KEY);
    for (let i = 0; i < 8; i++) writeLe32(out, 4 * i, this.k[i] as number);
    return out;
  }

  private f(x: number): number {
    const t = this.t;
    return (
      (t[x & 255] as number) ^
      (t[256 + ((x >>> 8) & 255)] as number) ^
      (t[512 + ((x >>> 16) & 255)] as number) ^
      (t[768 + (x >>> 24)] as number)
    );
  }

  /** 32 rounds K0..K7 ×3, K7..K0 on the halves (N1, N2); result in w0, w1. */
  encryptWords(a: number, b: number): void {
    const k = this.k;
    let n1 = a | 0;
    let n2 = b | 0;
    for (let r = 0; r < 3; r++) {
      for (let i = 0; i < 8; i += 2) {
        n2 ^= this.f((n1 + (k[i] as number)) | 0);
        n1 ^= this.f((n2 + (k[i + 1] as number)) | 0);
      }
    }
    for (let i = 7; i > 0; i -= 2) {
      n2 ^= this.f((n1 + (k[i] as number)) | 0);
      n1 ^= this.f((n2 + (k[i - 1] as number)) | 0);
    }
    this.w0 = n2;
    this.w1 = n1;
  }

  /** The inverse: K0..K7, then K7..K0 ×3. */
  decryptWords(a: number, b: number): void {
    const k = this.k;
    let n1 = a | 0;
    let n2 = b | 0;
    for (let i = 0; i < 8; i += 2) {
      n2 ^= this.f((n1 + (k[i] as number)) | 0);
      n1 ^= this.f((n2 + (k[i + 1] as number)) | 0);
    }
    for (let r = 0; r < 3; r++) {
      for (let i = 7; i > 0; i -= 2) {
        n2 ^= this.f((n1 + (k[i] as number)) | 0);
        n1 ^= this.f((n2 + (k[i - 1] as number)) | 0);
      }
    }
    this.w0 = n2;
    this.w1 = n1;
  }

  /** The MAC step: 16 rounds K0..K7 ×2 and no final swap (GOST 28147-89 §5). */
  macWords(a: number, b: number): void {
    const k = this.k;
    let n1 = a | 0;
    let n2 = b | 0;
    for (let r = 0; r < 2; r++) {
      for (let i = 0; i < 8; i += 2) {
        n2 ^= this.f((n1 + (k[i] as number)) | 0);
        n1 ^= this.f((n2 + (k[i + 1] as number)) | 0);
      }
    }
    this.w0 = n1;
    this.w1 = n2;
  }

  encryptBlock(src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number): void {
    this.encryptWords(readLe32(src, srcOff), readLe32(src, srcOff + 4));
    writeLe32(dst, dstOff, this.w0);
    writeLe32(dst, dstOff + 4, this.w1);
  }

  decryptBlock(src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number): void {
    this.decryptWords(readLe32(src, srcOff), readLe32(src, srcOff + 4));
    writeLe32(dst, dstOff, this.w0);
    writeLe32(dst, dstOff + 4, this.w1);
  }

  /** ECB over whole blocks (used by key wrapping and key meshing only: ECB leaks patterns). */
  encryptEcb(data: Uint8Array): Uint8Array {
    return this.ecb(data, true);
  }

  decryptEcb(data: Uint8Array): Uint8Array {
    return this.ecb(data, false);
  }

  private ecb(data: Uint8Array, encrypt: boolean): Uint8Array {
    if (data.length % GOST28147_BLOCK !== 0) {
      throw new RangeError('GOST 28147-89 ECB needs whole 8-byte blocks');
    }
    const out = new Uint8Array(data.length);
    for (let off = 0; off < data.length; off += GOST28147_BLOCK) {
      if (encrypt) this.encryptBlock(data, off, out, off);
      else this.decryptBlock(data, off, out, off);
    }
    return out;
  }
}

export function readLe32(b: Uint8Array, off: number): number {
  return (
    (b[off] as number) |
    ((b[off + 1] as number) << 8) |
    ((b[off + 2] as number) << 16) |
    ((b[off + 3] as number) << 24) |
    0
  );
}

export function writeLe32(b: Uint8Array, off: number, v: number): void {
  b[off] = v & 255;
  b[off + 1] = (v >>> 8) & 255;
  b[off + 2] = (v >>> 16) & 255;
  b[off + 3] = (v >>> 24) & 255;
}

import { BELT_H, encryptWords } from './block.js';

/**
 * belt-hash (STB 34.101.31-2011 §6.9), the 256-bit hash of Belarus, and its compression
 * function belt-compress (§6.3.2). Everything is little-endian 32-bit words; the output bytes
 * are in the order the standard prints its hash values (Appendix A, table A.23), which is also
 * what XMLDSig DigestValue and bign sign over.
 */

/** The initial chaining value: the first 32 bytes of H (§6.9.3). */
const H0 = readWords(BELT_H.subarray(0, 32));

function readWords(bytes: Uint8Array): Uint32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getUint32(4 * i, true);
  return out;
}

// Scratch for beltCompress: hashing is synchronous, so one set serves every call.
const KEY = new Uint32Array(8);
const BLOCK = new Uint32Array(4);
const Y1 = new Uint32Array(4);

/**
 * belt-compress over X = X1 ‖ X2 ‖ X3 ‖ X4 (16 words): returns S = E_{X1‖X2}(X3⊕X4) ⊕ X3 ⊕ X4
 * in `s` (4 words) and Y = E_{S‖X4}(X1) ⊕ X1 ‖ E_{(S⊕1…1)‖X3}(X2) ⊕ X2 in `y` (8 words).
 */
export function beltCompress(x: Uint32Array, s: Uint32Array, y: Uint32Array): void {
  const key = KEY;
  const block = BLOCK;
  // S = E_{X1‖X2}(X3 ⊕ X4) ⊕ X3 ⊕ X4
  for (let i = 0; i < 4; i++) block[i] = ((x[8 + i] as number) ^ (x[12 + i] as number)) >>> 0;
  for (let i = 0; i < 8; i++) key[i] = x[i] as number;
  encryptWords(block, key);
  for (let i = 0; i < 4; i++) {
    s[i] = ((block[i] as number) ^ (x[8 + i] as number) ^ (x[12 + i] as number)) >>> 0;
  }
  // Y1 = E_{S ‖ X4}(X1) ⊕ X1
  for (let i = 0; i < 4; i++) {
    key[i] = s[i] as number;
    key[4 + i] = x[12 + i] as number;
    block[i] = x[i] as number;
  }
  encryptWords(block, key);
  for (let i = 0; i < 4; i++) Y1[i] = ((block[i] as number) ^ (x[i] as number)) >>> 0;
  // Y2 = E_{(S ⊕ 1^128) ‖ X3}(X2) ⊕ X2
  for (let i = 0; i < 4; i++) {
    key[i] = ~(s[i] as number) >>> 0;
    key[4 + i] = x[8 + i] as number;
    block[i] = x[4 + i] as number;
  }
  encryptWords(block, key);
  for (let i = 0; i < 4; i++) {
    y[4 + i] = ((block[i] as number) ^ (x[4 + i] as number)) >>> 0;
    y[i] = Y1[i] as number;
  }
}

/** Incremental belt-hash: `update` any number of times, then `digest` once. */
export class BeltHash {
  private readonly h = Uint32Array.from(H0);
  private readonly sum = new Uint32Array(4);
  private readonly pending = new Uint8Array(32);
  private pendingLength = 0;
  /** Message length in bytes (a JS number is exact far beyond any document corridor reads). */
  private length = 0;
  private readonly x = new Uint32Array(16);
  private readonly t = new Uint32Array(4);

  update(data: Uint8Array): this {
    this.length += data.length;
    let offset = 0;
    if (this.pendingLength > 0) {
      const take = Math.min(32 - this.pendingLength, data.length);
      this.pending.set(data.subarray(0, take), this.pendingLength);
      this.pendingLength += take;
      offset = take;
      if (this.pendingLength < 32) return this;
      this.block(this.pending, 0);
      this.pendingLength = 0;
    }
    for (; offset + 32 <= data.length; offset += 32) this.block(data, offset);
    if (offset < data.length) {
      this.pending.set(data.subarray(offset));
      this.pendingLength = data.length - offset;
    }
    return this;
  }

  digest(): Uint8Array {
    // The last partial block is padded with zeros (§6.9.3 step 1); an empty message has none.
    if (this.pendingLength > 0) {
      this.pending.fill(0, this.pendingLength);
      this.block(this.pending, 0);
      this.pendingLength = 0;
    }
    // Y = belt-compress(<|X|>_128 ‖ s ‖ h), |X| in bits, little-endian.
    const bits = BigInt(this.length) * 8n;
    const x = this.x;
    for (let i = 0; i < 4; i++) x[i] = Number((bits >> BigInt(32 * i)) & 0xffffffffn);
    x.set(this.sum, 4);
    x.set(this.h, 8);
    const y = new Uint32Array(8);
    beltCompress(x, this.t, y);
    const out = new Uint8Array(32);
    const view = new DataView(out.buffer);
    for (let i = 0; i < 8; i++) view.setUint32(4 * i, y[i] as number, true);
    return out;
  }

  /** (t, h) ← belt-compress(X_i ‖ h); s ← s ⊕ t. */
  private block(data: Uint8Array, offset: number): void {
    const x = this.x;
    for (let i = 0, o = offset; i < 8; i++, o += 4) {
      x[i] =
        ((data[o] as number) |
          ((data[o + 1] as number) << 8) |
          ((data[o + 2] as number) << 16) |
          ((data[o + 3] as number) << 24)) >>>
        0;
    }
    x.set(this.h, 8);
    beltCompress(x, this.t, this.h);
    for (let i = 0; i < 4; i++)
      this.sum[i] = ((this.sum[i] as number) ^ (this.t[i] as number)) >>> 0;
  }
}

/** belt-hash of a whole message: 32 bytes. */
export function beltHash(...parts: Uint8Array[]): Uint8Array {
  const hash = new BeltHash();
  for (const part of parts) hash.update(part);
  return hash.digest();
}

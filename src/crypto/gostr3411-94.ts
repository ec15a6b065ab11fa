/**
 * GOST R 34.11-94 hash (RFC 5831) with the CryptoPro S-box, id-GostR3411-94-CryptoProParamSet
 * (1.2.643.2.2.30.1, RFC 4357 §11.2). Needed only to verify old GOST R 34.10-2001 documents.
 *
 * Bytes are in the order the hash consumes and emits them (byte 0 = least significant), the
 * same convention OpenSSL's md_gost94 prints.
 */

/** CryptoPro S-box rows K1..K8: row i substitutes bits 4i..4i+3 of the round input. */
const CRYPTOPRO_SBOX: readonly (readonly number[])[] = [
  [10, 4, 5, 6, 8, 1, 3, 7, 13, 12, 14, 0, 9, 2, 11, 15],
  [5, 15, 4, 0, 2, 13, 11, 9, 1, 7, 6, 3, 12, 14, 10, 8],
  [7, 15, 12, 14, 9, 4, 1, 0, 3, 11, 5, 2, 6, 10, 8, 13],
  [4, 10, 7, 12, 0, 15, 2, 8, 14, 1, 6, 5, 13, 11, 9, 3],
  [7, 6, 4, 11, 9, 12, 2, 10, 1, 8, 0, 14, 15, 13, 3, 5],
  [7, 6, 2, 4, 13, 9, 15, 0, 10, 1, 5, 11, 8, 14, 12, 3],
  [13, 14, 4, 1, 7, 0, 5, 10, 3, 12, 8, 15, 6, 2, 9, 11],
  [1, 3, 10, 9, 5, 11, 4, 15, 8, 6, 7, 14, 13, 0, 2, 12],
];

/**
 * The S-box and the rotation by 11 merged into four byte-indexed tables (one per input byte),
 * so a GOST 28147-89 round costs four lookups.
 */
const SUB: Int32Array[] = [0, 1, 2, 3].map((byteIdx) => {
  const t = new Int32Array(256);
  const lo = CRYPTOPRO_SBOX[2 * byteIdx] as readonly number[];
  const hi = CRYPTOPRO_SBOX[2 * byteIdx + 1] as readonly number[];
  for (let b = 0; b < 256; b++) {
    const v = (((hi[b >>> 4] as number) << 4) | (lo[b & 15] as number)) << (8 * byteIdx);
    t[b] = (v << 11) | (v >>> 21);
  }
  return t;
});
const [S0, S1, S2, S3] = SUB as [Int32Array, Int32Array, Int32Array, Int32Array];

function f(x: number): number {
  return (
    (S0[x & 255] as number) ^
    (S1[(x >>> 8) & 255] as number) ^
    (S2[(x >>> 16) & 255] as number) ^
    (S3[x >>> 24] as number)
  );
}

function le32(b: Uint8Array, o: number): number {
  return (
    (b[o] as number) |
    ((b[o + 1] as number) << 8) |
    ((b[o + 2] as number) << 16) |
    ((b[o + 3] as number) << 24)
  );
}

function put32(b: Uint8Array, o: number, v: number): void {
  b[o] = v & 255;
  b[o + 1] = (v >>> 8) & 255;
  b[o + 2] = (v >>> 16) & 255;
  b[o + 3] = (v >>> 24) & 255;
}

/** GOST 28147-89 ECB encryption of 8 bytes `src[so..]` under a 32-byte key, into `dst[do..]`. */
function encrypt(
  key: Uint8Array,
  src: Uint8Array,
  so: number,
  dst: Uint8Array,
  dOff: number,
): void {
  const k = new Int32Array(8);
  for (let i = 0; i < 8; i++) k[i] = le32(key, 4 * i);
  let n1 = le32(src, so);
  let n2 = le32(src, so + 4);
  // key schedule: K0..K7 three times, then K7..K0
  for (let r = 0; r < 32; r++) {
    const ki = r < 24 ? r & 7 : 31 - r;
    const t = n2 ^ f((n1 + (k[ki] as number)) | 0);
    n2 = n1;
    n1 = t;
  }
  // the last round does not swap the halves
  put32(dst, dOff, n2);
  put32(dst, dOff + 4, n1);
}

/** Transposition P: key byte i + 4j takes W byte 8i + j. */
function p(w: Uint8Array): Uint8Array {
  const k = new Uint8Array(32);
  for (let i = 0; i < 4; i++) for (let j = 0; j < 8; j++) k[i + 4 * j] = w[8 * i + j] as number;
  return k;
}

/** A(y4‖y3‖y2‖y1) = (y1 ⊕ y2)‖y4‖y3‖y2 on 64-bit parts, y1 at bytes 0..7. */
function a(y: Uint8Array): Uint8Array {
  const r = new Uint8Array(32);
  r.set(y.subarray(8, 32), 0);
  for (let i = 0; i < 8; i++) r[24 + i] = (y[i] as number) ^ (y[8 + i] as number);
  return r;
}

function xor32(x: Uint8Array, y: Uint8Array): Uint8Array {
  const r = new Uint8Array(32);
  for (let i = 0; i < 32; i++) r[i] = (x[i] as number) ^ (y[i] as number);
  return r;
}

/** ψ: shift by one 16-bit word, the new top word is y1 ⊕ y2 ⊕ y3 ⊕ y4 ⊕ y13 ⊕ y16. */
function psi(y: Uint8Array): void {
  const lo = (y[0] as number) ^ (y[2] as number) ^ (y[4] as number) ^ (y[6] as number);
  const lo2 = (y[24] as number) ^ (y[30] as number);
  const hi = (y[1] as number) ^ (y[3] as number) ^ (y[5] as number) ^ (y[7] as number);
  const hi2 = (y[25] as number) ^ (y[31] as number);
  y.copyWithin(0, 2, 32);
  y[30] = lo ^ lo2;
  y[31] = hi ^ hi2;
}

/** Bytes where the constant C3 is 0xff (C2 and C4 are zero). */
const C3_FF = [1, 3, 5, 7, 8, 10, 12, 14, 17, 18, 20, 23, 24, 28, 29, 31];

/** Step function: returns H' = f(H, M). */
function step(h: Uint8Array, m: Uint8Array): Uint8Array {
  const s = new Uint8Array(32);
  let u: Uint8Array = h;
  let v: Uint8Array = m;
  for (let j = 0; j < 4; j++) {
    if (j > 0) {
      u = a(u);
      if (j === 2) {
        for (const i of C3_FF) u[i] = (u[i] as number) ^ 0xff;
      }
      v = a(a(v));
    }
    encrypt(p(xor32(u, v)), h, 8 * j, s, 8 * j);
  }
  for (let i = 0; i < 12; i++) psi(s);
  const t = xor32(s, m);
  psi(t);
  const r = xor32(t, h);
  for (let i = 0; i < 61; i++) psi(r);
  return r;
}

/** acc ← acc + v mod 2^256, little-endian bytes. */
function add256(acc: Uint8Array, v: Uint8Array): void {
  let carry = 0;
  for (let i = 0; i < 32; i++) {
    const s = (acc[i] as number) + (v[i] as number) + carry;
    acc[i] = s & 255;
    carry = s >>> 8;
  }
}

/** GOST R 34.11-94 (CryptoPro parameters, zero IV) of `data`; 32 bytes, emission order. */
export function gostr341194(data: Uint8Array): Uint8Array {
  let h: Uint8Array = new Uint8Array(32);
  const sigma = new Uint8Array(32);
  let off = 0;
  for (; off + 32 <= data.length; off += 32) {
    const m = data.subarray(off, off + 32);
    h = step(h, m);
    add256(sigma, m);
  }
  if (off < data.length) {
    // the last partial block is zero-padded; the length block still counts only real bits
    const m = new Uint8Array(32);
    m.set(data.subarray(off));
    h = step(h, m);
    add256(sigma, m);
  }
  const len = new Uint8Array(32);
  let bits = BigInt(data.length) * 8n;
  for (let i = 0; i < 32 && bits > 0n; i++, bits >>= 8n) len[i] = Number(bits & 255n);
  h = step(h, len);
  return step(h, sigma);
}

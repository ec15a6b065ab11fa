/**
 * Streebog, GOST R 34.11-2012 (RFC 6986), 256- and 512-bit.
 *
 * Bytes are handled in the order the hash consumes and emits them: byte 0 is the least
 * significant byte of the RFC's big-endian 512-bit vectors (the RFC prints values reversed).
 * The 512-bit state is held as 16 32-bit words (lo, hi of eight little-endian 64-bit lanes)
 * because JavaScript has no fast 64-bit integers.
 */

/** Substitution π (RFC 6986 §6.2). */
const PI = [
  252, 238, 221, 17, 207, 110, 49, 22, 251, 196, 250, 218, 35, 197, 4, 77, 233, 119, 240, 219, 147,
  46, 153, 186, 23, 54, 241, 187, 20, 205, 95, 193, 249, 24, 101, 90, 226, 92, 239, 33, 129, 28, 60,
  66, 139, 1, 142, 79, 5, 132, 2, 174, 227, 106, 143, 160, 6, 11, 237, 152, 127, 212, 211, 31, 235,
  52, 44, 81, 234, 200, 72, 171, 242, 42, 104, 162, 253, 58, 206, 204, 181, 112, 14, 86, 8, 12, 118,
  18, 191, 114, 19, 71, 156, 183, 93, 135, 21, 161, 150, 41, 16, 123, 154, 199, 243, 145, 120, 111,
  157, 158, 178, 177, 50, 117, 25, 61, 255, 53, 138, 126, 109, 84, 198, 128, 195, 189, 13, 87, 223,
  245, 36, 169, 62, 168, 67, 201, 215, 121, 214, 246, 124, 34, 185, 3, 224, 15, 236, 222, 122, 148,
  176, 188, 220, 232, 40, 80, 78, 51, 10, 74, 167, 151, 96, 115, 30, 0, 98, 68, 26, 184, 56, 130,
  100, 159, 38, 65, 173, 69, 70, 146, 39, 94, 85, 47, 140, 163, 165, 125, 105, 213, 149, 59, 7, 88,
  179, 64, 134, 172, 29, 247, 48, 55, 107, 228, 136, 217, 231, 137, 225, 27, 131, 73, 76, 63, 248,
  254, 141, 83, 170, 144, 202, 216, 133, 97, 32, 113, 103, 164, 45, 43, 9, 91, 203, 155, 37, 208,
  190, 229, 108, 82, 89, 166, 116, 210, 230, 244, 180, 192, 209, 102, 175, 194, 57, 75, 99, 182,
];

/**
 * Matrix A of the linear map l (RFC 6986 §6.4), in the RFC's order: A[0] is the row for the
 * most significant bit of a 64-bit lane.
 */
const A_HEX =
  '8e20faa72ba0b470 47107ddd9b505a38 ad08b0e0c3282d1c d8045870ef14980e 6c022c38f90a4c07 ' +
  '3601161cf205268d 1b8e0b0e798c13c8 83478b07b2468764 a011d380818e8f40 5086e740ce47c920 ' +
  '2843fd2067adea10 14aff010bdd87508 0ad97808d06cb404 05e23c0468365a02 8c711e02341b2d01 ' +
  '46b60f011a83988e 90dab52a387ae76f 486dd4151c3dfdb9 24b86a840e90f0d2 125c354207487869 ' +
  '092e94218d243cba 8a174a9ec8121e5d 4585254f64090fa0 accc9ca9328a8950 9d4df05d5f661451 ' +
  'c0a878a0a1330aa6 60543c50de970553 302a1e286fc58ca7 18150f14b9ec46dd 0c84890ad27623e0 ' +
  '0642ca05693b9f70 0321658cba93c138 86275df09ce8aaa8 439da0784e745554 afc0503c273aa42a ' +
  'd960281e9d1d5215 e230140fc0802984 71180a8960409a42 b60c05ca30204d21 5b068c651810a89e ' +
  '456c34887a3805b9 ac361a443d1c8cd2 561b0d22900e4669 2b838811480723ba 9bcf4486248d9f5d ' +
  'c3e9224312c8c1a0 effa11af0964ee50 f97d86d98a327728 e4fa2054a80b329c 727d102a548b194e ' +
  '39b008152acb8227 9258048415eb419d 492c024284fbaec0 aa16012142f35760 550b8e9e21f7a530 ' +
  'a48b474f9ef5dc18 70a6a56e2440598e 3853dc371220a247 1ca76e95091051ad 0edd37c48a08a6d8 ' +
  '07e095624504536c 8d70c431ac02a736 c83862965601dd1b 641c314b2b8ee083';

/** Iteration constants C1..C12 (RFC 6986 §6.6), as the RFC prints them (big-endian). */
const C_HEX = [
  'b1085bda1ecadae9ebcb2f81c0657c1f2f6a76432e45d016714eb88d7585c4fc4b7ce09192676901a2422a08a460d31505767436cc744d23dd806559f2a64507',
  '6fa3b58aa99d2f1a4fe39d460f70b5d7f3feea720a232b9861d55e0f16b501319ab5176b12d699585cb561c2db0aa7ca55dda21bd7cbcd56e679047021b19bb7',
  'f574dcac2bce2fc70a39fc286a3d843506f15e5f529c1f8bf2ea7514b1297b7bd3e20fe490359eb1c1c93a376062db09c2b6f443867adb31991e96f50aba0ab2',
  'ef1fdfb3e81566d2f948e1a05d71e4dd488e857e335c3c7d9d721cad685e353fa9d72c82ed03d675d8b71333935203be3453eaa193e837f1220cbebc84e3d12e',
  '4bea6bacad4747999a3f410c6ca923637f151c1f1686104a359e35d7800fffbdbfcd1747253af5a3dfff00b723271a167a56a27ea9ea63f5601758fd7c6cfe57',
  'ae4faeae1d3ad3d96fa4c33b7a3039c02d66c4f95142a46c187f9ab49af08ec6cffaa6b71c9ab7b40af21f66c2bec6b6bf71c57236904f35fa68407a46647d6e',
  'f4c70e16eeaac5ec51ac86febf240954399ec6c7e6bf87c9d3473e33197a93c90992abc52d822c3706476983284a05043517454ca23c4af38886564d3a14d493',
  '9b1f5b424d93c9a703e7aa020c6e41414eb7f8719c36de1e89b4443b4ddbc49af4892bcb929b069069d18d2bd1a5c42f36acc2355951a8d9a47f0dd4bf02e71e',
  '378f5a541631229b944c9ad8ec165fde3a7d3a1b258942243cd955b7e00d0984800a440bdbb2ceb17b2b8a9aa6079c540e38dc92cb1f2a607261445183235adb',
  'abbedea680056f52382ae548b2e4f3f38941e71cff8a78db1fffe18a1b3361039fe76702af69334b7a1e6c303b7652f43698fad1153bb6c374b4c7fb98459ced',
  '7bcd9ed0efc889fb3002c6cd635afe94d8fa6bbbebab076120018021148466798a1d71efea48b9caefbacd1d7d476e98dea2594ac06fd85d6bcaa4cd81f32d1b',
  '378ee767f11631bad21380b00449b17acda43c32bcdf1d77f82012d430219f9b5d80ef9d1891cc86e71da4aa88e12852faf417d5d9b21b9948bc924af11bd720',
];

/**
 * T[(j·256 + b)·2 + {0,1}] = l applied to a lane whose byte j is π(b) and whose other bytes
 * are zero (lo, hi halves). One lookup per input byte then does S, P and L together.
 */
const T = new Int32Array(8 * 256 * 2);
/** Round constants as 12 × 16 words. */
const C = new Int32Array(12 * 16);

function buildTables(): void {
  const rows = A_HEX.split(' ').map((h) => [
    Number.parseInt(h.slice(8), 16) | 0,
    Number.parseInt(h.slice(0, 8), 16) | 0,
  ]);
  for (let j = 0; j < 8; j++) {
    for (let b = 0; b < 256; b++) {
      const v = PI[b] as number;
      let lo = 0;
      let hi = 0;
      for (let k = 0; k < 8; k++) {
        if ((v >>> k) & 1) {
          // bit 8j+k of the lane multiplies the row A[63 - (8j+k)]
          const row = rows[63 - (8 * j + k)] as number[];
          lo ^= row[0] as number;
          hi ^= row[1] as number;
        }
      }
      T[(j * 256 + b) * 2] = lo;
      T[(j * 256 + b) * 2 + 1] = hi;
    }
  }
  C_HEX.forEach((hex, i) => {
    // printed big-endian: the last 8 hex digits are the least significant word
    for (let w = 0; w < 16; w++) {
      const end = hex.length - 8 * w;
      C[i * 16 + w] = Number.parseInt(hex.slice(end - 8, end), 16) | 0;
    }
  });
}
buildTables();

/**
 * out = LPS(a ⊕ b). `out` may alias `a` or `b`. Output lane w gathers byte w of every input
 * lane j (the transposition P); lanes 0..3 come from the low words, 4..7 from the high ones.
 * Inputs are held in locals because this loop is where all the time goes.
 */
function lpsx(out: Int32Array, a: Int32Array, aOff: number, b: Int32Array, bOff: number): void {
  const l0 = (a[aOff] as number) ^ (b[bOff] as number);
  const h0 = (a[aOff + 1] as number) ^ (b[bOff + 1] as number);
  const l1 = (a[aOff + 2] as number) ^ (b[bOff + 2] as number);
  const h1 = (a[aOff + 3] as number) ^ (b[bOff + 3] as number);
  const l2 = (a[aOff + 4] as number) ^ (b[bOff + 4] as number);
  const h2 = (a[aOff + 5] as number) ^ (b[bOff + 5] as number);
  const l3 = (a[aOff + 6] as number) ^ (b[bOff + 6] as number);
  const h3 = (a[aOff + 7] as number) ^ (b[bOff + 7] as number);
  const l4 = (a[aOff + 8] as number) ^ (b[bOff + 8] as number);
  const h4 = (a[aOff + 9] as number) ^ (b[bOff + 9] as number);
  const l5 = (a[aOff + 10] as number) ^ (b[bOff + 10] as number);
  const h5 = (a[aOff + 11] as number) ^ (b[bOff + 11] as number);
  const l6 = (a[aOff + 12] as number) ^ (b[bOff + 12] as number);
  const h6 = (a[aOff + 13] as number) ^ (b[bOff + 13] as number);
  const l7 = (a[aOff + 14] as number) ^ (b[bOff + 14] as number);
  const h7 = (a[aOff + 15] as number) ^ (b[bOff + 15] as number);
  for (let w = 0; w < 8; w++) {
    const sh = (w & 3) << 3;
    const lo = w < 4;
    const i0 = (((lo ? l0 : h0) >>> sh) & 255) << 1;
    const i1 = (256 | (((lo ? l1 : h1) >>> sh) & 255)) << 1;
    const i2 = (512 | (((lo ? l2 : h2) >>> sh) & 255)) << 1;
    const i3 = (768 | (((lo ? l3 : h3) >>> sh) & 255)) << 1;
    const i4 = (1024 | (((lo ? l4 : h4) >>> sh) & 255)) << 1;
    const i5 = (1280 | (((lo ? l5 : h5) >>> sh) & 255)) << 1;
    const i6 = (1536 | (((lo ? l6 : h6) >>> sh) & 255)) << 1;
    const i7 = (1792 | (((lo ? l7 : h7) >>> sh) & 255)) << 1;
    out[2 * w] =
      (T[i0] as number) ^
      (T[i1] as number) ^
      (T[i2] as number) ^
      (T[i3] as number) ^
      (T[i4] as number) ^
      (T[i5] as number) ^
      (T[i6] as number) ^
      (T[i7] as number);
    out[2 * w + 1] =
      (T[i0 + 1] as number) ^
      (T[i1 + 1] as number) ^
      (T[i2 + 1] as number) ^
      (T[i3 + 1] as number) ^
      (T[i4 + 1] as number) ^
      (T[i5 + 1] as number) ^
      (T[i6 + 1] as number) ^
      (T[i7 + 1] as number);
  }
}
const K = new Int32Array(16);
const E = new Int32Array(16);

/** Compression g_N(h, m): h ← E(LPS(h ⊕ N), m) ⊕ h ⊕ m. */
function compress(h: Int32Array, n: Int32Array, m: Int32Array): void {
  lpsx(K, h, 0, n, 0);
  lpsx(E, K, 0, m, 0);
  for (let i = 0; i < 11; i++) {
    lpsx(K, K, 0, C, i * 16);
    lpsx(E, K, 0, E, 0);
  }
  lpsx(K, K, 0, C, 11 * 16);
  for (let i = 0; i < 16; i++) {
    h[i] = (h[i] as number) ^ (E[i] as number) ^ (K[i] as number) ^ (m[i] as number);
  }
}

/** acc ← acc + v mod 2^512 (16 little-endian 32-bit words). */
function add512(acc: Int32Array, v: Int32Array): void {
  let carry = 0;
  for (let i = 0; i < 16; i++) {
    const s = ((acc[i] as number) >>> 0) + ((v[i] as number) >>> 0) + carry;
    acc[i] = s | 0;
    carry = s > 0xffffffff ? 1 : 0;
  }
}

function loadBlock(dst: Int32Array, src: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++) {
    const p = off + 4 * i;
    dst[i] =
      (src[p] as number) |
      ((src[p + 1] as number) << 8) |
      ((src[p + 2] as number) << 16) |
      ((src[p + 3] as number) << 24);
  }
}

const ZERO = new Int32Array(16);
const BLOCK_BITS = new Int32Array(16);
BLOCK_BITS[0] = 512;

function streebog(data: Uint8Array, outLen: 32 | 64): Uint8Array {
  const h = new Int32Array(16).fill(outLen === 32 ? 0x01010101 : 0);
  const n = new Int32Array(16);
  const sigma = new Int32Array(16);
  const m = new Int32Array(16);
  let off = 0;
  for (; off + 64 <= data.length; off += 64) {
    loadBlock(m, data, off);
    compress(h, n, m);
    add512(n, BLOCK_BITS);
    add512(sigma, m);
  }
  // final partial block (possibly empty): data ‖ 0x01 ‖ zeros
  const rest = data.length - off;
  const last = new Uint8Array(64);
  last.set(data.subarray(off));
  last[rest] = 1;
  loadBlock(m, last, 0);
  compress(h, n, m);
  const bits = new Int32Array(16);
  bits[0] = rest * 8;
  add512(n, bits);
  add512(sigma, m);
  compress(h, ZERO, n);
  compress(h, ZERO, sigma);

  const out = new Uint8Array(64);
  for (let i = 0; i < 16; i++) {
    const w = h[i] as number;
    out[4 * i] = w & 255;
    out[4 * i + 1] = (w >>> 8) & 255;
    out[4 * i + 2] = (w >>> 16) & 255;
    out[4 * i + 3] = (w >>> 24) & 255;
  }
  // the 256-bit hash is the most significant half, i.e. the last 32 bytes emitted
  return outLen === 64 ? out : out.slice(32);
}

/** Streebog-256 of `data`, bytes in emission order. */
export function streebog256(data: Uint8Array): Uint8Array {
  return streebog(data, 32);
}

/** Streebog-512 of `data`, bytes in emission order. */
export function streebog512(data: Uint8Array): Uint8Array {
  return streebog(data, 64);
}

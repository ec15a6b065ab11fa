/**
 * bash-f, the sponge permutation of STB 34.101.77-2016 (Belarus) on a 1536-bit state of 24
 * little-endian 64-bit words S0..S23. Each of 24 rounds applies the S-box bash-s to the columns
 * (Sj, S8+j, S16+j), moves the words by the permutation P and adds a round constant to S23.
 *
 * JavaScript has no 64-bit integers short of BigInt (far too slow here), so each word is kept
 * as two 32-bit halves: state[2i] low, state[2i + 1] high.
 */

/** Rotation amounts m1, n1, m2, n2 of bash-s for columns j = 0..7, four per column. */
const ROTATIONS = Uint8Array.of(
  8,
  53,
  14,
  1,
  56,
  51,
  34,
  7,
  8,
  37,
  46,
  49,
  56,
  3,
  2,
  23,
  8,
  21,
  14,
  33,
  56,
  19,
  34,
  39,
  8,
  5,
  46,
  17,
  56,
  35,
  2,
  55,
);

/** P: the word that lands at position x comes from position PERMUTATION[x]. */
const PERMUTATION = Uint8Array.from({ length: 24 }, (_, x) =>
  x < 8 ? 8 + ((x + 2 * (x & 1) + 7) % 8) : x < 16 ? 8 + (x ^ 1) : (5 * x + 6) % 8,
);

/** Round constants C1..C24: C1 given, C(t+1) = (C(t) >> 1) ⊕ (A if C(t) is odd). */
const CONSTANTS: Uint32Array = (() => {
  const A = 0xdc2be1997fe0d8aen;
  const out = new Uint32Array(48);
  let c = 0x3bf5080ac8ba94b1n;
  for (let t = 0; t < 24; t++) {
    out[2 * t] = Number(c & 0xffffffffn);
    out[2 * t + 1] = Number(c >> 32n);
    c = (c >> 1n) ^ (c & 1n ? A : 0n);
  }
  return out;
})();

// A 64-bit rotation towards the high bits by r, as its low and high halves. No rotation
// amount of bash-s is 0 or 32, so every shift below is by 1..31 (JS shifts count mod 32).
function rotLo(lo: number, hi: number, r: number): number {
  return r < 32
    ? ((lo << r) | (hi >>> (32 - r))) >>> 0
    : ((hi << (r - 32)) | (lo >>> (64 - r))) >>> 0;
}

function rotHi(lo: number, hi: number, r: number): number {
  return r < 32
    ? ((hi << r) | (lo >>> (32 - r))) >>> 0
    : ((lo << (r - 32)) | (hi >>> (64 - r))) >>> 0;
}

/** bash-s on words (a, b, c) of the state, in place. */
function bashS(
  s: Uint32Array,
  a: number,
  b: number,
  c: number,
  m1: number,
  n1: number,
  m2: number,
  n2: number,
): void {
  let w0l = s[2 * a] as number;
  let w0h = s[2 * a + 1] as number;
  let w1l = s[2 * b] as number;
  let w1h = s[2 * b + 1] as number;
  let w2l = s[2 * c] as number;
  let w2h = s[2 * c + 1] as number;
  // T0 = RotHi(W0, m1); W0 = W0 ⊕ W1 ⊕ W2; T1 = W1 ⊕ RotHi(W0, n1); W1 = T0 ⊕ T1
  const t0l = rotLo(w0l, w0h, m1);
  const t0h = rotHi(w0l, w0h, m1);
  w0l = (w0l ^ w1l ^ w2l) >>> 0;
  w0h = (w0h ^ w1h ^ w2h) >>> 0;
  const t1l = (w1l ^ rotLo(w0l, w0h, n1)) >>> 0;
  const t1h = (w1h ^ rotHi(w0l, w0h, n1)) >>> 0;
  w1l = (t0l ^ t1l) >>> 0;
  w1h = (t0h ^ t1h) >>> 0;
  // W2 = W2 ⊕ RotHi(W2, m2) ⊕ RotHi(T1, n2)
  const r2l = rotLo(w2l, w2h, m2);
  const r2h = rotHi(w2l, w2h, m2);
  w2l = (w2l ^ r2l ^ rotLo(t1l, t1h, n2)) >>> 0;
  w2h = (w2h ^ r2h ^ rotHi(t1l, t1h, n2)) >>> 0;
  // the non-linear step, every term from the same (W0, W1, W2)
  const u0l = ~w2l | w1l;
  const u0h = ~w2h | w1h;
  const u1l = w0l | w2l;
  const u1h = w0h | w2h;
  const u2l = w0l & w1l;
  const u2h = w0h & w1h;
  s[2 * a] = (w0l ^ u0l) >>> 0;
  s[2 * a + 1] = (w0h ^ u0h) >>> 0;
  s[2 * b] = (w1l ^ u1l) >>> 0;
  s[2 * b + 1] = (w1h ^ u1h) >>> 0;
  s[2 * c] = (w2l ^ u2l) >>> 0;
  s[2 * c + 1] = (w2h ^ u2h) >>> 0;
}

const moved = new Uint32Array(48);

/** bash-f on a state of 48 32-bit halves, in place. */
export function bashF(s: Uint32Array): void {
  for (let round = 0; round < 24; round++) {
    for (let j = 0; j < 8; j++) {
      const r = 4 * j;
      bashS(
        s,
        j,
        8 + j,
        16 + j,
        ROTATIONS[r] as number,
        ROTATIONS[r + 1] as number,
        ROTATIONS[r + 2] as number,
        ROTATIONS[r + 3] as number,
      );
    }
    for (let x = 0; x < 24; x++) {
      const from = PERMUTATION[x] as number;
      moved[2 * x] = s[2 * from] as number;
      moved[2 * x + 1] = s[2 * from + 1] as number;
    }
    s.set(moved);
    s[46] = ((s[46] as number) ^ (CONSTANTS[2 * round] as number)) >>> 0;
    s[47] = ((s[47] as number) ^ (CONSTANTS[2 * round + 1] as number)) >>> 0;
  }
}

/** Reads `count` octets (a multiple of 4) from `bytes` at `offset` into the first halves. */
export function loadOctets(
  into: Uint32Array,
  bytes: Uint8Array,
  offset: number,
  count: number,
): Uint32Array {
  for (let i = 0; i < count; i += 4) {
    const o = offset + i;
    into[i >> 2] =
      ((bytes[o] as number) |
        ((bytes[o + 1] as number) << 8) |
        ((bytes[o + 2] as number) << 16) |
        ((bytes[o + 3] as number) << 24)) >>>
      0;
  }
  return into;
}

/** The 192-octet state as halves (octets are little-endian words). */
export function stateFromBytes(bytes: Uint8Array): Uint32Array {
  return loadOctets(new Uint32Array(48), bytes, 0, 192);
}

export function stateToBytes(s: Uint32Array, into: Uint8Array = new Uint8Array(192)): Uint8Array {
  for (let i = 0; i < 48; i++) {
    const v = s[i] as number;
    const o = 4 * i;
    into[o] = v & 0xff;
    into[o + 1] = (v >>> 8) & 0xff;
    into[o + 2] = (v >>> 16) & 0xff;
    into[o + 3] = v >>> 24;
  }
  return into;
}

/**
 * belt-block, the 128-bit block cipher of STB 34.101.31-2011 §6.1 (Belarus). Blocks and keys
 * are read as little-endian 32-bit words, as the standard's octet conventions require; the
 * test vectors of its Appendix A (reproduced in bee2's belt test) pin this down.
 */

/** The substitution H of STB 34.101.31 §6.1.1, row by row as the standard prints it. */
export const BELT_H: Uint8Array = Uint8Array.from(
  Buffer.from(
    [
      'B194BAC80A08F53B366D008E584A5DE4',
      '8504FA9D1BB6C7AC252E72C202FDCE0D',
      '5BE3D61217B96181FE6786AD716B890B',
      '5CB0C0FF33C356B835C405AED8E07F99',
      'E12BDC1AE28257EC703FCCF095EE8DF1',
      'C1AB76389FE678CAF7C6F860D5BB9C4F',
      'F33C657B637C306ADD4EA7799EB23D31',
      '3E98B56E27D3BCCF591E181F4C5AB793',
      'E9DEE72C8F0C0FA62DDB49F46F739647',
      '06075316ED247A3739CBA38303A98BF6',
      '92BD9B1CE5D141015445FBC95E4D0EF2',
      '682080AA227D642F2687F93490405511',
      'BE32971343FC9A48A02A885F194B09A1',
      '7ECDA4D01544AF8CA58450BF66D2E88A',
      'A2D7465242A8DFB36974C551EB232921',
      'D4EFD9B43A622875911410EA776CDA1D',
    ].join(''),
    'hex',
  ),
);

function rotl(x: number, r: number): number {
  return ((x << r) | (x >>> (32 - r))) >>> 0;
}

/**
 * G_r(u) = RotHi^r(H(u1) ‖ H(u2) ‖ H(u3) ‖ H(u4)) folded into four tables per rotation: the
 * byte at position j of u lands rotated by r + 8j, so one table per total rotation suffices.
 */
function rotatedTable(r: number): Uint32Array {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) t[i] = rotl(BELT_H[i] as number, r);
  return t;
}

const H5 = rotatedTable(5);
const H13 = rotatedTable(13);
const H21 = rotatedTable(21);
const H29 = rotatedTable(29);

function g5(x: number): number {
  return (
    ((H5[x & 255] as number) ^
      (H13[(x >>> 8) & 255] as number) ^
      (H21[(x >>> 16) & 255] as number) ^
      (H29[x >>> 24] as number)) >>>
    0
  );
}

function g13(x: number): number {
  return (
    ((H13[x & 255] as number) ^
      (H21[(x >>> 8) & 255] as number) ^
      (H29[(x >>> 16) & 255] as number) ^
      (H5[x >>> 24] as number)) >>>
    0
  );
}

function g21(x: number): number {
  return (
    ((H21[x & 255] as number) ^
      (H29[(x >>> 8) & 255] as number) ^
      (H5[(x >>> 16) & 255] as number) ^
      (H13[x >>> 24] as number)) >>>
    0
  );
}

/** Eight little-endian key words θ1..θ8 (the round keys cycle through them). */
export type BeltKey = Uint32Array;

/**
 * Key expansion of §6.1.2 note: a 256-bit key is used as is; a 128-bit key is repeated; a
 * 192-bit key is completed with θ7 = θ1⊕θ2⊕θ3, θ8 = θ4⊕θ5⊕θ6.
 */
export function beltKey(key: Uint8Array): BeltKey {
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) {
    throw new RangeError(`belt key must be 16, 24 or 32 bytes, got ${key.length}`);
  }
  const words = new Uint32Array(8);
  const view = new DataView(key.buffer, key.byteOffset, key.byteLength);
  for (let i = 0; i < key.length / 4; i++) words[i] = view.getUint32(4 * i, true);
  if (key.length === 16) words.set(words.subarray(0, 4), 4);
  if (key.length === 24) {
    words[6] = ((words[0] as number) ^ (words[1] as number) ^ (words[2] as number)) >>> 0;
    words[7] = ((words[3] as number) ^ (words[4] as number) ^ (words[5] as number)) >>> 0;
  }
  return words;
}

/**
 * Encrypts the four words a, b, c, d of `block` in place (§6.1.3): eight rounds, round keys
 * K_{7i-6..7i} = θ_{(j-1) mod 8 + 1}, result b ‖ d ‖ a ‖ c.
 */
export function encryptWords(block: Uint32Array, key: BeltKey): void {
  let a = block[0] as number;
  let b = block[1] as number;
  let c = block[2] as number;
  let d = block[3] as number;
  for (let i = 1; i <= 8; i++) {
    const k = 7 * (i - 1);
    b = (b ^ g5((a + (key[(k + 0) & 7] as number)) >>> 0)) >>> 0;
    c = (c ^ g21((d + (key[(k + 1) & 7] as number)) >>> 0)) >>> 0;
    a = (a - g13((b + (key[(k + 2) & 7] as number)) >>> 0)) >>> 0;
    const e = (g21((b + c + (key[(k + 3) & 7] as number)) >>> 0) ^ i) >>> 0;
    b = (b + e) >>> 0;
    c = (c - e) >>> 0;
    d = (d + g13((c + (key[(k + 4) & 7] as number)) >>> 0)) >>> 0;
    b = (b ^ g21((a + (key[(k + 5) & 7] as number)) >>> 0)) >>> 0;
    c = (c ^ g5((d + (key[(k + 6) & 7] as number)) >>> 0)) >>> 0;
    // a ↔ b, c ↔ d, b ↔ c (temporaries: destructuring swaps allocate in hot loops)
    const t = a;
    a = b;
    b = d;
    d = c;
    c = t;
  }
  block[0] = b;
  block[1] = d;
  block[2] = a;
  block[3] = c;
}

/** Decrypts in place (§6.1.4): the rounds in reverse with keys K_{7i..7i-6}, result c ‖ a ‖ d ‖ b. */
export function decryptWords(block: Uint32Array, key: BeltKey): void {
  let a = block[0] as number;
  let b = block[1] as number;
  let c = block[2] as number;
  let d = block[3] as number;
  for (let i = 8; i >= 1; i--) {
    const k = 7 * (i - 1);
    b = (b ^ g5((a + (key[(k + 6) & 7] as number)) >>> 0)) >>> 0;
    c = (c ^ g21((d + (key[(k + 5) & 7] as number)) >>> 0)) >>> 0;
    a = (a - g13((b + (key[(k + 4) & 7] as number)) >>> 0)) >>> 0;
    const e = (g21((b + c + (key[(k + 3) & 7] as number)) >>> 0) ^ i) >>> 0;
    b = (b + e) >>> 0;
    c = (c - e) >>> 0;
    d = (d + g13((c + (key[(k + 2) & 7] as number)) >>> 0)) >>> 0;
    b = (b ^ g21((a + (key[(k + 1) & 7] as number)) >>> 0)) >>> 0;
    c = (c ^ g5((d + (key[(k + 0) & 7] as number)) >>> 0)) >>> 0;
    // a ↔ b, c ↔ d, a ↔ d
    const t = a;
    a = c;
    c = d;
    d = b;
    b = t;
  }
  block[0] = c;
  block[1] = a;
  block[2] = d;
  block[3] = b;
}

function wordsOf(bytes: Uint8Array): Uint32Array {
  if (bytes.length !== 16) throw new RangeError(`belt block must be 16 bytes, got ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, 16);
  return Uint32Array.of(
    view.getUint32(0, true),
    view.getUint32(4, true),
    view.getUint32(8, true),
    view.getUint32(12, true),
  );
}

function bytesOf(words: Uint32Array): Uint8Array {
  const out = new Uint8Array(16);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) view.setUint32(4 * i, words[i] as number, true);
  return out;
}

/** belt-block encryption of one 16-byte block under a 16/24/32-byte key. */
export function beltEncryptBlock(block: Uint8Array, key: Uint8Array): Uint8Array {
  const words = wordsOf(block);
  encryptWords(words, beltKey(key));
  return bytesOf(words);
}

/** belt-block decryption of one 16-byte block. */
export function beltDecryptBlock(block: Uint8Array, key: Uint8Array): Uint8Array {
  const words = wordsOf(block);
  decryptWords(words, beltKey(key));
  return bytesOf(words);
}

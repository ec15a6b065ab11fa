import { beltKey, encryptWords, type BeltKey } from './block.js';

/**
 * belt-wblock (STB 34.101.31-2011 §6.2): encryption of a "wide block" of 32 bytes or more,
 * used by bign's deterministic one-time key (STB 34.101.45 §6.3.3). The block is seen as
 * r1 ‖ … ‖ rn of 16-byte pieces (the last may be shorter); r* is its last 16 bytes.
 * Each of the 2n rounds takes s = r1 ⊕ … ⊕ r(n-1), adds belt-block(s) ⊕ <round>_128 to r*,
 * and shifts the block one piece to the left with s entering at the end.
 */

const BLOCK = 16;

function encryptBlockBytes(bytes: Uint8Array, key: BeltKey): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, BLOCK);
  const words = Uint32Array.of(
    view.getUint32(0, true),
    view.getUint32(4, true),
    view.getUint32(8, true),
    view.getUint32(12, true),
  );
  encryptWords(words, key);
  const out = new Uint8Array(BLOCK);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) outView.setUint32(4 * i, words[i] as number, true);
  return out;
}

/** XORs <round>_128 (little-endian) into a block. */
function addRound(block: Uint8Array, round: number): void {
  for (let i = 0, r = round; r > 0 && i < BLOCK; i++, r = Math.floor(r / 256)) {
    block[i] = (block[i] as number) ^ (r & 0xff);
  }
}

/** Sum of the full pieces r1..r(n-1): those starting before the last 16 bytes' piece. */
function pieceSum(buf: Uint8Array, count: number): Uint8Array {
  const s = buf.slice(0, BLOCK);
  for (let at = BLOCK; at + BLOCK < count; at += BLOCK) {
    for (let i = 0; i < BLOCK; i++) s[i] = (s[i] as number) ^ (buf[at + i] as number);
  }
  return s;
}

/** belt-wblock encryption; returns a new array of the same length. */
export function beltWideEncrypt(data: Uint8Array, key: Uint8Array): Uint8Array {
  const count = data.length;
  if (count < 2 * BLOCK) throw new RangeError('belt-wblock needs at least 32 bytes');
  const theta = beltKey(key);
  const n = Math.ceil(count / BLOCK);
  let buf = Uint8Array.from(data);
  for (let round = 1; round <= 2 * n; round++) {
    const s = pieceSum(buf, count);
    const mask = encryptBlockBytes(s, theta);
    addRound(mask, round);
    // r* ⊕= mask, then shift left by one piece with s appended
    for (let i = 0; i < BLOCK; i++) {
      const at = count - BLOCK + i;
      buf[at] = (buf[at] as number) ^ (mask[i] as number);
    }
    const next = new Uint8Array(count);
    next.set(buf.subarray(BLOCK), 0);
    next.set(s, count - BLOCK);
    buf = next;
  }
  return buf;
}

/** belt-wblock decryption, the inverse of {@link beltWideEncrypt}. */
export function beltWideDecrypt(data: Uint8Array, key: Uint8Array): Uint8Array {
  const count = data.length;
  if (count < 2 * BLOCK) throw new RangeError('belt-wblock needs at least 32 bytes');
  const theta = beltKey(key);
  const n = Math.ceil(count / BLOCK);
  let buf = Uint8Array.from(data);
  for (let round = 2 * n; round >= 1; round--) {
    // undo the shift: s (the last piece) goes back to the front
    const s = buf.slice(count - BLOCK);
    const next = new Uint8Array(count);
    next.set(s, 0);
    next.set(buf.subarray(0, count - BLOCK), BLOCK);
    buf = next;
    const mask = encryptBlockBytes(s, theta);
    addRound(mask, round);
    for (let i = 0; i < BLOCK; i++) {
      const at = count - BLOCK + i;
      buf[at] = (buf[at] as number) ^ (mask[i] as number);
    }
    // r1 = s ⊕ r2 ⊕ … ⊕ r(n-1)
    const sum = pieceSum(buf, count);
    buf.set(sum, 0);
  }
  return buf;
}

/**
 * The two layouts of an (r, s) signature value: DER `SEQUENCE { INTEGER r, INTEGER s }` (X.509,
 * CMS) and fixed-width big-endian r‖s (XMLDSig ECDSA, IEEE P1363). Decoding is strict: any
 * deviation from minimal DER returns undefined, because a signature that only verifies after
 * lenient re-encoding is malleable.
 */

export interface RsPair {
  r: bigint;
  s: bigint;
}

export function bigintToBytes(value: bigint, length: number): Uint8Array {
  if (value < 0n) throw new RangeError('negative integer');
  const hex = value.toString(16).padStart(length * 2, '0');
  if (hex.length > length * 2) throw new RangeError(`integer does not fit in ${length} bytes`);
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

export function bytesToBigint(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

/** r‖s with each half `size` bytes. */
export function encodeRawRs({ r, s }: RsPair, size: number): Uint8Array {
  const out = new Uint8Array(size * 2);
  out.set(bigintToBytes(r, size), 0);
  out.set(bigintToBytes(s, size), size);
  return out;
}

/** Splits r‖s; undefined unless the value is exactly 2·size bytes. */
export function decodeRawRs(bytes: Uint8Array, size: number): RsPair | undefined {
  if (bytes.length !== size * 2) return undefined;
  return { r: bytesToBigint(bytes.subarray(0, size)), s: bytesToBigint(bytes.subarray(size)) };
}

function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let n = length; n > 0; n >>= 8) bytes.unshift(n & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

function derInteger(value: bigint): number[] {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const body = [...Buffer.from(hex, 'hex')];
  // A leading 1 bit would make the INTEGER negative: prefix 00.
  if ((body[0] ?? 0) & 0x80) body.unshift(0);
  return [0x02, ...derLength(body.length), ...body];
}

export function encodeDerRs({ r, s }: RsPair): Uint8Array {
  if (r < 0n || s < 0n) throw new RangeError('negative signature component');
  const content = [...derInteger(r), ...derInteger(s)];
  return Uint8Array.from([0x30, ...derLength(content.length), ...content]);
}

/** Reads a definite, minimal DER length at `pos`; returns [length, next position]. */
function readLength(bytes: Uint8Array, pos: number): [number, number] | undefined {
  const first = bytes[pos];
  if (first === undefined) return undefined;
  if (first < 0x80) return [first, pos + 1];
  const count = first & 0x7f;
  if (count === 0 || count > 3) return undefined;
  let length = 0;
  for (let i = 1; i <= count; i++) {
    const b = bytes[pos + i];
    if (b === undefined) return undefined;
    length = length * 256 + b;
  }
  if (length < 0x80 || (bytes[pos + 1] ?? 0) === 0) return undefined; // not minimal
  return [length, pos + 1 + count];
}

function readPositiveInteger(bytes: Uint8Array, pos: number): [bigint, number] | undefined {
  if (bytes[pos] !== 0x02) return undefined;
  const len = readLength(bytes, pos + 1);
  if (!len) return undefined;
  const [length, start] = len;
  const end = start + length;
  if (length === 0 || end > bytes.length) return undefined;
  const body = bytes.subarray(start, end);
  const b0 = body[0] ?? 0;
  if (b0 & 0x80) return undefined; // negative
  if (b0 === 0 && body.length > 1 && ((body[1] ?? 0) & 0x80) === 0) return undefined; // padded
  return [bytesToBigint(body), end];
}

export function decodeDerRs(bytes: Uint8Array): RsPair | undefined {
  if (bytes[0] !== 0x30) return undefined;
  const len = readLength(bytes, 1);
  if (!len) return undefined;
  const [length, start] = len;
  if (start + length !== bytes.length) return undefined;
  const r = readPositiveInteger(bytes, start);
  if (!r) return undefined;
  const s = readPositiveInteger(bytes, r[1]);
  if (!s || s[1] !== bytes.length) return undefined;
  return { r: r[0], s: s[0] };
}

import { beltWideDecrypt, beltWideEncrypt } from './wide-block.js';

/**
 * belt-kwp (STB 34.101.31 §6.7): key wrapping with integrity. Wrap = belt-wblock(X ‖ I) for a
 * 16-octet header I (zeros when none is given); unwrap decrypts and accepts only when the last
 * 16 octets equal I, so a wrong key or password is detected, never returned as a key.
 */
const HEADER = 16;

export function beltKeyWrap(
  key: Uint8Array,
  data: Uint8Array,
  header = new Uint8Array(HEADER),
): Uint8Array {
  if (data.length < 16) throw new RangeError('belt-kwp wraps at least 16 octets');
  if (header.length !== HEADER) throw new RangeError('belt-kwp header must be 16 octets');
  const block = new Uint8Array(data.length + HEADER);
  block.set(data);
  block.set(header, data.length);
  return beltWideEncrypt(block, key);
}

/** The wrapped data, or undefined when the token does not unwrap to the expected header. */
export function beltKeyUnwrap(
  key: Uint8Array,
  wrapped: Uint8Array,
  header = new Uint8Array(HEADER),
): Uint8Array | undefined {
  if (wrapped.length < 32 || header.length !== HEADER) return undefined;
  const block = beltWideDecrypt(wrapped, key);
  const found = block.subarray(block.length - HEADER);
  let diff = 0;
  for (let i = 0; i < HEADER; i++) diff |= (found[i] as number) ^ (header[i] as number);
  return diff === 0 ? block.slice(0, block.length - HEADER) : undefined;
}

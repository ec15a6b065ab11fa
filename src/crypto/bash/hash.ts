import { bashF, loadOctets, stateToBytes } from './permutation.js';

/**
 * bash-hash (STB 34.101.77-2016 §7) at security level l = 128, 192, 256: bash256, bash384,
 * bash512. A sponge in overwrite mode: the state starts as zeros with <l/4>_64 in its last
 * word; each (192 − l/2)-octet block replaces the front of the state and bash-f runs; the last
 * (possibly empty) block is closed by the octet 0x40 and zeros; the hash is the first l/4
 * octets of the state after the final bash-f.
 */
export type BashLevel = 128 | 192 | 256;

export function bashHash(level: BashLevel, data: Uint8Array): Uint8Array {
  const rate = 192 - level / 2;
  const words = new Uint32Array(48);
  words[46] = level / 4; // <l/4>_64 in the last word
  let offset = 0;
  // full blocks; a message that ends on a block boundary gets a block of padding alone
  for (; offset + rate <= data.length; offset += rate) {
    bashF(loadOctets(words, data, offset, rate));
  }
  const rest = data.length - offset;
  const last = new Uint8Array(rate);
  last.set(data.subarray(offset));
  last[rest] = 0x40;
  bashF(loadOctets(words, last, 0, rate));
  return stateToBytes(words).slice(0, level / 4);
}

export const bash256 = (data: Uint8Array): Uint8Array => bashHash(128, data);
export const bash384 = (data: Uint8Array): Uint8Array => bashHash(192, data);
export const bash512 = (data: Uint8Array): Uint8Array => bashHash(256, data);

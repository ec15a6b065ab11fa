import { createHash, getHashes } from 'node:crypto';
import { sm3 as sm3Hex } from 'sm-crypto-v2';

// OpenSSL 3 builds normally ship SM3; some (FIPS, trimmed distributions) do not, so keep the
// pure-JS fallback. Decided once: getHashes() is not free.
const nodeHasSm3 = getHashes().includes('sm3');

/** SM3 (GB/T 32905-2016) digest, 32 bytes. */
export function sm3(data: Uint8Array): Uint8Array {
  if (nodeHasSm3) return new Uint8Array(createHash('sm3').update(data).digest());
  return Uint8Array.from(Buffer.from(sm3Hex(data), 'hex'));
}

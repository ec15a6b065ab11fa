import { createRequire } from 'node:module';
import type * as NobleSlhDsa from '@noble/post-quantum/slh-dsa.js';
import { KeyFormatError } from '../errors.js';
import { rawSignatureScheme, type RawKeySet } from '../raw-key-codec.js';
import type { SignatureScheme } from '../types.js';

type NobleName =
  | 'slh_dsa_sha2_128s'
  | 'slh_dsa_sha2_128f'
  | 'slh_dsa_sha2_192s'
  | 'slh_dsa_sha2_192f'
  | 'slh_dsa_sha2_256s'
  | 'slh_dsa_sha2_256f';

/**
 * SLH-DSA (FIPS 205), pure mode, SHA2 parameter sets (the ones xmlsec names), through
 * @noble/post-quantum, with the optional context string xmlsec carries in
 * `SignatureMethod/SLHDSAContextString`. The SignatureValue is the raw FIPS 205 signature.
 * OIDs: NIST CSOR sigAlgs 2.16.840.1.101.3.4.3.20-25, RFC 9909 (keys and certificate
 * signatures share them).
 */
const set = (
  variant: string,
  oidArc: number,
  n: number,
  noble: NobleName,
): RawKeySet & { noble: NobleName } => ({
  id: `slh-dsa-sha2-${variant}`,
  name: `SLH-DSA-SHA2-${variant}`,
  oid: `2.16.840.1.101.3.4.3.${oidArc}`,
  publicKeyBytes: 2 * n,
  bits: 8 * n,
  noble,
});

const SETS = [
  set('128s', 20, 16, 'slh_dsa_sha2_128s'),
  set('128f', 21, 16, 'slh_dsa_sha2_128f'),
  set('192s', 22, 24, 'slh_dsa_sha2_192s'),
  set('192f', 23, 24, 'slh_dsa_sha2_192f'),
  set('256s', 24, 32, 'slh_dsa_sha2_256s'),
  set('256f', 25, 32, 'slh_dsa_sha2_256f'),
];

// Loaded on first use (about 20 ms to import; most runs never meet a post-quantum signature).
const require = createRequire(import.meta.url);
let noble: typeof NobleSlhDsa | undefined;
const slhDsa = (s: (typeof SETS)[number]) =>
  (noble ??= require('@noble/post-quantum/slh-dsa.js') as typeof NobleSlhDsa)[s.noble];

/**
 * RFC 9909 §6: the PKCS#8 privateKey OCTET STRING holds SK.seed ‖ SK.prf ‖ PK.seed ‖ PK.root
 * (4n octets); the public key is its second half.
 */
function privateKey(octets: Uint8Array, s: RawKeySet) {
  if (octets.length !== 2 * s.publicKeyBytes) {
    throw new KeyFormatError(
      `${s.name} private key of ${octets.length} octets, expected ${2 * s.publicKeyBytes}`,
    );
  }
  return { secretKey: octets, publicKey: octets.slice(s.publicKeyBytes) };
}

export const slhDsaScheme: SignatureScheme = rawSignatureScheme(
  { family: 'slh-dsa', sets: SETS, privateKey },
  slhDsa,
);

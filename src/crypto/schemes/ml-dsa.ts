import { createRequire } from 'node:module';
import * as asn1js from 'asn1js';
import type * as NobleMlDsa from '@noble/post-quantum/ml-dsa.js';
import { KeyFormatError } from '../errors.js';
import { rawSignatureScheme, type RawKeySet } from '../raw-key-codec.js';
import type { SignatureScheme } from '../types.js';

/**
 * ML-DSA (FIPS 204), pure mode, through @noble/post-quantum: the message is the canonical
 * SignedInfo (XML) or the TBS (X.509), with the optional context string xmlsec carries in
 * `SignatureMethod/MLDSAContextString`. The SignatureValue is the raw FIPS 204 signature in
 * both encodings. OIDs: NIST CSOR sigAlgs 2.16.840.1.101.3.4.3.17-19, RFC 9881 (keys and
 * certificate signatures share them).
 */
const SETS: readonly (RawKeySet & { noble: 'ml_dsa44' | 'ml_dsa65' | 'ml_dsa87' })[] = [
  {
    id: 'ml-dsa-44',
    name: 'ML-DSA-44',
    oid: '2.16.840.1.101.3.4.3.17',
    publicKeyBytes: 1312,
    bits: 128,
    noble: 'ml_dsa44',
  },
  {
    id: 'ml-dsa-65',
    name: 'ML-DSA-65',
    oid: '2.16.840.1.101.3.4.3.18',
    publicKeyBytes: 1952,
    bits: 192,
    noble: 'ml_dsa65',
  },
  {
    id: 'ml-dsa-87',
    name: 'ML-DSA-87',
    oid: '2.16.840.1.101.3.4.3.19',
    publicKeyBytes: 2592,
    bits: 256,
    noble: 'ml_dsa87',
  },
];

// Loaded on first use (about 15 ms to import; most runs never meet a post-quantum signature).
const require = createRequire(import.meta.url);
let noble: typeof NobleMlDsa | undefined;
const mlDsa = (set: (typeof SETS)[number]) =>
  (noble ??= require('@noble/post-quantum/ml-dsa.js') as typeof NobleMlDsa)[set.noble];

/**
 * RFC 9881 §6 ML-DSA-PrivateKey: seed [0] (32 octets), expandedKey, or both. The public key is
 * derived from the seed; an expanded key alone does not give it, so it is refused.
 */
function privateKey(octets: Uint8Array, set: RawKeySet) {
  const parsed = asn1js.fromBER(octets);
  const block = parsed.result;
  let seed: Uint8Array | undefined;
  if (block.idBlock.tagClass === 3 && block.idBlock.tagNumber === 0) {
    seed = new Uint8Array((block as asn1js.Primitive).valueBlock.valueHexView);
  } else if (block instanceof asn1js.Sequence) {
    const first = block.valueBlock.value[0];
    if (first instanceof asn1js.OctetString) seed = new Uint8Array(first.valueBlock.valueHexView);
  } else if (block instanceof asn1js.OctetString) {
    throw new KeyFormatError(
      `${set.name} private key holds only the expanded key: give one with its seed (RFC 9881)`,
    );
  }
  if (parsed.offset !== octets.length || seed?.length !== 32) {
    throw new KeyFormatError(`${set.name} private key: expected a 32-octet seed (RFC 9881)`);
  }
  const keys = mlDsa(SETS.find((s) => s.oid === set.oid)!).keygen(seed);
  return { secretKey: keys.secretKey, publicKey: keys.publicKey };
}

export const mlDsaScheme: SignatureScheme = rawSignatureScheme(
  { family: 'ml-dsa', sets: SETS, privateKey },
  mlDsa,
);

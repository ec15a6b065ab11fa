import { algorithmsByOid } from '../algorithms/registry.js';
import { curveInfo, type CurveEntry } from '../crypto/curves.js';
import type { KeyFamily } from '../crypto/types.js';

/**
 * OID tables for certificates and keys. Sources: RFC 3279/5480/8410 (RSA, EC, EdDSA), RFC 4357
 * and RFC 7836 / RFC 9215 (GOST parameter sets), GM/T 0006-2012 (SM2), STB 34.101.45 (bign),
 * shared/reference/algorithms.md for KZ and UZ (marked unconfirmed there). Key sizes for named
 * curves come from here, since Node cannot size GOST, SM2 or bign keys.
 */

export interface KeyAlgorithmInfo {
  family: KeyFamily;
  name: string;
  confirmed: boolean;
}

export const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsassaPss: '1.2.840.113549.1.1.10',
  dsa: '1.2.840.10040.4.1',
  ecPublicKey: '1.2.840.10045.2.1',
  ed25519: '1.3.101.112',
  ed448: '1.3.101.113',
  sm2: '1.2.156.10197.1.301',
  gost2001: '1.2.643.2.2.19',
  gost2012_256: '1.2.643.7.1.1.1.1',
  gost2012_512: '1.2.643.7.1.1.1.2',
  bign: '1.2.112.0.2.0.34.101.45.2.1',
  kzGost2015: '1.2.398.3.10.1.1.2.2',
  uzDst: '1.2.860.3.15.1.1.2.1',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
} as const;

const KEY_ALGORITHMS = new Map<string, KeyAlgorithmInfo>([
  [OID.rsaEncryption, { family: 'rsa', name: 'rsaEncryption', confirmed: true }],
  [OID.rsassaPss, { family: 'rsa', name: 'RSASSA-PSS', confirmed: true }],
  [OID.dsa, { family: 'dsa', name: 'id-dsa', confirmed: true }],
  [OID.ecPublicKey, { family: 'ecdsa', name: 'id-ecPublicKey', confirmed: true }],
  [OID.ed25519, { family: 'eddsa', name: 'Ed25519', confirmed: true }],
  [OID.ed448, { family: 'eddsa', name: 'Ed448', confirmed: true }],
  // Some Chinese CAs put the curve OID in the algorithm field instead of id-ecPublicKey.
  [OID.sm2, { family: 'sm2', name: 'SM2', confirmed: true }],
  [OID.gost2001, { family: 'gost2001', name: 'id-GostR3410-2001', confirmed: true }],
  [OID.gost2012_256, { family: 'gost2012-256', name: 'id-tc26-gost3410-12-256', confirmed: true }],
  [OID.gost2012_512, { family: 'gost2012-512', name: 'id-tc26-gost3410-12-512', confirmed: true }],
  [OID.bign, { family: 'bign', name: 'bign-pubkey', confirmed: true }],
  [OID.kzGost2015, { family: 'kz-gost-2015', name: 'KZ GOST 34.10-2015 512', confirmed: false }],
  [OID.uzDst, { family: 'uz-dst', name: "O'z DSt 1092:2009", confirmed: false }],
]);

/** Sizes for families whose key size is fixed by the algorithm, not by a parameter. */
const FAMILY_BITS: Partial<Record<KeyFamily, number>> = {
  'gost2012-512': 512,
  'gost2012-256': 256,
  gost2001: 256,
  sm2: 256,
  'kz-gost-2015': 512,
};

export function keyAlgorithmInfo(oid: string): KeyAlgorithmInfo | undefined {
  return KEY_ALGORITHMS.get(oid);
}

export { curveInfo, type CurveEntry };

/** Best known key size for a key algorithm + optional parameter OID; 0 when unknown. */
export function keyBitsFor(family: KeyFamily, parameterOid?: string): number {
  const curve = parameterOid ? curveInfo(parameterOid) : undefined;
  return curve?.bits ?? FAMILY_BITS[family] ?? 0;
}

const HASH_OID_TO_DIGEST = new Map<string, string>([
  ['1.3.14.3.2.26', 'sha1'],
  ['2.16.840.1.101.3.4.2.4', 'sha224'],
  ['2.16.840.1.101.3.4.2.1', 'sha256'],
  ['2.16.840.1.101.3.4.2.2', 'sha384'],
  ['2.16.840.1.101.3.4.2.3', 'sha512'],
  ['2.16.840.1.101.3.4.2.7', 'sha3-224'],
  ['2.16.840.1.101.3.4.2.8', 'sha3-256'],
  ['2.16.840.1.101.3.4.2.9', 'sha3-384'],
  ['2.16.840.1.101.3.4.2.10', 'sha3-512'],
]);

/** Digest registry id for a hash OID (used inside RSASSA-PSS parameters). */
export function digestIdForHashOid(oid: string): string | undefined {
  return HASH_OID_TO_DIGEST.get(oid) ?? algorithmsByOid(oid).find((a) => a.kind === 'digest')?.id;
}

/**
 * Registry id of a signature algorithm OID. RSASSA-PSS shares one OID for every hash, so its
 * hash must be given (from the AlgorithmIdentifier parameters); without it there is no answer.
 */
export function registryIdForSignatureOid(oid: string, pssDigestId?: string): string | undefined {
  const entries = algorithmsByOid(oid).filter((a) => a.kind === 'signature');
  if (entries.length <= 1) return entries[0]?.id;
  return entries.find((a) => a.digest === pssDigestId)?.id;
}

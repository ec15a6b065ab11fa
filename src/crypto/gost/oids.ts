/** GOST key-algorithm and digest OIDs (RFC 4491, RFC 9215) and the key family each implies. */
export type GostFamily = 'gost2001' | 'gost2012-256' | 'gost2012-512';

/** SubjectPublicKeyInfo algorithm OID per family. */
export const GOST_KEY_OIDS: Readonly<Record<GostFamily, string>> = {
  gost2001: '1.2.643.2.2.19',
  'gost2012-256': '1.2.643.7.1.1.1.1',
  'gost2012-512': '1.2.643.7.1.1.1.2',
};

const FAMILY_BY_OID = new Map<string, GostFamily>(
  Object.entries(GOST_KEY_OIDS).map(([family, oid]) => [oid, family as GostFamily]),
);

/** Digest parameter OIDs: GOST R 34.11-94 CryptoPro, Streebog-256, Streebog-512. */
export const GOST_DIGEST_OIDS = {
  gostr341194CryptoPro: '1.2.643.2.2.30.1',
  streebog256: '1.2.643.7.1.1.2.2',
  streebog512: '1.2.643.7.1.1.2.3',
} as const;

/** True for the SPKI algorithm OIDs of GOST R 34.10-2001 and -2012 (256/512) keys. */
export function isGostKeyOid(oid: string): boolean {
  return FAMILY_BY_OID.has(oid);
}

/** The family a GOST key algorithm OID implies, or undefined. */
export function gostFamilyOfOid(oid: string): GostFamily | undefined {
  return FAMILY_BY_OID.get(oid);
}

/** Coordinate / signature-half size of a family in bits. */
export function gostFamilyBits(family: GostFamily): 256 | 512 {
  return family === 'gost2012-512' ? 512 : 256;
}

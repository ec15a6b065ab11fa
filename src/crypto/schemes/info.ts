import { BIGN_PUBKEY_OID } from '../bign/spki.js';
import { isGostKeyOid } from '../gost/oids.js';
import { SM2_CURVE_OID } from '../sm2/names.js';
import type { KeyCodec, KeyFamily } from '../types.js';

/**
 * What the registry knows of a scheme without loading its code: the algorithms it verifies and
 * the keys its codec reads. The algorithm catalogue's `verifiable`, the key codec lookup and the
 * choice of scheme come from here; the implementation loads when a key or a signature needs it
 * (schemes/lazy-scheme.ts), and must declare the same (checked when it loads).
 */
export interface SchemeInfo {
  name: string;
  algorithmIds: readonly string[];
  families: readonly KeyFamily[];
  keyCodec?: Pick<KeyCodec, 'families' | 'claims'>;
}

const EC_PUBLIC_KEY_OID = '1.2.840.10045.2.1';

/** SM2 with SM3: id-ecPublicKey on sm2p256v1 (OpenSSL) or the curve OID as the key OID. */
export const SM2_INFO: SchemeInfo = {
  name: 'SM2',
  algorithmIds: ['sm2-sm3'],
  families: ['sm2'],
  keyCodec: {
    families: ['sm2'],
    claims: (algorithmOid, parameterOid) =>
      algorithmOid === SM2_CURVE_OID ||
      (algorithmOid === EC_PUBLIC_KEY_OID && parameterOid === SM2_CURVE_OID),
  },
};

const GOST_IDS = ['gost2001', 'gost2012-256', 'gost2012-512'] as const;

/** GOST R 34.10-2001 and -2012 (256/512): registry ids are the family names. */
export const GOST_INFO: SchemeInfo = {
  name: 'GOST R 34.10',
  algorithmIds: GOST_IDS,
  families: GOST_IDS,
  keyCodec: { families: GOST_IDS, claims: (algorithmOid) => isGostKeyOid(algorithmOid) },
};

/** bign-with-hbelt (STB 34.101.45). */
export const BIGN_INFO: SchemeInfo = {
  name: 'bign',
  algorithmIds: ['bign-hbelt'],
  families: ['bign'],
  keyCodec: { families: ['bign'], claims: (algorithmOid) => algorithmOid === BIGN_PUBKEY_OID },
};

/**
 * Kazakhstan GOST 34.10-2015 512 (schemes/kz-gost.ts): keys of parameter set A only, the one a
 * public Kalkan-signed sample establishes.
 */
export const KZ_GOST_INFO: SchemeInfo = {
  name: 'KZ GOST 34.10-2015',
  algorithmIds: ['kz-gost2015-512'],
  families: ['kz-gost-2015'],
  keyCodec: {
    families: ['kz-gost-2015'],
    claims: (algorithmOid, parameterOid) =>
      algorithmOid === '1.2.398.3.10.1.1.2.2' && parameterOid === '1.2.398.3.10.1.1.2.2.1',
  },
};

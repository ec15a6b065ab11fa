import { UnsupportedAlgorithmError } from '../errors.js';
import { gostCurveParams } from '../gost/curves.js';
import { decodeGostPrivateKeyPkcs8, decodeGostPublicKey, gostPublicKeyFor } from '../gost/keys.js';
import { gostFamilyBits, type GostFamily } from '../gost/oids.js';
import { prepareGostKey } from '../gost/prepared-key.js';
import {
  decodeGostSignature,
  encodeGostSignature,
  gostSignHash,
  gostVerifyHash,
} from '../gost/signature.js';
import { gostr341194 } from '../gostr3411-94.js';
import { streebog256, streebog512 } from '../streebog.js';
import { GOST_INFO } from './info.js';
import type {
  KeyCodec,
  PrivateKey,
  PublicKey,
  SignatureEncoding,
  SignatureScheme,
} from '../types.js';

/**
 * GOST R 34.10-2001 (with GOST R 34.11-94, CryptoPro parameters) and GOST R 34.10-2012
 * (with Streebog-256/512).
 *
 * Layout: s ‖ r, big-endian halves, in XMLDSig SignatureValue and in the X.509 signature
 * BIT STRING alike (checked against certificates made by OpenSSL's gost engine), so
 * `encoding` does not change anything here.
 *
 * The registry id must match the key family exactly: a 2012-256 key under 'gost2001' (or the
 * reverse) is refused, since the digest would differ from what the signer used.
 */
const HASH: Readonly<Record<GostFamily, (data: Uint8Array) => Uint8Array>> = {
  gost2001: gostr341194,
  'gost2012-256': streebog256,
  'gost2012-512': streebog512,
};

const ALGORITHM_IDS = ['gost2001', 'gost2012-256', 'gost2012-512'] as const;

function isGostId(id: string): id is GostFamily {
  return (ALGORITHM_IDS as readonly string[]).includes(id);
}

/** Little-endian x‖y inside an OCTET STRING, checked on the curve of its parameter set. */
const gostCodec: KeyCodec = {
  families: GOST_INFO.keyCodec!.families,
  // SPKI algorithm OIDs: id-GostR3410-2001 (RFC 4491), id-tc26-gost3410-12-256/512 (RFC 9215).
  claims: GOST_INFO.keyCodec!.claims,
  decodeSpki: (spki) => decodeGostPublicKey(spki),
  decodePkcs8(der) {
    const gost = decodeGostPrivateKeyPkcs8(der);
    return { family: gost.family, curve: gost.curve, d: gost.d };
  },
  spkiOfPrivateKey(key) {
    if (!isGostId(key.family) || !('curve' in key) || !('d' in key)) {
      throw new UnsupportedAlgorithmError(key.family);
    }
    const curveOid = key.curve.oid;
    if (!curveOid) {
      throw new UnsupportedAlgorithmError(key.family, `GOST key without a parameter-set OID`);
    }
    return gostPublicKeyFor({
      family: key.family,
      curve: { oid: curveOid, name: key.curve.name },
      d: key.d,
    }).spki;
  },
  // Registry ids gost2001 / gost2012-256 / gost2012-512 are the family names.
  defaultSignatureAlgorithm: (key) => key.family,
};

export const gostScheme: SignatureScheme = {
  algorithmIds: GOST_INFO.algorithmIds,
  families: GOST_INFO.families,
  keyCodec: gostCodec,

  verify(
    algorithmId: string,
    key: PublicKey,
    message: Uint8Array,
    signature: Uint8Array,
    _encoding: SignatureEncoding,
  ): boolean {
    if (!isGostId(algorithmId) || key.family !== algorithmId) return false;
    const prepared = prepareGostKey(key);
    if (!prepared) return false;
    const rs = decodeGostSignature(signature, gostFamilyBits(algorithmId));
    if (!rs) return false;
    return gostVerifyHash(prepared.params, prepared.point, HASH[algorithmId](message), rs);
  },

  sign(
    algorithmId: string,
    key: PrivateKey,
    message: Uint8Array,
    _encoding: SignatureEncoding,
  ): Uint8Array {
    if (!isGostId(algorithmId)) throw new UnsupportedAlgorithmError(algorithmId);
    if (key.family !== algorithmId || !('curve' in key)) {
      throw new UnsupportedAlgorithmError(
        algorithmId,
        `${algorithmId} cannot sign with a ${key.family} key`,
      );
    }
    const params = key.curve.oid ? gostCurveParams(key.curve.oid) : undefined;
    if (!params || params.bits !== gostFamilyBits(algorithmId)) {
      throw new UnsupportedAlgorithmError(
        algorithmId,
        `unknown or mismatched GOST parameter set ${key.curve.oid ?? key.curve.name}`,
      );
    }
    const rs = gostSignHash(params, key.d, HASH[algorithmId](message));
    return encodeGostSignature(rs, params.bits);
  },
};

import type { WeierstrassPoint } from '@noble/curves/abstract/weierstrass.js';
import { keyTableAfterUse } from '../base-table.js';
import { beltHash } from '../belt/hash.js';
import { BIGN_CURVE_256_OID, bignCurveParams } from '../bign/curves.js';
import {
  bignPointFromBytes,
  bignSpkiOfPrivateKey,
  decodeBignPrivateKey,
  decodeBignPublicKey,
} from '../bign/keys.js';
import { bignSignHash, bignVerifyHash } from '../bign/signature.js';
import { UnsupportedAlgorithmError } from '../errors.js';
import { BIGN_INFO } from './info.js';
import type {
  BignPublicKey,
  KeyCodec,
  PrivateKey,
  PublicKey,
  SignatureEncoding,
  SignatureScheme,
} from '../types.js';

/**
 * bign-with-hbelt (STB 34.101.45 §7.1, OID 1.2.112.0.2.0.34.101.45.12): belt-hash of the
 * message, signed on bign-curve256v1 (the standard pairs belt-hash's 256 bits with level 128
 * only; the 384/512-bit curves take bash384/512, which corridor does not compute).
 *
 * Layout: the signature octet string S0 ‖ S1 exactly as the standard defines it (48 octets),
 * both in the X.509 signature BIT STRING (as bee2evp writes certificates) and in XMLDSig
 * SignatureValue (as STB 34.101.50 Appendix E's signed example carries it), so `encoding`
 * changes nothing. Signing uses the deterministic one-time key of §6.3.3.
 */
const ID = 'bign-hbelt';

/**
 * Verification-ready public points by key object: validated once; a key used often (a batch
 * of documents from one signer) gets a W=8 multiplication table, as GOST keys do
 * (crypto/gost/prepared-key.ts): the table costs hundreds of milliseconds, a one-off check
 * never pays it back.
 */
interface PreparedPoint {
  point: WeierstrassPoint<bigint>;
  uses: number;
}
const points = new WeakMap<BignPublicKey, PreparedPoint | null>();

function pointOf(key: BignPublicKey): WeierstrassPoint<bigint> | null {
  let prepared = points.get(key);
  if (prepared === undefined) {
    const params = key.curve.oid ? bignCurveParams(key.curve.oid) : undefined;
    try {
      prepared = params ? { point: bignPointFromBytes(params, key.point), uses: 0 } : null;
    } catch {
      prepared = null;
    }
    points.set(key, prepared);
  }
  if (prepared) keyTableAfterUse(prepared.point, ++prepared.uses);
  return prepared?.point ?? null;
}

/**
 * bign keys: x‖y little-endian in the SPKI BIT STRING (STB 34.101.45 Appendix D); PKCS#8 as
 * bee2's bpki.c writes it, d little-endian in the OCTET STRING with nothing nested.
 */
const bignCodec: KeyCodec = {
  families: BIGN_INFO.keyCodec!.families,
  claims: BIGN_INFO.keyCodec!.claims,
  decodeSpki: (spki, parts) =>
    decodeBignPublicKey(spki, parts.algorithmOid, parts.parameterOid, parts.keyBytes),
  decodePkcs8: (_der, privateKey, parameterOid) => decodeBignPrivateKey(parameterOid, privateKey),
  spkiOfPrivateKey(key) {
    if (key.family !== 'bign') throw new UnsupportedAlgorithmError(key.family);
    return bignSpkiOfPrivateKey({
      family: 'bign',
      curve: { oid: key.curve.oid ?? '', name: key.curve.name },
      d: key.d,
    });
  },
  defaultSignatureAlgorithm: () => ID,
};

export const bignScheme: SignatureScheme = {
  algorithmIds: BIGN_INFO.algorithmIds,
  families: BIGN_INFO.families,
  keyCodec: bignCodec,

  verify(
    algorithmId: string,
    key: PublicKey,
    message: Uint8Array,
    signature: Uint8Array,
    _encoding: SignatureEncoding,
  ): boolean {
    if (algorithmId !== ID || key.family !== 'bign' || key.curve.oid !== BIGN_CURVE_256_OID) {
      return false;
    }
    const params = bignCurveParams(BIGN_CURVE_256_OID);
    const point = pointOf(key);
    if (!params || !point) return false;
    return bignVerifyHash(params, point, beltHash(message), signature);
  },

  sign(
    algorithmId: string,
    key: PrivateKey,
    message: Uint8Array,
    _encoding: SignatureEncoding,
  ): Uint8Array {
    if (algorithmId !== ID) throw new UnsupportedAlgorithmError(algorithmId);
    if (key.family !== 'bign') {
      throw new UnsupportedAlgorithmError(
        algorithmId,
        `${ID} cannot sign with a ${key.family} key`,
      );
    }
    const params = key.curve.oid ? bignCurveParams(key.curve.oid) : undefined;
    if (!params || params.oid !== BIGN_CURVE_256_OID) {
      throw new UnsupportedAlgorithmError(
        algorithmId,
        `${ID} signs on bign-curve256v1 only, not ${key.curve.name}`,
      );
    }
    return bignSignHash(params, key.d, beltHash(message));
  },
};

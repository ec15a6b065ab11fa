import * as asn1js from 'asn1js';
import type {
  KeyCodec,
  PrivateKey,
  PublicKey,
  SignatureEncoding,
  SignatureScheme,
} from '../types.js';
import { UnsupportedAlgorithmError } from '../errors.js';
import { parseEcPrivateKey } from '../sec1.js';
import {
  checkSm2Point,
  SM2_CURVE_NAME,
  SM2_CURVE_OID,
  SM2_FIELD_BYTES,
  sm2PublicPoint,
} from '../sm2/curve.js';
import {
  decodeDerRs,
  decodeRawRs,
  encodeDerRs,
  encodeRawRs,
  type RsPair,
} from '../sm2/der-signature.js';
import { sm2Sign } from '../sm2/sign.js';
import { sm2Verify } from '../sm2/verify.js';
import { SM2_INFO } from './info.js';

/**
 * SM2 with SM3, user ID 1234567812345678.
 *
 * Encodings: X.509 (GM/T 0010, RFC 8998 style) uses DER SEQUENCE(r, s). For XMLDSig no
 * standard defines an SM2 SignatureValue layout; corridor uses r‖s, 32 + 32 bytes big-endian,
 * the same convention XMLDSig uses for ECDSA (RFC 9231 / IEEE P1363). Profiles that carry SM2
 * must say so, since a partner may have chosen DER.
 */
function decode(signature: Uint8Array, encoding: SignatureEncoding): RsPair | undefined {
  return encoding === 'x509' ? decodeDerRs(signature) : decodeRawRs(signature, SM2_FIELD_BYTES);
}

function checkId(algorithmId: string): void {
  if (algorithmId !== 'sm2-sm3') throw new UnsupportedAlgorithmError(algorithmId);
}

const EC_PUBLIC_KEY_OID = '1.2.840.10045.2.1';

/** An SM2 private key from its scalar (range-checked). */
export function sm2Key(d: bigint): PrivateKey {
  sm2PublicPoint(d); // range check
  return { family: 'sm2', d };
}

/**
 * SM2 keys: id-ecPublicKey on sm2p256v1 (what OpenSSL writes) or, as some Chinese CAs do, the
 * curve OID in the algorithm field itself.
 */
const sm2Codec: KeyCodec = {
  families: SM2_INFO.keyCodec!.families,
  claims: SM2_INFO.keyCodec!.claims,
  decodeSpki: (spki, parts) => ({
    family: 'sm2',
    point: checkSm2Point(parts.keyBytes),
    spki,
    bits: 256,
    curve: { oid: SM2_CURVE_OID, name: SM2_CURVE_NAME },
    algorithmOid: parts.algorithmOid,
  }),
  decodePkcs8: (_der, privateKey) => sm2Key(parseEcPrivateKey(privateKey).d),
  spkiOfPrivateKey(key) {
    if (key.family !== 'sm2') throw new UnsupportedAlgorithmError(key.family);
    // Same layout OpenSSL writes: id-ecPublicKey with the sm2p256v1 curve OID.
    const spki = new asn1js.Sequence({
      value: [
        new asn1js.Sequence({
          value: [
            new asn1js.ObjectIdentifier({ value: EC_PUBLIC_KEY_OID }),
            new asn1js.ObjectIdentifier({ value: SM2_CURVE_OID }),
          ],
        }),
        new asn1js.BitString({ valueHex: sm2PublicPoint(key.d) }),
      ],
    });
    return new Uint8Array(spki.toBER(false));
  },
  defaultSignatureAlgorithm: () => 'sm2-sm3',
};

export const sm2Scheme: SignatureScheme = {
  algorithmIds: SM2_INFO.algorithmIds,
  families: SM2_INFO.families,
  keyCodec: sm2Codec,

  verify(
    algorithmId: string,
    key: PublicKey,
    message: Uint8Array,
    signature: Uint8Array,
    encoding: SignatureEncoding,
  ): boolean {
    if (algorithmId !== 'sm2-sm3' || key.family !== 'sm2') return false;
    const rs = decode(signature, encoding);
    return rs !== undefined && sm2Verify(key.point, message, rs);
  },

  sign(
    algorithmId: string,
    key: PrivateKey,
    message: Uint8Array,
    encoding: SignatureEncoding,
  ): Uint8Array {
    checkId(algorithmId);
    if (key.family !== 'sm2') {
      throw new UnsupportedAlgorithmError(
        algorithmId,
        `sm2-sm3 cannot sign with a ${key.family} key`,
      );
    }
    const rs = sm2Sign(key.d, message);
    return encoding === 'x509' ? encodeDerRs(rs) : encodeRawRs(rs, SM2_FIELD_BYTES);
  },
};

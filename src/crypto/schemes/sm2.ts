import type { PrivateKey, PublicKey, SignatureEncoding, SignatureScheme } from '../types.js';
import { UnsupportedAlgorithmError } from '../errors.js';
import { SM2_FIELD_BYTES } from '../sm2/curve.js';
import {
  decodeDerRs,
  decodeRawRs,
  encodeDerRs,
  encodeRawRs,
  type RsPair,
} from '../sm2/der-signature.js';
import { sm2Sign, sm2Verify } from '../sm2/sign.js';

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

export const sm2Scheme: SignatureScheme = {
  algorithmIds: ['sm2-sm3'],
  families: ['sm2'],

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

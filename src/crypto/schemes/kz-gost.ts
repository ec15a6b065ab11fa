import * as asn1js from 'asn1js';
import type { WeierstrassPoint } from '@noble/curves/abstract/weierstrass.js';
import { KeyFormatError, UnsupportedAlgorithmError } from '../errors.js';
import { gostCurveParams, gostPointType } from '../gost/curves.js';
import { gostVerifyHash, leToBigInt } from '../gost/signature.js';
import { streebog512 } from '../streebog.js';
import type { KeyCodec, PublicKey, SignatureScheme } from '../types.js';
import { KZ_GOST_INFO } from './info.js';

/**
 * Kazakhstan GOST 34.10-2015 512 with GOST 34.11-2015 512 (NCA / Kalkan), verify only.
 *
 * No NCA document publishes the parameters. What is established, on a Kalkan-signed public
 * sample (mitwork/kalkan tests/KalkanValidationServiceTest.php, a key of the NCA's GOST 2022
 * test CA; test/vectors/kalkan/): the key of parameter set 1.2.398.3.10.1.1.2.2.1 is a point of
 * id-tc26-gost-3410-12-512-paramSetA, the signature verifies as GOST R 34.10-2012 on that curve
 * over Streebog-512 of SignedInfo, and its Reference DigestValue is Streebog-512. The
 * SignatureValue is r ‖ s, each little-endian (the byte reversal of the s ‖ r big-endian of
 * RFC 9215 / R 1323565.1.033-2020). Certificate signatures (1.2.398.3.10.1.1.2.3.2) are read
 * the same way, as the third-party verifiers that name the curve do; no sample confirms it.
 * The 256-bit variant has no public sample here and stays "recognised, not verifiable".
 */
const KEY_OID = '1.2.398.3.10.1.1.2.2';
const PARAM_SET_A = '1.2.398.3.10.1.1.2.2.1';
const INFO_CODEC = KZ_GOST_INFO.keyCodec!;
const TC26_512_A = '1.2.643.7.1.2.1.2.1';
const BYTES = 64;

const params = gostCurveParams(TC26_512_A);
if (!params) throw new Error('internal: tc26-512-A parameters missing');

// The decoded point of each key, so it is validated once.
const points = new WeakMap<PublicKey, WeierstrassPoint<bigint>>();

const kzCodec: KeyCodec = {
  families: INFO_CODEC.families,
  claims: INFO_CODEC.claims,
  decodeSpki(spki, parts): PublicKey {
    // Like GOST R 34.10 keys: an OCTET STRING of x ‖ y, little-endian, inside the BIT STRING.
    const inner = asn1js.fromBER(parts.keyBytes);
    const octets =
      inner.result instanceof asn1js.OctetString
        ? new Uint8Array(inner.result.valueBlock.valueHexView)
        : undefined;
    if (!octets || inner.offset !== parts.keyBytes.length || octets.length !== 2 * BYTES) {
      throw new KeyFormatError(
        'KZ GOST 34.10-2015 512 key: expected an OCTET STRING of 128 octets',
      );
    }
    let point: WeierstrassPoint<bigint>;
    try {
      point = gostPointType(params).fromAffine({
        x: leToBigInt(octets.subarray(0, BYTES)),
        y: leToBigInt(octets.subarray(BYTES)),
      });
      point.assertValidity();
    } catch {
      throw new KeyFormatError('KZ GOST 34.10-2015 512 key: point not on the curve of set A');
    }
    const key: PublicKey = {
      family: 'kz-gost-2015',
      spki,
      bits: 512,
      curve: { oid: PARAM_SET_A, name: 'KZ GOST 34.10-2015 512 paramSetA (tc26-512-A)' },
      algorithmOid: KEY_OID,
    };
    points.set(key, point);
    return key;
  },
  decodePkcs8() {
    throw new UnsupportedAlgorithmError('kz-gost2015-512', 'KZ GOST keys are verify-only here');
  },
  spkiOfPrivateKey(key) {
    throw new UnsupportedAlgorithmError(key.family, 'KZ GOST keys are verify-only here');
  },
  defaultSignatureAlgorithm(key) {
    throw new UnsupportedAlgorithmError(key.family, 'KZ GOST keys are verify-only here');
  },
};

export const kzGostScheme: SignatureScheme = {
  algorithmIds: KZ_GOST_INFO.algorithmIds,
  families: KZ_GOST_INFO.families,
  keyCodec: kzCodec,

  verify(algorithmId, key, message, signature) {
    const point = points.get(key);
    if (algorithmId !== 'kz-gost2015-512' || !point || signature.length !== 2 * BYTES) {
      return false;
    }
    const rs = {
      r: leToBigInt(signature.subarray(0, BYTES)),
      s: leToBigInt(signature.subarray(BYTES)),
    };
    return gostVerifyHash(params, point, streebog512(message), rs);
  },

  sign(algorithmId) {
    throw new UnsupportedAlgorithmError(
      algorithmId,
      'KZ GOST signatures are verified, not made, here',
    );
  },
};

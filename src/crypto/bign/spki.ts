import * as asn1js from 'asn1js';

/**
 * bign names and the SubjectPublicKeyInfo layout (STB 34.101.45 Appendix D), without the curve
 * arithmetic: the algorithm registry and KeyValue reading need them before (or without) the bign
 * implementation loading.
 */
export const BIGN_PUBKEY_OID = '1.2.112.0.2.0.34.101.45.2.1';

/** OID of bign-curve256v1, the curve of bign-with-hbelt (security level 128). */
export const BIGN_CURVE_256_OID = '1.2.112.0.2.0.34.101.45.3.1';

/** AlgorithmIdentifier { bign-pubkey, named curve }, of SPKIs and PKCS#8 keys alike. */
export function bignAlgorithmIdentifier(params: { oid: string }): asn1js.Sequence {
  return new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: BIGN_PUBKEY_OID }),
      new asn1js.ObjectIdentifier({ value: params.oid }),
    ],
  });
}

/** DER SubjectPublicKeyInfo for public key octets (x ‖ y little-endian) on a named curve. */
export function encodeBignSpki(params: { oid: string }, octets: Uint8Array): Uint8Array {
  const spki = new asn1js.Sequence({
    value: [bignAlgorithmIdentifier(params), new asn1js.BitString({ valueHex: octets })],
  });
  return new Uint8Array(spki.toBER(false));
}

/**
 * Named curves and parameter sets by OID: name and group-order size (the "key size" reported
 * for curve keys). Sources: RFC 5480, RFC 5639 (brainpool), GM/T 0006-2012 (SM2), RFC 4357 /
 * RFC 7836 / RFC 9215 (GOST), STB 34.101.45 Appendix B (bign). A leaf module: key codecs in
 * crypto/schemes read it, and the algorithm registry imports those codecs.
 */
export interface CurveEntry {
  name: string;
  /** Size of the group order in bits: the "key size" reported for curve keys. */
  bits: number;
  /** Node's name for curves Node can verify on. */
  nodeName?: string;
}

const CURVES = new Map<string, CurveEntry>([
  ['1.2.840.10045.3.1.7', { name: 'P-256', bits: 256, nodeName: 'prime256v1' }],
  ['1.3.132.0.34', { name: 'P-384', bits: 384, nodeName: 'secp384r1' }],
  ['1.3.132.0.35', { name: 'P-521', bits: 521, nodeName: 'secp521r1' }],
  ['1.3.132.0.33', { name: 'P-224', bits: 224, nodeName: 'secp224r1' }],
  ['1.3.132.0.10', { name: 'secp256k1', bits: 256, nodeName: 'secp256k1' }],
  ['1.3.36.3.3.2.8.1.1.7', { name: 'brainpoolP256r1', bits: 256, nodeName: 'brainpoolP256r1' }],
  ['1.3.36.3.3.2.8.1.1.11', { name: 'brainpoolP384r1', bits: 384, nodeName: 'brainpoolP384r1' }],
  ['1.3.36.3.3.2.8.1.1.13', { name: 'brainpoolP512r1', bits: 512, nodeName: 'brainpoolP512r1' }],
  ['1.2.156.10197.1.301', { name: 'sm2p256v1', bits: 256 }],
  // GOST R 34.10-2001 / 2012-256, CryptoPro sets (RFC 4357 §10.1, §11.4)
  ['1.2.643.2.2.35.0', { name: 'id-GostR3410-2001-TestParamSet', bits: 256 }],
  ['1.2.643.2.2.35.1', { name: 'id-GostR3410-2001-CryptoPro-A-ParamSet', bits: 256 }],
  ['1.2.643.2.2.35.2', { name: 'id-GostR3410-2001-CryptoPro-B-ParamSet', bits: 256 }],
  ['1.2.643.2.2.35.3', { name: 'id-GostR3410-2001-CryptoPro-C-ParamSet', bits: 256 }],
  ['1.2.643.2.2.36.0', { name: 'id-GostR3410-2001-CryptoPro-XchA-ParamSet', bits: 256 }],
  ['1.2.643.2.2.36.1', { name: 'id-GostR3410-2001-CryptoPro-XchB-ParamSet', bits: 256 }],
  // tc26 sets (RFC 7836, RFC 9215)
  ['1.2.643.7.1.2.1.1.1', { name: 'id-tc26-gost-3410-12-256-paramSetA', bits: 256 }],
  ['1.2.643.7.1.2.1.1.2', { name: 'id-tc26-gost-3410-12-256-paramSetB', bits: 256 }],
  ['1.2.643.7.1.2.1.1.3', { name: 'id-tc26-gost-3410-12-256-paramSetC', bits: 256 }],
  ['1.2.643.7.1.2.1.1.4', { name: 'id-tc26-gost-3410-12-256-paramSetD', bits: 256 }],
  ['1.2.643.7.1.2.1.2.0', { name: 'id-tc26-gost-3410-12-512-paramSetTest', bits: 512 }],
  ['1.2.643.7.1.2.1.2.1', { name: 'id-tc26-gost-3410-12-512-paramSetA', bits: 512 }],
  ['1.2.643.7.1.2.1.2.2', { name: 'id-tc26-gost-3410-12-512-paramSetB', bits: 512 }],
  ['1.2.643.7.1.2.1.2.3', { name: 'id-tc26-gost-3410-12-512-paramSetC', bits: 512 }],
  // Belarus bign (STB 34.101.45 Appendix B)
  ['1.2.112.0.2.0.34.101.45.3.1', { name: 'bign-curve256v1', bits: 256 }],
  ['1.2.112.0.2.0.34.101.45.3.2', { name: 'bign-curve384v1', bits: 384 }],
  ['1.2.112.0.2.0.34.101.45.3.3', { name: 'bign-curve512v1', bits: 512 }],
]);

export function curveInfo(oid: string): CurveEntry | undefined {
  return CURVES.get(oid);
}

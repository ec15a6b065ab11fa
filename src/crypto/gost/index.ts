/** Public surface of corridor's GOST R 34.10 support. */
export { GOST_CURVES, gostCurveParams, type GostCurveParams } from './curves.js';
export {
  decodeGostPrivateKeyPkcs8,
  decodeGostPublicKey,
  encodeGostPrivateKeyPkcs8,
  encodeGostSpki,
  generateGostKeyPair,
  gostPublicKeyFor,
  type GostKeyPair,
  type GostPrivateKey,
} from './keys.js';
export { GOST_DIGEST_OIDS, GOST_KEY_OIDS, isGostKeyOid, type GostFamily } from './oids.js';
export {
  decodeGostSignature,
  encodeGostSignature,
  gostSignHash,
  gostVerifyHash,
  type GostSignatureValue,
} from './signature.js';

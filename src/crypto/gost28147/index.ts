/** Public surface of corridor's GOST 28147-89 support (cipher, CFB, MAC, key wrap, transport). */
export { GOST28147_BLOCK, GOST28147_KEY, Gost28147 } from './block-cipher.js';
export { gost28147CfbDecrypt, gost28147CfbEncrypt, type CfbOptions } from './cfb.js';
export { gost28147Mac, type MacOptions } from './mac.js';
export {
  cryptoProKeyUnwrap,
  cryptoProKeyWrap,
  diversifyKek,
  KeyUnwrapError,
  type WrappedKey,
} from './key-wrap.js';
export {
  decodeGostKeyTransport,
  encodeGostKeyTransport,
  gostKeyTransportUnwrap,
  gostKeyTransportWrap,
  type GostKeyTransport,
  type UnwrappedKey,
  type WrapOptions,
} from './key-transport.js';
export {
  CRYPTOPRO_A_PARAMSET,
  CRYPTOPRO_B_PARAMSET,
  CRYPTOPRO_C_PARAMSET,
  CRYPTOPRO_D_PARAMSET,
  GOST28147_PARAMSETS,
  gost28147ParamSet,
  TC26_Z_PARAMSET,
  type Gost28147ParamSet,
} from './param-sets.js';

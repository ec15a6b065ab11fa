import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import { KeyFormatError, UnsupportedAlgorithmError } from '../errors.js';
import {
  decodeGostPublicKey,
  generateGostKeyPair,
  gostPublicKeyFor,
  type GostPrivateKey,
} from '../gost/keys.js';
import { vkoGost2012_256 } from '../gost/vko.js';
import type { GostPublicKey } from '../types.js';
import { GOST28147_KEY } from './block-cipher.js';
import { cryptoProKeyUnwrap, cryptoProKeyWrap, UKM_LENGTH, WRAP_MAC_LENGTH } from './key-wrap.js';
import { gost28147ParamSet, TC26_Z_PARAMSET, type Gost28147ParamSet } from './param-sets.js';

/**
 * GostR3410-KeyTransport (RFC 4490 §4.2 and §5.2; for 2012 keys RFC 9189 / TC26 CMS):
 *
 *   GostR3410-KeyTransport ::= SEQUENCE {
 *     sessionEncryptedKey   Gost28147-89-EncryptedKey,
 *     transportParameters   [0] IMPLICIT GostR3410-TransportParameters OPTIONAL }
 *   Gost28147-89-EncryptedKey ::= SEQUENCE {
 *     encryptedKey  OCTET STRING (SIZE (32)),
 *     maskKey       [0] IMPLICIT OCTET STRING OPTIONAL,
 *     macKey        OCTET STRING (SIZE (4)) }
 *   GostR3410-TransportParameters ::= SEQUENCE {
 *     encryptionParamSet   OBJECT IDENTIFIER,
 *     ephemeralPublicKey   [0] IMPLICIT SubjectPublicKeyInfo OPTIONAL,
 *     ukm                  OCTET STRING (SIZE (8)) }
 *
 * The sender makes an ephemeral key on the recipient's curve, derives the KEK with VKO
 * GOST R 34.10-2012 (256-bit) and the UKM, and wraps the content key with the CryptoPro key
 * wrap under the parameter set named in encryptionParamSet.
 */
export interface GostKeyTransport {
  encryptedKey: Uint8Array;
  mac: Uint8Array;
  /** Present only with masked keys, which corridor does not unwrap. */
  maskKey?: Uint8Array;
  encryptionParamSet: string;
  /** DER SubjectPublicKeyInfo of the sender's ephemeral key. */
  ephemeralPublicKey?: Uint8Array;
  ukm: Uint8Array;
}

export function encodeGostKeyTransport(t: GostKeyTransport): Uint8Array {
  const keyItems: asn1js.AsnType[] = [new asn1js.OctetString({ valueHex: t.encryptedKey })];
  if (t.maskKey) {
    keyItems.push(
      new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: t.maskKey }),
    );
  }
  keyItems.push(new asn1js.OctetString({ valueHex: t.mac }));
  const paramItems: asn1js.AsnType[] = [
    new asn1js.ObjectIdentifier({ value: t.encryptionParamSet }),
  ];
  if (t.ephemeralPublicKey) {
    const spki = parse(t.ephemeralPublicKey, 'ephemeral public key');
    if (!(spki instanceof asn1js.Sequence)) {
      throw new KeyFormatError('ephemeral public key: SubjectPublicKeyInfo expected');
    }
    paramItems.push(
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 0 },
        value: spki.valueBlock.value,
      }),
    );
  }
  paramItems.push(new asn1js.OctetString({ valueHex: t.ukm }));
  const der = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: keyItems }),
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: paramItems }),
    ],
  }).toBER();
  return new Uint8Array(der);
}

export function decodeGostKeyTransport(der: Uint8Array): GostKeyTransport {
  const what = 'GostR3410-KeyTransport';
  const root = parse(der, what);
  const [keyNode, paramsNode, extra] = seq(root, what);
  if (!keyNode || extra) throw new KeyFormatError(`${what}: 1 or 2 elements expected`);
  const keyItems = seq(keyNode, 'Gost28147-89-EncryptedKey');
  const encryptedKey = octets(keyItems[0], 'encryptedKey', GOST28147_KEY);
  let maskKey: Uint8Array | undefined;
  let macNode = keyItems[1];
  if (keyItems.length === 3) {
    if (!isContext(keyItems[1], 0, false)) throw new KeyFormatError(`${what}: bad maskKey`);
    maskKey = new Uint8Array((keyItems[1] as asn1js.Primitive).valueBlock.valueHexView);
    macNode = keyItems[2];
  } else if (keyItems.length !== 2) {
    throw new KeyFormatError(`${what}: Gost28147-89-EncryptedKey has ${keyItems.length} elements`);
  }
  const mac = octets(macNode, 'macKey', WRAP_MAC_LENGTH);
  if (!paramsNode) {
    // static-static agreement: the KEK needs the originator's certificate key
    throw new KeyFormatError(
      `${what}: no transportParameters (key agreement with the sender's static key is not supported)`,
    );
  }
  if (!isContext(paramsNode, 0, true)) {
    throw new KeyFormatError(`${what}: [0] transportParameters expected`);
  }
  const params = (paramsNode as asn1js.Constructed).valueBlock.value;
  const [oidNode, ...rest] = params;
  if (!(oidNode instanceof asn1js.ObjectIdentifier)) {
    throw new KeyFormatError(`${what}: encryptionParamSet OID expected`);
  }
  let ephemeralPublicKey: Uint8Array | undefined;
  let ukmNode = rest[0];
  if (rest.length === 2) {
    const spkiNode = rest[0];
    if (!isContext(spkiNode, 0, true)) throw new KeyFormatError(`${what}: bad ephemeralPublicKey`);
    // [0] IMPLICIT SubjectPublicKeyInfo: the same bytes with the SEQUENCE tag put back
    const raw = new Uint8Array((spkiNode as asn1js.Constructed).valueBeforeDecodeView);
    raw[0] = 0x30;
    ephemeralPublicKey = raw;
    ukmNode = rest[1];
  } else if (rest.length !== 1) {
    throw new KeyFormatError(`${what}: transportParameters has ${params.length} elements`);
  }
  const ukm = octets(ukmNode, 'ukm', UKM_LENGTH);
  return {
    encryptedKey,
    mac,
    ...(maskKey ? { maskKey } : {}),
    encryptionParamSet: oidNode.getValue(),
    ...(ephemeralPublicKey ? { ephemeralPublicKey } : {}),
    ukm,
  };
}

export interface WrapOptions {
  /** Parameter set of the key wrap (default TC26 Z, as for 2012 keys). */
  paramSet?: Gost28147ParamSet;
  /** Fixed UKM and ephemeral key, for reproducible tests only; random by default. */
  ukm?: Uint8Array;
  ephemeral?: GostPrivateKey;
}

/** The content key encrypted for `recipient`: DER GostR3410-KeyTransport. */
export function gostKeyTransportWrap(
  recipient: GostPublicKey,
  cek: Uint8Array,
  options: WrapOptions = {},
): Uint8Array {
  checkFamily(recipient.family);
  if (!recipient.curve.oid) throw new KeyFormatError('recipient key: unknown parameter set');
  const paramSet = options.paramSet ?? TC26_Z_PARAMSET;
  const ukm = options.ukm ?? new Uint8Array(randomBytes(UKM_LENGTH));
  const ephemeral =
    options.ephemeral ?? generateGostKeyPair(recipient.family, recipient.curve.oid).privateKey;
  const ephemeralPublic = gostPublicKeyFor(ephemeral);
  const kek = vkoGost2012_256(ephemeral, recipient, ukm);
  const wrapped = cryptoProKeyWrap(paramSet, kek, ukm, cek);
  kek.fill(0);
  return encodeGostKeyTransport({
    encryptedKey: wrapped.encryptedKey,
    mac: wrapped.mac,
    encryptionParamSet: paramSet.oid,
    ephemeralPublicKey: ephemeralPublic.spki,
    ukm,
  });
}

export interface UnwrappedKey {
  cek: Uint8Array;
  /** The parameter set the key was wrapped under. */
  paramSet: Gost28147ParamSet;
}

/**
 * Recovers the content key with the recipient's private key. A wrong recipient key or an
 * altered structure fails the wrap MAC (KeyUnwrapError); an unknown parameter set is an
 * UnsupportedAlgorithmError; malformed DER a KeyFormatError.
 */
export function gostKeyTransportUnwrap(der: Uint8Array, recipient: GostPrivateKey): UnwrappedKey {
  checkFamily(recipient.family);
  const t = decodeGostKeyTransport(der);
  const paramSet = gost28147ParamSet(t.encryptionParamSet);
  if (!paramSet) {
    throw new UnsupportedAlgorithmError(
      t.encryptionParamSet,
      `GOST 28147-89 parameter set ${t.encryptionParamSet} is not supported`,
    );
  }
  if (t.maskKey) {
    throw new UnsupportedAlgorithmError(
      'gost28147-masked-key',
      'masked GOST keys are not supported',
    );
  }
  if (!t.ephemeralPublicKey) {
    throw new KeyFormatError(
      'GostR3410-KeyTransport: no ephemeral public key (static key agreement is not supported)',
    );
  }
  const ephemeral = decodeGostPublicKey(t.ephemeralPublicKey);
  const kek = vkoGost2012_256(recipient, ephemeral, t.ukm);
  try {
    const cek = cryptoProKeyUnwrap(paramSet, kek, {
      ukm: t.ukm,
      encryptedKey: t.encryptedKey,
      mac: t.mac,
    });
    return { cek, paramSet };
  } finally {
    kek.fill(0);
  }
}

function checkFamily(family: string): void {
  if (family !== 'gost2012-256' && family !== 'gost2012-512') {
    throw new UnsupportedAlgorithmError(
      'gost-transport-2001',
      `GOST key transport with ${family} keys is not supported (VKO GOST R 34.10-2012 only)`,
    );
  }
}

function parse(der: Uint8Array, what: string): asn1js.AsnType {
  const { offset, result } = asn1js.fromBER(der);
  if (offset === -1 || offset !== der.length) throw new KeyFormatError(`${what}: malformed DER`);
  return result;
}

function seq(node: unknown, what: string): asn1js.AsnType[] {
  if (!(node instanceof asn1js.Sequence)) throw new KeyFormatError(`${what}: SEQUENCE expected`);
  return node.valueBlock.value;
}

function octets(node: unknown, what: string, length: number): Uint8Array {
  if (!(node instanceof asn1js.OctetString) || node.idBlock.isConstructed) {
    throw new KeyFormatError(`GostR3410-KeyTransport: ${what} OCTET STRING expected`);
  }
  const v = node.valueBlock.valueHexView;
  if (v.length !== length) {
    throw new KeyFormatError(`GostR3410-KeyTransport: ${what} is ${v.length} bytes, not ${length}`);
  }
  return new Uint8Array(v);
}

function isContext(node: unknown, tag: number, constructed: boolean): boolean {
  if (!(node instanceof asn1js.BaseBlock)) return false;
  const id = node.idBlock;
  return id.tagClass === 3 && id.tagNumber === tag && id.isConstructed === constructed;
}

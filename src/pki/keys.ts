import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import forge from 'node-forge';
import { KeyFormatError, UnsupportedAlgorithmError } from '../crypto/errors.js';
import { bignSpkiOfPrivateKey, decodeBignPrivateKey } from '../crypto/bign/keys.js';
import { decryptBeltPrivateKey } from './belt-encrypted-key.js';
import { decodeGostPrivateKeyPkcs8, gostPublicKeyFor } from '../crypto/gost/keys.js';
import { SM2_CURVE_OID, sm2PublicPoint } from '../crypto/sm2/curve.js';
import { bytesToBigint } from '../crypto/sm2/der-signature.js';
import type { PrivateKey } from '../crypto/types.js';
import { OID, keyAlgorithmInfo } from './oids.js';
import { pemBlocks } from './pem.js';

/**
 * Loading signing keys for the fixtures generator and tests. RSA/EC/Ed25519 become Node
 * KeyObjects; SM2 becomes the scalar d (signing goes through sm-crypto-v2, never Node);
 * GOST becomes d plus its parameter set (crypto/gost/keys.ts reads the PKCS#8 layouts).
 */

function fromNode(keyObject: KeyObject): PrivateKey {
  switch (keyObject.asymmetricKeyType) {
    case 'rsa':
    case 'rsa-pss':
      return { family: 'rsa', keyObject };
    case 'ec':
      return { family: 'ecdsa', keyObject };
    case 'ed25519':
    case 'ed448':
      return { family: 'eddsa', keyObject };
    default:
      throw new UnsupportedAlgorithmError(
        keyObject.asymmetricKeyType ?? 'unknown',
        `private key type '${keyObject.asymmetricKeyType ?? 'unknown'}' is not supported`,
      );
  }
}

function oidOf(block: asn1js.AsnType | undefined): string | undefined {
  return block instanceof asn1js.ObjectIdentifier ? block.valueBlock.toString() : undefined;
}

/** SEC1 ECPrivateKey: SEQUENCE { 1, OCTET STRING d, [0] curve OID?, [1] public key? }. */
function parseEcPrivateKey(der: Uint8Array): { d: bigint; curveOid?: string } {
  const parsed = asn1js.fromBER(der);
  const seq = parsed.result;
  if (parsed.offset !== der.length || !(seq instanceof asn1js.Sequence)) {
    throw new KeyFormatError('EC private key: not a DER SEQUENCE');
  }
  const [, d, ...rest] = seq.valueBlock.value;
  if (!(d instanceof asn1js.OctetString)) throw new KeyFormatError('EC private key: no scalar');
  let curveOid: string | undefined;
  for (const field of rest) {
    if (field.idBlock.tagClass === 3 && field.idBlock.tagNumber === 0) {
      curveOid = oidOf((field as asn1js.Constructed).valueBlock.value[0]);
    }
  }
  return { d: bytesToBigint(d.valueBlock.valueHexView), ...(curveOid ? { curveOid } : {}) };
}

function sm2Key(d: bigint): PrivateKey {
  sm2PublicPoint(d); // range check
  return { family: 'sm2', d };
}

/** A DER PKCS#8 PrivateKeyInfo (unencrypted) of any supported family. */
export function privateKeyFromPkcs8(der: Uint8Array): PrivateKey {
  const parsed = asn1js.fromBER(der);
  const seq = parsed.result;
  if (parsed.offset !== der.length || !(seq instanceof asn1js.Sequence)) {
    throw new KeyFormatError('PKCS#8: not a DER SEQUENCE');
  }
  const [, algorithm, privateKey] = seq.valueBlock.value;
  if (!(algorithm instanceof asn1js.Sequence) || !(privateKey instanceof asn1js.OctetString)) {
    throw new KeyFormatError(
      'PKCS#8: expected SEQUENCE { version, AlgorithmIdentifier, OCTET STRING }',
    );
  }
  const [oidBlock, params] = algorithm.valueBlock.value;
  const algorithmOid = oidOf(oidBlock) ?? '';
  const family = keyAlgorithmInfo(algorithmOid)?.family;
  const curveOid = oidOf(params);
  if (family === 'sm2' || (algorithmOid === OID.ecPublicKey && curveOid === SM2_CURVE_OID)) {
    return sm2Key(parseEcPrivateKey(new Uint8Array(privateKey.valueBlock.valueHexView)).d);
  }
  if (family === 'gost2001' || family === 'gost2012-256' || family === 'gost2012-512') {
    const gost = decodeGostPrivateKeyPkcs8(der);
    return { family: gost.family, curve: gost.curve, d: gost.d };
  }
  // bign (bee2 bpki.c layout): the OCTET STRING holds d little-endian, nothing nested.
  if (family === 'bign') {
    return decodeBignPrivateKey(curveOid, new Uint8Array(privateKey.valueBlock.valueHexView));
  }
  try {
    return fromNode(createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' }));
  } catch (error) {
    if (error instanceof UnsupportedAlgorithmError) throw error;
    throw new KeyFormatError(`PKCS#8 key rejected: ${(error as Error).message}`);
  }
}

/**
 * A private key from PEM (`PRIVATE KEY`, `ENCRYPTED PRIVATE KEY` with `passphrase`,
 * `EC PRIVATE KEY`, OpenSSL's SEC1 `SM2 PRIVATE KEY`, `RSA PRIVATE KEY`) or from DER PKCS#8 bytes.
 */
export function loadPrivateKey(input: string | Uint8Array, passphrase?: string): PrivateKey {
  if (typeof input !== 'string') return privateKeyFromPkcs8(input);
  for (const block of pemBlocks(input)) {
    switch (block.label) {
      case 'PRIVATE KEY':
        return privateKeyFromPkcs8(block.der);
      case 'ENCRYPTED PRIVATE KEY': {
        if (passphrase === undefined)
          throw new KeyFormatError('encrypted private key: no passphrase');
        // belt-kwp with hmac-hbelt PBKDF2 (Belarus): Node cannot open it
        const belt = decryptBeltPrivateKey(block.der, passphrase);
        if (belt) return privateKeyFromPkcs8(belt);
        let plain: Buffer;
        try {
          const key = createPrivateKey({ key: input, format: 'pem', passphrase });
          plain = key.export({ format: 'der', type: 'pkcs8' });
        } catch (error) {
          throw new KeyFormatError(`cannot decrypt private key: ${(error as Error).message}`);
        }
        return privateKeyFromPkcs8(new Uint8Array(plain));
      }
      case 'EC PRIVATE KEY':
      case 'SM2 PRIVATE KEY': {
        const ec = parseEcPrivateKey(block.der);
        if (ec.curveOid === SM2_CURVE_OID) return sm2Key(ec.d);
        return fromNode(
          createPrivateKey({ key: Buffer.from(block.der), format: 'der', type: 'sec1' }),
        );
      }
      case 'RSA PRIVATE KEY':
        return fromNode(
          createPrivateKey({ key: Buffer.from(block.der), format: 'der', type: 'pkcs1' }),
        );
    }
  }
  throw new KeyFormatError('no private key PEM block found');
}

export interface Pkcs12Contents {
  key: PrivateKey;
  /** DER certificates in the file, in bag order. */
  certificates: Uint8Array[];
}

/** An RSA key and its certificates from a PKCS#12 file (node-forge: RSA only). */
export function loadPkcs12(der: Uint8Array, password: string): Pkcs12Contents {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(der).toString('binary')));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, password);
  } catch (error) {
    throw new KeyFormatError(`PKCS#12: ${(error as Error).message}`);
  }
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag ?? '' })[
      forge.pki.oids.pkcs8ShroudedKeyBag ?? ''
    ] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag ?? '' })[forge.pki.oids.keyBag ?? ''] ?? []),
  ];
  const forgeKey = keyBags.find((b) => b.key)?.key;
  if (!forgeKey)
    throw new KeyFormatError('PKCS#12: no RSA private key found (only RSA is supported)');
  const key = fromNode(createPrivateKey(forge.pki.privateKeyToPem(forgeKey)));
  const certBags =
    p12.getBags({ bagType: forge.pki.oids.certBag ?? '' })[forge.pki.oids.certBag ?? ''] ?? [];
  const certificates = certBags.flatMap((bag) =>
    bag.cert
      ? [
          new Uint8Array(
            Buffer.from(
              forge.asn1.toDer(forge.pki.certificateToAsn1(bag.cert)).getBytes(),
              'binary',
            ),
          ),
        ]
      : [],
  );
  return { key, certificates };
}

/** DER SubjectPublicKeyInfo of a private key's public half (for issuing certificates). */
export function spkiOfPrivateKey(key: PrivateKey): Uint8Array {
  if ('keyObject' in key) {
    return new Uint8Array(createPublicKey(key.keyObject).export({ format: 'der', type: 'spki' }));
  }
  if (key.family === 'sm2') {
    // Same layout OpenSSL writes: id-ecPublicKey with the sm2p256v1 curve OID.
    const spki = new asn1js.Sequence({
      value: [
        new asn1js.Sequence({
          value: [
            new asn1js.ObjectIdentifier({ value: OID.ecPublicKey }),
            new asn1js.ObjectIdentifier({ value: SM2_CURVE_OID }),
          ],
        }),
        new asn1js.BitString({ valueHex: sm2PublicPoint(key.d) }),
      ],
    });
    return new Uint8Array(spki.toBER(false));
  }
  if (key.family === 'bign') {
    return bignSpkiOfPrivateKey({
      family: 'bign',
      curve: { oid: key.curve.oid ?? '', name: key.curve.name },
      d: key.d,
    });
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
}

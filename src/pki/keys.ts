import { createPrivateKey } from 'node:crypto';
import * as asn1js from 'asn1js';
import forge from 'node-forge';
import { KeyFormatError, UnsupportedAlgorithmError } from '../crypto/errors.js';
import { decryptBeltPrivateKey } from './belt-encrypted-key.js';
import { keyCodecFor, keyCodecForFamily } from '../crypto/schemes/index.js';
import { nodePrivateKey } from '../crypto/schemes/node.js';
import { sm2Key } from '../crypto/schemes/sm2.js';
import { parseEcPrivateKey } from '../crypto/sec1.js';
import { SM2_CURVE_OID } from '../crypto/sm2/curve.js';
import type { PrivateKey } from '../crypto/types.js';
import { pemBlocks } from './pem.js';

/**
 * Loading signing keys for the fixtures generator and tests. RSA/EC/Ed25519 become Node
 * KeyObjects; SM2 becomes the scalar d (signing goes through sm-crypto-v2, never Node);
 * GOST becomes d plus its parameter set (crypto/gost/keys.ts reads the PKCS#8 layouts).
 */

function oidOf(block: asn1js.AsnType | undefined): string | undefined {
  return block instanceof asn1js.ObjectIdentifier ? block.valueBlock.toString() : undefined;
}

/** A DER PKCS#8 PrivateKeyInfo (unencrypted) of any family a registered codec reads. */
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
  const parameterOid = oidOf(params);
  const codec = keyCodecFor(algorithmOid, parameterOid);
  if (!codec) {
    throw new UnsupportedAlgorithmError(
      algorithmOid,
      `private key algorithm ${algorithmOid || '(none)'} is not supported`,
    );
  }
  return codec.decodePkcs8(der, new Uint8Array(privateKey.valueBlock.valueHexView), parameterOid);
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
        return nodePrivateKey(
          createPrivateKey({ key: Buffer.from(block.der), format: 'der', type: 'sec1' }),
        );
      }
      case 'RSA PRIVATE KEY':
        return nodePrivateKey(
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
  const key = nodePrivateKey(createPrivateKey(forge.pki.privateKeyToPem(forgeKey)));
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
  const codec = keyCodecForFamily(key.family);
  if (!codec) throw new UnsupportedAlgorithmError(key.family, `no key codec for ${key.family}`);
  return codec.spkiOfPrivateKey(key);
}

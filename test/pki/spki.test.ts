import { join } from 'node:path';
import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import { KeyFormatError } from '../../src/crypto/errors.js';
import { decodePublicKey, publicKeyFromPem, spkiParts } from '../../src/pki/spki.js';
import { keyBitsFor, registryIdForSignatureOid } from '../../src/pki/oids.js';
import { FIXTURES, fixtureCert, fixtureText, openssl } from './helpers.js';

/** SPKI DER with the given algorithm OID, optional parameter OID and key bytes. */
function spki(algorithm: string, parameter: string | undefined, key: Uint8Array): Uint8Array {
  return new Uint8Array(
    new asn1js.Sequence({
      value: [
        new asn1js.Sequence({
          value: [
            new asn1js.ObjectIdentifier({ value: algorithm }),
            ...(parameter ? [new asn1js.ObjectIdentifier({ value: parameter })] : []),
          ],
        }),
        new asn1js.BitString({ valueHex: key }),
      ],
    }).toBER(),
  );
}

describe('decodePublicKey', () => {
  it('RSA, P-256 and Ed25519 become Node keys with sizes and curves', () => {
    const rsa = fixtureCert('rsa-leaf.pem').publicKey;
    expect(rsa).toMatchObject({ family: 'rsa', bits: 2048, algorithmOid: '1.2.840.113549.1.1.1' });
    expect('keyObject' in rsa && rsa.keyObject.asymmetricKeyType).toBe('rsa');
    const ec = fixtureCert('p256-leaf.pem').publicKey;
    expect(ec).toMatchObject({
      family: 'ecdsa',
      bits: 256,
      curve: { name: 'P-256', oid: '1.2.840.10045.3.1.7' },
    });
    const ed = fixtureCert('ed25519-leaf.pem').publicKey;
    expect(ed).toMatchObject({ family: 'eddsa', bits: 256, curve: { name: 'Ed25519' } });
  });

  it('an EC key on the SM2 curve is an SM2 key with its point, not a Node key', () => {
    const key = fixtureCert('sm2-leaf.pem').publicKey;
    expect(key.family).toBe('sm2');
    expect('keyObject' in key).toBe(false);
    const point = key.family === 'sm2' ? key.point : new Uint8Array();
    expect(point).toHaveLength(65);
    // Same point under the bare SM2 algorithm OID some CAs use.
    const bare = decodePublicKey(spki('1.2.156.10197.1.301', undefined, point));
    expect(bare).toMatchObject({ family: 'sm2', bits: 256, curve: { name: 'sm2p256v1' } });
    // Off-curve point is rejected.
    const bad = Uint8Array.from(point);
    bad[64]! ^= 1;
    expect(() => decodePublicKey(spki('1.2.840.10045.2.1', '1.2.156.10197.1.301', bad))).toThrow(
      KeyFormatError,
    );
  });

  it.each([
    ['KZ 2015', '1.2.398.3.10.1.1.2.2', undefined, 'kz-gost-2015', 512],
    ['UZ', '1.2.860.3.15.1.1.2.1', undefined, 'uz-dst', 0],
    ['unknown', '1.3.6.1.4.1.99999.1', undefined, 'unknown', 0],
  ] as const)('%s is recognised, not verifiable', (_n, alg, param, family, bits) => {
    const key = decodePublicKey(spki(alg, param, new Uint8Array(64).fill(3)));
    expect(key).toMatchObject({ family, bits, algorithmOid: alg });
    expect('keyObject' in key).toBe(false);
  });

  it('garbage SPKI -> KeyFormatError', () => {
    const good = fixtureCert('p256-leaf.pem').publicKey.spki;
    for (const bad of [
      new Uint8Array(0),
      good.subarray(0, good.length - 1),
      Uint8Array.from([...good, 0]),
      Uint8Array.from([0x30, 0x00]),
      spki('1.2.840.10045.2.1', '1.2.840.10045.3.1.7', new Uint8Array([4, 1, 2, 3])),
    ]) {
      expect(() => decodePublicKey(bad)).toThrow(KeyFormatError);
    }
  });

  it('caches by SPKI bytes', () => {
    const der = fixtureCert('rsa-ca.pem').publicKey.spki;
    expect(decodePublicKey(Uint8Array.from(der))).toBe(decodePublicKey(Uint8Array.from(der)));
  });

  it('spkiParts reads GOST parameter sets from the SEQUENCE form', () => {
    const der = new Uint8Array(
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({
            value: [
              new asn1js.ObjectIdentifier({ value: '1.2.643.7.1.1.1.2' }),
              new asn1js.Sequence({
                value: [new asn1js.ObjectIdentifier({ value: '1.2.643.7.1.2.1.2.1' })],
              }),
            ],
          }),
          new asn1js.BitString({ valueHex: new Uint8Array(10) }),
        ],
      }).toBER(),
    );
    expect(spkiParts(der).parameterOid).toBe('1.2.643.7.1.2.1.2.1');
  });
});

describe('publicKeyFromPem', () => {
  it('accepts PUBLIC KEY and CERTIFICATE PEM for the same key', () => {
    const pub = openssl(['pkey', '-in', join(FIXTURES, 'sm2-leaf.key'), '-pubout']).out;
    const fromKey = publicKeyFromPem(pub);
    const fromCert = publicKeyFromPem(fixtureText('sm2-leaf.pem'));
    expect(fromKey.family).toBe('sm2');
    expect(Buffer.from(fromKey.spki)).toEqual(Buffer.from(fromCert.spki));
    expect(publicKeyFromPem(fixtureText('ed25519-ca.pem')).family).toBe('eddsa');
  });

  it('rejects text without a key', () => {
    expect(() => publicKeyFromPem('nothing')).toThrow(KeyFormatError);
    expect(() => publicKeyFromPem(fixtureText('rsa-leaf.key'))).toThrow(KeyFormatError);
  });
});

describe('OID tables', () => {
  it('map signature OIDs to registry ids; PSS needs its hash', () => {
    expect(registryIdForSignatureOid('1.2.840.113549.1.1.11')).toBe('rsa-sha256');
    expect(registryIdForSignatureOid('1.2.156.10197.1.501')).toBe('sm2-sm3');
    expect(registryIdForSignatureOid('1.2.643.7.1.1.3.3')).toBe('gost2012-512');
    expect(registryIdForSignatureOid('1.2.840.113549.1.1.10')).toBeUndefined();
    expect(registryIdForSignatureOid('1.2.840.113549.1.1.10', 'sha384')).toBe('rsa-pss-sha384');
    expect(registryIdForSignatureOid('1.2.3.4')).toBeUndefined();
  });

  it('size GOST, SM2 and curve keys from OIDs', () => {
    expect(keyBitsFor('gost2012-256', '1.2.643.7.1.2.1.1.1')).toBe(256);
    expect(keyBitsFor('gost2012-512', '1.2.643.7.1.2.1.2.3')).toBe(512);
    expect(keyBitsFor('ecdsa', '1.3.132.0.35')).toBe(521);
    expect(keyBitsFor('unknown', '9.9.9')).toBe(0);
  });
});

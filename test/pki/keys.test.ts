import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import { KeyFormatError } from '../../src/crypto/errors.js';
import { schemeFor } from '../../src/crypto/schemes/index.js';
import { parseCertificate } from '../../src/pki/certificate.js';
import { decodePublicKey } from '../../src/pki/spki.js';
import {
  loadPkcs12,
  loadPrivateKey,
  privateKeyFromPkcs8,
  spkiOfPrivateKey,
} from '../../src/pki/keys.js';
import { FAMILIES, FIXTURES, fixtureCert, fixtureText, openssl } from './helpers.js';

const message = new Uint8Array(Buffer.from('key loading test'));
const ALG = {
  rsa: 'rsa-sha256',
  p256: 'ecdsa-sha256',
  ed25519: 'ed25519',
  sm2: 'sm2-sm3',
} as const;

describe('loadPrivateKey (PKCS#8 PEM from openssl)', () => {
  it.each(FAMILIES)('%s: signs what the certificate key verifies; SPKI matches', (family) => {
    const key = loadPrivateKey(fixtureText(`${family}-leaf.key`));
    const cert = fixtureCert(`${family}-leaf.pem`);
    expect(key.family).toBe(cert.publicKey.family);
    const scheme = schemeFor(ALG[family])!;
    const sig = scheme.sign(ALG[family], key, message, 'xmldsig');
    expect(scheme.verify(ALG[family], cert.publicKey, message, sig, 'xmldsig')).toBe(true);
    const other = fixtureCert(`${family}-ca.pem`);
    expect(scheme.verify(ALG[family], other.publicKey, message, sig, 'xmldsig')).toBe(false);
    expect(Buffer.from(spkiOfPrivateKey(key))).toEqual(Buffer.from(cert.publicKey.spki));
  });

  const dir = mkdtempSync(join(tmpdir(), 'corridor-keys-'));

  it.each([
    ['sm2', 'SM2 PRIVATE KEY'],
    ['p256', 'EC PRIVATE KEY'],
  ] as const)('%s: SEC1 "%s" PEM', (family, label) => {
    const out = openssl(
      ['ec', '-in', join(FIXTURES, `${family}-leaf.key`), '-out', 'sec1.pem'],
      dir,
    );
    expect(out.ok, out.out).toBe(true);
    const text = readFileSync(join(dir, 'sec1.pem'), 'utf8');
    expect(text).toContain(`BEGIN ${label}`);
    const key = loadPrivateKey(text);
    expect(Buffer.from(spkiOfPrivateKey(key))).toEqual(
      Buffer.from(fixtureCert(`${family}-leaf.pem`).publicKey.spki),
    );
  });

  it.each(['sm2', 'rsa'] as const)('%s: encrypted PKCS#8 with passphrase', (family) => {
    const out = openssl(
      [
        'pkcs8',
        '-topk8',
        '-v2',
        'aes-256-cbc',
        '-in',
        join(FIXTURES, `${family}-leaf.key`),
        '-passout',
        'pass:s3cret',
        '-out',
        'enc.pem',
      ],
      dir,
    );
    expect(out.ok, out.out).toBe(true);
    const text = readFileSync(join(dir, 'enc.pem'), 'utf8');
    expect(text).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    const key = loadPrivateKey(text, 's3cret');
    expect(key.family).toBe(family);
    expect(Buffer.from(spkiOfPrivateKey(key))).toEqual(
      Buffer.from(fixtureCert(`${family}-leaf.pem`).publicKey.spki),
    );
    expect(() => loadPrivateKey(text, 'wrong')).toThrow(KeyFormatError);
    expect(() => loadPrivateKey(text)).toThrow(KeyFormatError);
  });

  it('rejects garbage and missing keys with KeyFormatError', () => {
    expect(() => loadPrivateKey('no pem here')).toThrow(KeyFormatError);
    expect(() => loadPrivateKey(fixtureText('rsa-leaf.pem'))).toThrow(KeyFormatError);
    expect(() => privateKeyFromPkcs8(Uint8Array.from([0x30, 0x03, 0x02, 0x01, 0x00]))).toThrow(
      KeyFormatError,
    );
    expect(() => loadPrivateKey(new Uint8Array([1, 2, 3]))).toThrow(KeyFormatError);
  });

  it('GOST PKCS#8 loads (via crypto/gost), derives its SPKI and signs', () => {
    const der = new asn1js.Sequence({
      value: [
        new asn1js.Integer({ value: 0 }),
        new asn1js.Sequence({
          value: [
            new asn1js.ObjectIdentifier({ value: '1.2.643.7.1.1.1.1' }),
            new asn1js.Sequence({
              value: [new asn1js.ObjectIdentifier({ value: '1.2.643.7.1.2.1.1.1' })],
            }),
          ],
        }),
        new asn1js.OctetString({ valueHex: new Uint8Array(32).fill(7) }),
      ],
    }).toBER();
    const key = privateKeyFromPkcs8(new Uint8Array(der));
    expect(key).toMatchObject({
      family: 'gost2012-256',
      curve: { oid: '1.2.643.7.1.2.1.1.1' },
      d: BigInt(`0x${'07'.repeat(32)}`),
    });
    const pub = decodePublicKey(spkiOfPrivateKey(key));
    expect(pub.family).toBe('gost2012-256');
    const scheme = schemeFor('gost2012-256')!;
    const sig = scheme.sign('gost2012-256', key, message, 'xmldsig');
    expect(scheme.verify('gost2012-256', pub, message, sig, 'xmldsig')).toBe(true);
    expect(scheme.verify('gost2012-256', pub, new Uint8Array(3), sig, 'xmldsig')).toBe(false);
  });
});

describe('loadPkcs12 (node-forge, RSA)', () => {
  const p12 = new Uint8Array(readFileSync(join(FIXTURES, 'rsa-leaf.p12')));

  it('returns the RSA key and both certificates', () => {
    const { key, certificates } = loadPkcs12(p12, 'test');
    expect(key.family).toBe('rsa');
    const subjects = certificates.map((d) => parseCertificate(d).subject).sort();
    expect(subjects).toEqual([
      'CN=rsa test leaf,O=corridor TEST ONLY,C=XX',
      'CN=rsa test root CA,O=corridor TEST ONLY,C=XX',
    ]);
    const leaf = fixtureCert('rsa-leaf.pem');
    const sig = schemeFor('rsa-sha256')!.sign('rsa-sha256', key, message, 'xmldsig');
    expect(
      schemeFor('rsa-sha256')!.verify('rsa-sha256', leaf.publicKey, message, sig, 'xmldsig'),
    ).toBe(true);
  });

  it('wrong password and garbage -> KeyFormatError', () => {
    expect(() => loadPkcs12(p12, 'nope')).toThrow(KeyFormatError);
    expect(() => loadPkcs12(new Uint8Array([0x30, 0x00]), 'test')).toThrow(KeyFormatError);
  });
});

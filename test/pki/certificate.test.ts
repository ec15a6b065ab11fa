import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CertificateError } from '../../src/pki/errors.js';
import { parseCertificate, signerSummary } from '../../src/pki/certificate.js';
import {
  FAMILIES,
  FIXTURES,
  fixtureCert,
  openssl,
  pemDer,
  XMLSEC,
  xmlCertificates,
} from './helpers.js';

describe('parseCertificate on openssl-made fixtures', () => {
  const expected = {
    rsa: { family: 'rsa', bits: 2048, sig: 'rsa-sha256', curve: undefined },
    p256: { family: 'ecdsa', bits: 256, sig: 'ecdsa-sha256', curve: 'P-256' },
    ed25519: { family: 'eddsa', bits: 256, sig: 'ed25519', curve: 'Ed25519' },
    sm2: { family: 'sm2', bits: 256, sig: 'sm2-sm3', curve: 'sm2p256v1' },
  } as const;

  it.each(FAMILIES)('%s leaf: names, serial, dates, key, algorithm, extensions', (family) => {
    const cert = fixtureCert(`${family}-leaf.pem`);
    const e = expected[family];
    expect(cert.subject).toBe(`CN=${family} test leaf,O=corridor TEST ONLY,C=XX`);
    expect(cert.issuer).toBe(`CN=${family} test root CA,O=corridor TEST ONLY,C=XX`);
    expect(cert.serialNumber).toBe('2002');
    expect(cert.publicKey.family).toBe(e.family);
    expect(cert.publicKey.bits).toBe(e.bits);
    expect(cert.publicKey.curve?.name).toBe(e.curve);
    expect(cert.signatureAlgorithmId).toBe(e.sig);
    expect(cert.isCA).toBe(false);
    expect(cert.keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(cert.notAfter.getTime() - cert.notBefore.getTime()).toBe(36500 * 86400_000);

    // Cross-check with openssl's own reading of the same file.
    const file = join(FIXTURES, `${family}-leaf.pem`);
    const fp = openssl(['x509', '-in', file, '-noout', '-fingerprint', '-sha256']).out;
    expect(fp.split('=')[1]!.trim().replace(/:/g, '').toLowerCase()).toBe(cert.sha256);
    const dates = openssl(['x509', '-in', file, '-noout', '-enddate']).out;
    expect(new Date(dates.split('=')[1]!.trim()).getTime()).toBe(cert.notAfter.getTime());

    const ca = fixtureCert(`${family}-ca.pem`);
    expect(ca.isCA).toBe(true);
    expect(ca.keyUsage).toEqual(['keyCertSign', 'cRLSign']);
    expect(ca.subject).toBe(ca.issuer);
  });

  it('signerSummary reports key family, size and curve', () => {
    const s = signerSummary(fixtureCert('sm2-leaf.pem'));
    expect(s).toMatchObject({
      subject: 'CN=sm2 test leaf,O=corridor TEST ONLY,C=XX',
      serialNumber: '2002',
      keyAlgorithm: 'sm2',
      keyBits: 256,
      curve: 'sm2p256v1',
      curveOid: '1.2.156.10197.1.301',
    });
    expect(s.notBefore).toMatch(/^\d{4}-\d\d-\d\dT/);
    const rsa = signerSummary(fixtureCert('rsa-leaf.pem'));
    expect(rsa.keyAlgorithm).toBe('rsa');
    expect(rsa.curve).toBeUndefined();
  });

  it('returns the cached object for the same DER', () => {
    const der = pemDer(join(FIXTURES, 'rsa-ca.pem'));
    expect(parseCertificate(der)).toBe(parseCertificate(Uint8Array.from(der)));
  });

  it('tbs and signature value are the exact signed bytes', () => {
    const cert = fixtureCert('rsa-leaf.pem');
    expect(Buffer.from(cert.der).indexOf(Buffer.from(cert.tbs))).toBe(4);
    expect(cert.signatureValue).toHaveLength(256);
  });
});

describe('parseCertificate on garbage', () => {
  const good = pemDer(join(FIXTURES, 'p256-leaf.pem'));
  it.each([
    ['empty', new Uint8Array(0)],
    ['text', new Uint8Array(Buffer.from('hello, world'))],
    ['truncated', good.subarray(0, good.length - 10)],
    ['trailing bytes', Uint8Array.from([...good, 0, 0])],
    ['a SEQUENCE of nothing', Uint8Array.from([0x30, 0x00])],
    ['an SPKI instead of a certificate', fixtureCert('rsa-leaf.pem').publicKey.spki],
  ])('%s -> CertificateError', (_name, der) => {
    expect(() => parseCertificate(der)).toThrow(CertificateError);
  });
});

describe('xmlsec test CA chain', () => {
  const keys = join(XMLSEC, 'keys');
  const root = parseCertificate(pemDer(join(keys, 'cacert.pem')));
  const second = parseCertificate(pemDer(join(keys, 'ca2cert.pem')));

  it('parses every certificate, including the GOST leaf in the XML', () => {
    for (const f of ['rsa-4096-cert.pem', 'ec-prime256v1-cert.pem']) {
      expect(parseCertificate(pemDer(join(keys, f))).issuer).toBe(second.subject);
    }
    const embedded = xmlCertificates(join(XMLSEC, 'enveloped-gost2012-256.xml')).map((d) =>
      parseCertificate(d),
    );
    expect(embedded).toHaveLength(3);
    const gost = embedded.find((c) => c.subject.startsWith('CN=Test Key gost-2012-256'));
    expect(gost).toBeDefined();
    expect(gost!.publicKey.algorithmOid).toBe('1.2.643.7.1.1.1.1');
    expect(gost!.publicKey.family).toBe('gost2012-256');
    expect(gost!.publicKey.bits).toBe(256);
    expect(gost!.publicKey.curve).toEqual({
      oid: '1.2.643.2.2.35.1',
      name: 'id-GostR3410-2001-CryptoPro-A-ParamSet',
    });
    expect(gost!.signatureAlgorithmId).toBe('rsa-sha256');
    expect(root.subject).toBe(
      'emailAddress=xmlsec@aleksey.com,CN=Aleksey Sanin,OU=Root CA,O=XML Security Library (http://www.aleksey.com/xmlsec),ST=California,C=US',
    );
    expect(second.publicKey).toMatchObject({ family: 'rsa', bits: 2048 });
  });
});

import { describe, expect, it } from 'vitest';
import { keyUsageOfBits, parseWithPkijs, type Certificate } from '../../src/pki/certificate.js';
import {
  readPlainCertificate,
  readPlainSpki,
  type PlainCertificateFields,
} from '../../src/pki/der-certificate.js';
import { asn1SpkiParts, spkiOfCertificate } from '../../src/pki/spki.js';
import { knownCertificates } from './helpers.js';

/** What certificate.ts takes from a reading, in the plain reader's terms. */
function view(cert: Certificate, spki: Uint8Array) {
  return {
    serialNumber: cert.serialNumber,
    subject: cert.subject,
    issuer: cert.issuer,
    subjectDer: Buffer.from(cert.subjectDer).toString('hex'),
    issuerDer: Buffer.from(cert.issuerDer).toString('hex'),
    notBefore: cert.notBefore.getTime(),
    notAfter: cert.notAfter.getTime(),
    spki: Buffer.from(spki).toString('hex'),
    tbs: Buffer.from(cert.tbs).toString('hex'),
    signatureAlgorithmOid: cert.signatureAlgorithmOid,
    signatureValue: Buffer.from(cert.signatureValue).toString('hex'),
    isCA: cert.isCA,
    keyUsage: cert.keyUsage,
    subjectKeyIdentifier: cert.subjectKeyIdentifier
      ? Buffer.from(cert.subjectKeyIdentifier).toString('hex')
      : undefined,
    crlDistributionPoints: cert.crlDistributionPoints,
  };
}

function plainView(plain: PlainCertificateFields, reference: Certificate) {
  // Names are turned into strings by the same code either way (names.ts).
  const usage = plain.keyUsageBits;
  return {
    serialNumber:
      Buffer.from(plain.serial)
        .toString('hex')
        .replace(/^(00)+(?=..)/, '') || '00',
    subject: reference.subject,
    issuer: reference.issuer,
    subjectDer: Buffer.from(plain.subjectDer).toString('hex'),
    issuerDer: Buffer.from(plain.issuerDer).toString('hex'),
    notBefore: plain.notBefore.getTime(),
    notAfter: plain.notAfter.getTime(),
    spki: Buffer.from(plain.spki).toString('hex'),
    tbs: Buffer.from(plain.tbs).toString('hex'),
    signatureAlgorithmOid: plain.signatureAlgorithmOid,
    signatureValue: Buffer.from(plain.signatureValue).toString('hex'),
    isCA: plain.isCA,
    keyUsage: usage ? keyUsageOfBits(usage) : undefined,
    subjectKeyIdentifier: plain.subjectKeyIdentifier
      ? Buffer.from(plain.subjectKeyIdentifier).toString('hex')
      : undefined,
    crlDistributionPoints: undefined,
  };
}

/** The pkijs reading and its SPKI, or the error it throws. */
function reference(der: Uint8Array): { cert: Certificate; spki: Uint8Array } | { error: unknown } {
  try {
    return { cert: parseWithPkijs(der), spki: spkiOfCertificate(der) };
  } catch (error) {
    return { error };
  }
}

/** The plain reader agrees with pkijs, or leaves the certificate to it. */
function agrees(der: Uint8Array): 'plain' | 'pkijs' {
  const plain = readPlainCertificate(der);
  if (plain === undefined) return 'pkijs';
  const ref = reference(der);
  if ('error' in ref) throw new Error(`plain reader read what pkijs refuses: ${String(ref.error)}`);
  expect(plainView(plain, ref.cert)).toEqual(view(ref.cert, ref.spki));
  return 'plain';
}

describe('readPlainCertificate', () => {
  const certificates = knownCertificates();

  it('reads every shipped certificate as pkijs does, or leaves it to pkijs', () => {
    expect(certificates.length).toBeGreaterThan(20);
    const paths = certificates.map(agrees);
    // The test PKI's RSA, ECDSA, EdDSA, GOST, SM2 and bign certificates take the plain path.
    expect(paths.filter((p) => p === 'plain').length).toBeGreaterThan(certificates.length / 2);
  });

  it('never reads a damaged certificate that pkijs refuses, nor reads one differently', () => {
    let seed = 20261203;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    let plain = 0;
    for (const original of certificates.slice(0, 12)) {
      for (let round = 0; round < 100; round++) {
        let der = Uint8Array.from(original);
        const kind = next(4);
        if (kind === 0) der[next(der.length)] = next(256);
        else if (kind === 1) {
          const at = next(Math.min(der.length, 64));
          der[at] = (der[at] as number) ^ (1 << next(8));
        } else if (kind === 2) der = der.slice(0, next(der.length));
        else {
          const at = next(der.length);
          der = Uint8Array.from([...der.slice(0, at), next(256), ...der.slice(at)]);
        }
        if (agrees(der) === 'plain') plain++;
      }
    }
    // Flips inside names, keys and signatures leave a readable certificate: both readers read it.
    expect(plain).toBeGreaterThan(60);
  });

  it('leaves RSASSA-PSS, CRL distribution points, BER lengths and odd times to pkijs', () => {
    const rsa = certificates.find((der) => readPlainCertificate(der) !== undefined);
    expect(rsa).toBeDefined();
    // Indefinite length on the outer SEQUENCE.
    const ber = Uint8Array.from(rsa as Uint8Array);
    ber[1] = 0x80;
    expect(readPlainCertificate(ber)).toBeUndefined();
    // Trailing bytes after the certificate.
    expect(readPlainCertificate(Uint8Array.from([...(rsa as Uint8Array), 0]))).toBeUndefined();
    expect(readPlainCertificate(new Uint8Array(0))).toBeUndefined();
  });
});

/** The plain SPKI reader agrees with asn1js, or leaves the key to it. */
function spkiAgrees(spki: Uint8Array): 'plain' | 'asn1js' {
  const plain = readPlainSpki(spki);
  if (plain === undefined) return 'asn1js';
  let reference;
  try {
    reference = asn1SpkiParts(spki);
  } catch (error) {
    throw new Error(`plain reader read a key asn1js refuses: ${String(error)}`, { cause: error });
  }
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
  expect({ ...plain, keyBytes: hex(plain.keyBytes) }).toEqual({
    algorithmOid: reference.algorithmOid,
    parameterOid: reference.parameterOid,
    keyBytes: hex(reference.keyBytes),
  });
  return 'plain';
}

describe('readPlainSpki', () => {
  const keys = knownCertificates().map((der) => spkiOfCertificate(der));

  it('reads the key of every shipped certificate as asn1js does', () => {
    expect(keys.map(spkiAgrees).every((path) => path === 'plain')).toBe(true);
  });

  it('never reads a damaged key that asn1js refuses, nor reads one differently', () => {
    let seed = 1203;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    let plain = 0;
    for (const original of keys.slice(0, 16)) {
      for (let round = 0; round < 150; round++) {
        let spki = Uint8Array.from(original);
        const kind = next(3);
        if (kind === 0) spki[next(Math.min(spki.length, 40))] = next(256);
        else if (kind === 1) spki = spki.slice(0, next(spki.length));
        else spki[next(spki.length)] = [0x00, 0x05, 0x06, 0x30, 0x80, 0x81][next(6)] as number;
        if (spkiAgrees(spki) === 'plain') plain++;
      }
    }
    expect(plain).toBeGreaterThan(100);
  });

  it('leaves unused key bits, BER lengths and trailing bytes to asn1js', () => {
    const spki = keys[0] as Uint8Array;
    expect(readPlainSpki(Uint8Array.from([...spki, 0]))).toBeUndefined();
    const ber = Uint8Array.from(spki);
    ber[1] = 0x80;
    expect(readPlainSpki(ber)).toBeUndefined();
    expect(readPlainSpki(new Uint8Array(0))).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { BIGN_CURVES } from '../../src/crypto/bign/curves.js';
import { encodeBignSpki, generateBignPrivateKey } from '../../src/crypto/bign/keys.js';
import { KeyFormatError } from '../../src/crypto/errors.js';
import { schemeFor } from '../../src/crypto/schemes/index.js';
import { parseCertificate, type Certificate } from '../../src/pki/certificate.js';
import { buildChain } from '../../src/pki/chain.js';
import { issueCertificate } from '../../src/pki/issue.js';
import { loadPrivateKey, spkiOfPrivateKey } from '../../src/pki/keys.js';
import { pemBlocks, toPem } from '../../src/pki/pem.js';
import { decodePublicKey } from '../../src/pki/spki.js';
import { encodeBignPrivateKeyPkcs8 } from '../../src/crypto/bign/keys.js';

/**
 * A self-signed bign-with-hbelt certificate made by an independent implementation: OpenSSL
 * with the bee2evp engine (file server.cert of the bcrypto/bee2evp repository, CN
 * www.example.org, valid 2025-11-17 .. 2025-12-17). It fixes the X.509 layouts corridor
 * follows: SPKI = { bign-pubkey, bign-curve256v1 } with x‖y little-endian in the BIT STRING,
 * signatureAlgorithm = { bign-with-hbelt, NULL }, signature BIT STRING = the 48-octet S0‖S1.
 */
const BEE2EVP_CERT = `-----BEGIN CERTIFICATE-----
MIIBujCCAXSgAwIBAgIUZPYbKRdW16hFH/5Z5fPSSaSW4hgwDQYJKnAAAgAiZS0M
BQAwOTEYMBYGA1UEAwwPd3d3LmV4YW1wbGUub3JnMRAwDgYDVQQKDAdCQ3J5cHRv
MQswCQYDVQQGEwJCWTAeFw0yNTExMTcxMTIyMTZaFw0yNTEyMTcxMTIyMTZaMDkx
GDAWBgNVBAMMD3d3dy5leGFtcGxlLm9yZzEQMA4GA1UECgwHQkNyeXB0bzELMAkG
A1UEBhMCQlkwXTAYBgoqcAACACJlLQIBBgoqcAACACJlLQMBA0EA+oPMSRtkuAL+
8l4QJzojVAhTK10dF8W7rujA22yZrAz0Ghmtg8KiymngGi90eKzabM4DVQj3hTOD
RnP+bkT0GqNTMFEwHQYDVR0OBBYEFCKU3JkXhbufnIhgmtePqO1ZLtJOMB8GA1Ud
IwQYMBaAFCKU3JkXhbufnIhgmtePqO1ZLtJOMA8GA1UdEwEB/wQFMAMBAf8wDQYJ
KnAAAgAiZS0MBQADMQChjNEtBKsTukLeCkPNdJ9fzAMkPrCun2ssnOzDIo43Lk1E
Xod6zAT1G2BiVZ+9hjc=
-----END CERTIFICATE-----
`;

const DAY = 86_400_000;
const ruleIds = (r: { problems: { ruleId: string }[] }) => r.problems.map((p) => p.ruleId);
const certOf = (pem: string) => parseCertificate(pemBlocks(pem)[0]!.der);

function flipped(cert: Certificate, offsetFromEnd: number): Certificate {
  const der = Uint8Array.from(cert.der);
  der[der.length - offsetFromEnd]! ^= 0x01;
  return parseCertificate(der);
}

describe('bign certificates from OpenSSL + bee2evp', () => {
  const cert = certOf(BEE2EVP_CERT);
  const asOf = new Date('2025-12-01T00:00:00Z');

  it('decodes the bign key and the bign-with-hbelt algorithm', () => {
    expect(cert.signatureAlgorithmId).toBe('bign-hbelt');
    expect(cert.publicKey).toMatchObject({
      family: 'bign',
      bits: 256,
      curve: { oid: '1.2.112.0.2.0.34.101.45.3.1', name: 'bign-curve256v1' },
    });
    expect(cert.signatureValue).toHaveLength(48);
  });

  it('its self-signature verifies, and the certificate anchors a trusted chain', () => {
    const scheme = schemeFor('bign-hbelt')!;
    expect(scheme.verify('bign-hbelt', cert.publicKey, cert.tbs, cert.signatureValue, 'x509')).toBe(
      true,
    );
    const r = buildChain(cert, [], [cert], asOf);
    expect(r.problems).toEqual([]);
    expect(r.trusted).toBe(true);
  });

  it('a flipped bit in the signature or in the signed part fails', () => {
    const scheme = schemeFor('bign-hbelt')!;
    const badSig = flipped(cert, 5);
    expect(
      scheme.verify('bign-hbelt', cert.publicKey, badSig.tbs, badSig.signatureValue, 'x509'),
    ).toBe(false);
    const tbs = Uint8Array.from(cert.tbs);
    tbs[20]! ^= 0x01; // inside the serial number
    expect(scheme.verify('bign-hbelt', cert.publicKey, tbs, cert.signatureValue, 'x509')).toBe(
      false,
    );
  });
});

describe('bign certificates issued by corridor', () => {
  const notBefore = new Date('2026-01-01T00:00:00Z');
  const notAfter = new Date('2030-01-01T00:00:00Z');
  const asOf = new Date(notBefore.getTime() + DAY);
  const curve = '1.2.112.0.2.0.34.101.45.3.1';
  const caKey = loadPrivateKey(
    toPem('PRIVATE KEY', encodeBignPrivateKeyPkcs8(generateBignPrivateKey(curve))),
  );
  const leafKey = generateBignPrivateKey(curve);
  const ca = parseCertificate(
    issueCertificate({
      subject: 'CN=bign test CA,C=BY',
      issuerKey: caKey,
      subjectPublicKey: spkiOfPrivateKey(caKey),
      notBefore,
      notAfter,
      isCA: true,
      serial: 1n,
    }),
  );
  const leaf = parseCertificate(
    issueCertificate({
      subject: 'CN=bign test signer,C=BY',
      issuerCert: ca,
      issuerKey: caKey,
      subjectPublicKey: spkiOfPrivateKey(leafKey),
      notBefore,
      notAfter,
      isCA: false,
      serial: 2n,
    }),
  );

  it('chooses bign-with-hbelt with NULL parameters, as bee2evp writes it', () => {
    expect(leaf.signatureAlgorithmId).toBe('bign-hbelt');
    // AlgorithmIdentifier { 1.2.112.0.2.0.34.101.45.12, NULL } in the TBS
    expect(Buffer.from(leaf.tbs).toString('hex')).toContain('300d06092a7000020022652d0c0500');
    expect(leaf.signatureValue).toHaveLength(48);
  });

  it('leaf → CA is trusted', () => {
    const r = buildChain(leaf, [], [ca], asOf);
    expect(r.problems).toEqual([]);
    expect(r.trusted).toBe(true);
    expect(r.chain.map((c) => c.subject)).toEqual([leaf.subject, ca.subject]);
  });

  it('a tampered leaf signature is a bad certificate signature', () => {
    const r = buildChain(flipped(leaf, 3), [], [ca], asOf);
    expect(r.trusted).toBe(false);
    expect(ruleIds(r)).toContain('trust/bad-certificate-signature');
  });

  it('a leaf signed by another bign key does not chain to the CA', () => {
    const other = generateBignPrivateKey(curve);
    const forged = parseCertificate(
      issueCertificate({
        subject: 'CN=bign test signer,C=BY',
        issuerCert: ca,
        issuerKey: { family: 'bign', curve: other.curve, d: other.d },
        subjectPublicKey: spkiOfPrivateKey(leafKey),
        notBefore,
        notAfter,
        isCA: false,
        serial: 3n,
      }),
    );
    const r = buildChain(forged, [], [ca], asOf);
    expect(r.trusted).toBe(false);
    expect(ruleIds(r)).toContain('trust/bad-certificate-signature');
  });
});

describe('bign SubjectPublicKeyInfo', () => {
  it.each([...BIGN_CURVES.values()].map((c) => [c.name, c] as const))(
    '%s keys decode with their size; an off-curve point is a KeyFormatError',
    (_name, c) => {
      const key = generateBignPrivateKey(c.oid);
      const spki = spkiOfPrivateKey({ family: 'bign', curve: key.curve, d: key.d });
      expect(decodePublicKey(spki)).toMatchObject({
        family: 'bign',
        bits: 2 * c.level,
        curve: { name: c.name },
      });
      expect(() => decodePublicKey(encodeBignSpki(c, new Uint8Array(2 * c.bytes).fill(3)))).toThrow(
        KeyFormatError,
      );
    },
  );
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildChain } from '../../src/pki/chain.js';
import { parseCertificate, type Certificate } from '../../src/pki/certificate.js';
import { pemBlocks } from '../../src/pki/pem.js';
import {
  FAMILIES,
  FIXTURES,
  fixtureCert,
  openssl,
  pemDer,
  XMLSEC,
  xmlCertificates,
} from './helpers.js';

const DAY = 86_400_000;
const ruleIds = (r: { problems: { ruleId: string }[] }) => r.problems.map((p) => p.ruleId);

/** A copy of `cert` with one byte flipped at `offsetFromEnd` bytes before the end. */
function tamper(cert: Certificate, offsetFromEnd: number): Certificate {
  const der = Uint8Array.from(cert.der);
  der[der.length - offsetFromEnd]! ^= 0x01;
  return parseCertificate(der);
}

describe('buildChain on the openssl fixtures', () => {
  describe.each(FAMILIES)('%s', (family) => {
    const leaf = fixtureCert(`${family}-leaf.pem`);
    const ca = fixtureCert(`${family}-ca.pem`);
    const asOf = new Date(leaf.notBefore.getTime() + DAY);

    it('leaf -> anchor is trusted', () => {
      const r = buildChain(leaf, [], [ca], asOf);
      expect(r.problems).toEqual([]);
      expect(r.trusted).toBe(true);
      expect(r.chain.map((c) => c.subject)).toEqual([leaf.subject, ca.subject]);
    });

    it('expired at as-of', () => {
      const r = buildChain(leaf, [], [ca], new Date(leaf.notAfter.getTime() + DAY));
      expect(r.trusted).toBe(false);
      expect(ruleIds(r)).toContain('trust/certificate-expired');
      expect(r.chain).toHaveLength(2);
    });

    it('not yet valid at as-of', () => {
      const r = buildChain(leaf, [], [ca], new Date(leaf.notBefore.getTime() - DAY));
      expect(r.trusted).toBe(false);
      expect(ruleIds(r)).toContain('trust/certificate-not-yet-valid');
    });

    it('wrong anchor: no path', () => {
      const other = fixtureCert(`${family === 'rsa' ? 'p256' : 'rsa'}-ca.pem`);
      const r = buildChain(leaf, [ca], [other], asOf);
      expect(r.trusted).toBe(false);
      expect(ruleIds(r)).toEqual(['trust/no-path-to-anchor']);
    });

    it('tampered certificate signature', () => {
      const r = buildChain(tamper(leaf, 1), [], [ca], asOf);
      expect(r.trusted).toBe(false);
      expect(ruleIds(r)).toEqual(['trust/bad-certificate-signature']);
    });

    it('tampered signed content (a byte inside the TBS)', () => {
      const der = Uint8Array.from(leaf.der);
      const at = Buffer.from(der).indexOf(Buffer.from(`${family} test leaf`));
      der[at]! ^= 0x20; // change case of the first letter of the CN
      const r = buildChain(parseCertificate(der), [], [ca], asOf);
      expect(r.trusted).toBe(false);
      expect(ruleIds(r)).toEqual(['trust/bad-certificate-signature']);
    });

    it('an anchor that is the leaf itself is trusted', () => {
      expect(buildChain(leaf, [], [leaf], asOf).trusted).toBe(true);
      expect(buildChain(ca, [], [ca], asOf).chain).toEqual([ca]);
    });
  });

  it('a CA that is only a candidate (not an anchor) is not trusted', () => {
    const leaf = fixtureCert('rsa-leaf.pem');
    const r = buildChain(leaf, [fixtureCert('rsa-ca.pem')], [], leaf.notBefore);
    expect(r.trusted).toBe(false);
    expect(ruleIds(r)).toEqual(['trust/no-path-to-anchor']);
    expect(r.chain).toHaveLength(2);
  });
});

describe('RSA-PSS and unverifiable certificate signatures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-pss-'));
  const ca = fixtureCert('rsa-ca.pem');

  function issueWith(sigopts: string[], name: string): Certificate {
    const csr = openssl(
      [
        'req',
        '-new',
        '-key',
        join(FIXTURES, 'rsa-leaf.key'),
        '-subj',
        `/CN=${name}`,
        '-out',
        `${name}.csr`,
      ],
      dir,
    );
    expect(csr.ok).toBe(true);
    const res = openssl(
      [
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        join(FIXTURES, 'rsa-ca.pem'),
        '-CAkey',
        join(FIXTURES, 'rsa-ca.key'),
        '-set_serial',
        '7',
        '-days',
        '30',
        ...sigopts,
        '-out',
        `${name}.pem`,
      ],
      dir,
    );
    expect(res.ok, res.out).toBe(true);
    return parseCertificate(pemDer(join(dir, `${name}.pem`)));
  }

  it('PSS SHA-256 salt 32 verifies; salt 20 is unverifiable, never trusted', () => {
    const pss = issueWith(
      ['-sha256', '-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:32'],
      'pss32',
    );
    expect(pss.signatureAlgorithmId).toBe('rsa-pss-sha256');
    const ok = buildChain(pss, [], [ca], new Date(pss.notBefore.getTime() + DAY));
    expect(ok.problems).toEqual([]);
    expect(ok.trusted).toBe(true);

    const salt20 = issueWith(
      ['-sha256', '-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:20'],
      'pss20',
    );
    expect(salt20.signatureAlgorithmOid).toBe('1.2.840.113549.1.1.10');
    expect(salt20.signatureAlgorithmId).toBeUndefined();
    const r = buildChain(salt20, [], [ca], new Date(salt20.notBefore.getTime() + DAY));
    expect(r.trusted).toBe(false);
    expect(ruleIds(r)).toEqual(['trust/unverifiable-certificate-signature']);
  });

  it('SHA-1 RSA certificates still verify (policy rules judge SHA-1, not the chain)', () => {
    const sha1 = issueWith(['-sha1'], 'sha1');
    expect(sha1.signatureAlgorithmId).toBe('rsa-sha1');
    expect(buildChain(sha1, [], [ca], new Date(sha1.notBefore.getTime() + DAY)).trusted).toBe(true);
  });
});

describe('xmlsec test CA chain', () => {
  const keys = join(XMLSEC, 'keys');
  const load = (f: string) => parseCertificate(pemDer(join(keys, f)));
  const root = load('cacert.pem');
  const second = load('ca2cert.pem');
  const asOf = new Date('2027-01-01T00:00:00Z');

  it('the RSA CA signatures verify: root -> second-level CA -> RSA and EC leaves', () => {
    for (const f of ['rsa-4096-cert.pem', 'ec-prime256v1-cert.pem']) {
      const r = buildChain(load(f), [second], [root], asOf);
      expect(r.problems).toEqual([]);
      expect(r.trusted).toBe(true);
      expect(r.chain.map((c) => c.sha256)).toEqual([load(f).sha256, second.sha256, root.sha256]);
    }
    expect(buildChain(second, [], [root], asOf).trusted).toBe(true);
  });

  it('the GOST leaf inside enveloped-gost2012-256.xml chains to the xmlsec root', () => {
    const certs = xmlCertificates(join(XMLSEC, 'enveloped-gost2012-256.xml')).map((d) =>
      parseCertificate(d),
    );
    const leaf = certs.find((c) => c.publicKey.algorithmOid === '1.2.643.7.1.1.1.1')!;
    const r = buildChain(leaf, certs, [root], asOf);
    expect(r.trusted).toBe(true);
    expect(r.chain).toHaveLength(3);
    // Without the intermediate there is no path.
    expect(buildChain(leaf, [], [root], asOf).trusted).toBe(false);
    // Before the certificates were issued (2026-03-08) they are not yet valid.
    expect(ruleIds(buildChain(leaf, certs, [root], new Date('2025-01-01')))).toContain(
      'trust/certificate-not-yet-valid',
    );
  });

  it('the root does not vouch for the openssl fixtures', () => {
    const anchors = pemBlocks(`${openssl(['x509', '-in', join(keys, 'cacert.pem')]).out}`).map(
      (b) => parseCertificate(b.der),
    );
    expect(buildChain(fixtureCert('rsa-leaf.pem'), [], anchors, asOf).trusted).toBe(false);
  });
});

import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UnsupportedAlgorithmError } from '../../src/crypto/errors.js';
import type { PrivateKey } from '../../src/crypto/types.js';
import { buildChain } from '../../src/pki/chain.js';
import { parseCertificate } from '../../src/pki/certificate.js';
import { encodeName, issueCertificate } from '../../src/pki/issue.js';
import { loadPrivateKey, spkiOfPrivateKey } from '../../src/pki/keys.js';
import { nameToString } from '../../src/pki/names.js';
import { toPem } from '../../src/pki/pem.js';
import { generateGostKeyPair } from '../../src/crypto/gost/keys.js';
import { runOpenssl, skipWithoutGostEngine } from '../helpers/openssl.js';
import { FIXTURES, fixtureText, openssl } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'corridor-issue-'));
const notBefore = new Date('2025-01-01T00:00:00Z');
const notAfter = new Date('2060-01-01T00:00:00Z'); // GeneralizedTime from 2050
const asOf = new Date('2030-06-01T00:00:00Z');
const SM2ID = 'distid:1234567812345678';

function nodeKey(type: 'rsa' | 'ec' | 'ed25519'): PrivateKey {
  const { privateKey } =
    type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : type === 'ec'
        ? generateKeyPairSync('ec', { namedCurve: 'P-384' })
        : generateKeyPairSync('ed25519');
  return {
    family: type === 'rsa' ? 'rsa' : type === 'ec' ? 'ecdsa' : 'eddsa',
    keyObject: privateKey,
  };
}

function write(name: string, der: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, toPem('CERTIFICATE', der));
  return path;
}

/** Root CA -> leaf with keys of the given kinds; returns DERs and files. */
function makeChain(label: string, rootKey: PrivateKey, leafKey: PrivateKey) {
  const rootDer = issueCertificate({
    subject: `CN=${label} root,O=corridor TEST ONLY,C=XX`,
    issuerKey: rootKey,
    subjectPublicKey: spkiOfPrivateKey(rootKey),
    notBefore,
    notAfter,
    isCA: true,
    serial: 1n,
  });
  const root = parseCertificate(rootDer);
  const leafDer = issueCertificate({
    subject: `CN=${label} leaf\\, with comma,O=corridor TEST ONLY,C=XX`,
    issuerCert: root,
    issuerKey: rootKey,
    subjectPublicKey: spkiOfPrivateKey(leafKey),
    notBefore,
    notAfter,
    isCA: false,
    serial: 0x80_00_00_01n, // high bit set: needs a leading 00 in DER
  });
  return {
    root,
    leaf: parseCertificate(leafDer),
    rootFile: write(`${label}-root.pem`, rootDer),
    leafFile: write(`${label}-leaf.pem`, leafDer),
  };
}

const sm2Root = loadPrivateKey(fixtureText('sm2-ca.key'));
const sm2Leaf = loadPrivateKey(fixtureText('sm2-leaf.key'));

describe('issueCertificate, checked by openssl', () => {
  const chains = {
    rsa: makeChain('rsa', nodeKey('rsa'), nodeKey('rsa')),
    ecdsa: makeChain('ecdsa', nodeKey('ec'), nodeKey('ec')),
    ed25519: makeChain('ed25519', nodeKey('ed25519'), nodeKey('ed25519')),
    sm2: makeChain('sm2', sm2Root, sm2Leaf),
    mixed: makeChain('mixed', sm2Root, nodeKey('rsa')),
  };

  it.each(Object.keys(chains) as (keyof typeof chains)[])(
    '%s: openssl x509 -text parses it; corridor parses and trusts it',
    (name) => {
      const c = chains[name];
      const text = openssl(['x509', '-in', c.leafFile, '-noout', '-text']);
      expect(text.ok, text.out).toBe(true);
      expect(text.out).toContain(`CN = "${name} leaf, with comma"`);
      expect(text.out).toContain('CA:FALSE');
      expect(text.out).toContain('Digital Signature, Non Repudiation');
      expect(text.out).toContain('(0x80000001)');
      expect(text.out).toContain('Not After : Jan  1 00:00:00 2060 GMT');
      const rootText = openssl(['x509', '-in', c.rootFile, '-noout', '-text']).out;
      expect(rootText).toContain('CA:TRUE');
      expect(rootText).toContain('Certificate Sign, CRL Sign');

      expect(c.leaf.subject).toBe(`CN=${name} leaf\\, with comma,O=corridor TEST ONLY,C=XX`);
      expect(c.leaf.serialNumber).toBe('80000001');
      expect(c.leaf.notAfter).toEqual(notAfter);
      const r = buildChain(c.leaf, [], [c.root], asOf);
      expect(r.problems).toEqual([]);
      expect(r.trusted).toBe(true);
    },
  );

  it.each(['rsa', 'ecdsa', 'ed25519'] as const)(
    '%s: openssl verify -CAfile accepts the chain',
    (name) => {
      const c = chains[name];
      const res = openssl(['verify', '-CAfile', c.rootFile, c.leafFile]);
      expect(res.out).toContain(': OK');
      expect(res.ok).toBe(true);
    },
  );

  it.each(['sm2', 'mixed'] as const)(
    '%s: openssl verify accepts with distid 1234567812345678, not with another ID',
    (name) => {
      const c = chains[name];
      const good = openssl(['verify', '-vfyopt', SM2ID, '-CAfile', c.rootFile, c.leafFile]);
      expect(good.out).toContain(': OK');
      const wrongId = openssl([
        'verify',
        '-vfyopt',
        'distid:0000',
        '-CAfile',
        c.rootFile,
        c.leafFile,
      ]);
      expect(wrongId.ok).toBe(false);
      expect(c.leaf.signatureAlgorithmId).toBe('sm2-sm3');
      // The root's self-signature (openssl verify -check_ss_sig ignores -vfyopt, even for
      // its own SM2 roots): check the TBS with pkeyutl, which honours the ID.
      const tbs = openssl([
        'asn1parse',
        '-in',
        c.rootFile,
        '-strparse',
        '4',
        '-noout',
        '-out',
        join(dir, `${name}-tbs.der`),
      ]);
      expect(tbs.ok, tbs.out).toBe(true);
      writeFileSync(join(dir, `${name}-sig.der`), c.root.signatureValue);
      const pub = join(dir, `${name}-root-pub.pem`);
      writeFileSync(pub, toPem('PUBLIC KEY', c.root.publicKey.spki));
      const pk = (distid: string) =>
        openssl([
          'pkeyutl',
          '-verify',
          '-rawin',
          '-digest',
          'sm3',
          '-pkeyopt',
          distid,
          '-pubin',
          '-inkey',
          pub,
          '-in',
          join(dir, `${name}-tbs.der`),
          '-sigfile',
          join(dir, `${name}-sig.der`),
        ]);
      expect(pk(SM2ID).out).toContain('Signature Verified Successfully');
      expect(pk('distid:0000').ok).toBe(false);
    },
  );

  it('openssl rejects a chain against the wrong CA', () => {
    const res = openssl(['verify', '-CAfile', chains.ecdsa.rootFile, chains.rsa.leafFile]);
    expect(res.ok).toBe(false);
  });

  it('a certificate issued by a non-CA certificate is not trusted', () => {
    const c = chains.sm2;
    const leafKey = loadPrivateKey(fixtureText('sm2-leaf.key'));
    const grandchild = parseCertificate(
      issueCertificate({
        subject: 'CN=grandchild',
        issuerCert: c.leaf,
        issuerKey: leafKey,
        subjectPublicKey: spkiOfPrivateKey(nodeKey('ed25519')),
        notBefore,
        notAfter,
        isCA: false,
        serial: 9n,
      }),
    );
    const r = buildChain(grandchild, [c.leaf], [c.root], asOf);
    expect(r.trusted).toBe(false);
    expect(r.problems.map((p) => p.ruleId)).toEqual(['trust/issuer-not-ca']);
  });
});

describe('issueCertificate inputs', () => {
  const key = nodeKey('ed25519');
  const base = {
    subject: 'CN=x',
    issuerKey: key,
    subjectPublicKey: spkiOfPrivateKey(key),
    notBefore,
    notAfter,
    isCA: true,
    serial: 1n,
  };

  it('refuses PSS (needs parameters) and unknown algorithms', () => {
    expect(() =>
      issueCertificate({
        ...base,
        issuerKey: nodeKey('rsa'),
        signatureAlgorithm: 'rsa-pss-sha256',
      }),
    ).toThrow(UnsupportedAlgorithmError);
    expect(() => issueCertificate({ ...base, signatureAlgorithm: 'bign-bash256' })).toThrow(
      UnsupportedAlgorithmError,
    );
  });

  it('refuses a zero serial and unknown attribute types', () => {
    expect(() => issueCertificate({ ...base, serial: 0n })).toThrow();
    expect(() => issueCertificate({ ...base, subject: 'XYZ=1' })).toThrow();
  });

  it('encodeName / nameToString round-trip with escapes and multi-valued RDNs', () => {
    const name = 'CN=a\\,b+UID=42,OU=Unit,O=Org \\"Q\\",C=XX';
    expect(nameToString(encodeName(name))).toBe(name);
  });
});

describe('issueCertificate with GOST keys', () => {
  const root = generateGostKeyPair('gost2012-256', '1.2.643.7.1.2.1.1.1').privateKey;
  const leaf = generateGostKeyPair('gost2012-512', '1.2.643.7.1.2.1.2.1').privateKey;
  const rootDer = issueCertificate({
    subject: 'CN=gost root,O=corridor TEST ONLY,C=XX',
    issuerKey: root,
    subjectPublicKey: spkiOfPrivateKey(root),
    notBefore,
    notAfter,
    isCA: true,
    serial: 11n,
  });
  const rootCert = parseCertificate(rootDer);
  const leafDer = issueCertificate({
    subject: 'CN=gost leaf,O=corridor TEST ONLY,C=XX',
    issuerCert: rootCert,
    issuerKey: root,
    subjectPublicKey: spkiOfPrivateKey(leaf),
    notBefore,
    notAfter,
    isCA: false,
    serial: 12n,
  });
  const leafCert = parseCertificate(leafDer);

  it('tc26-256 root -> tc26-512 leaf: parsed and trusted by corridor', () => {
    expect(rootCert.signatureAlgorithmId).toBe('gost2012-256');
    expect(leafCert.publicKey).toMatchObject({ family: 'gost2012-512', bits: 512 });
    const r = buildChain(leafCert, [], [rootCert], asOf);
    expect(r.problems).toEqual([]);
    expect(r.trusted).toBe(true);
    const tampered = Uint8Array.from(leafDer);
    tampered[tampered.length - 1]! ^= 1;
    expect(buildChain(parseCertificate(tampered), [], [rootCert], asOf).trusted).toBe(false);
  });

  it.skipIf(skipWithoutGostEngine())(
    'openssl with the GOST engine parses and verifies the chain',
    () => {
      const rootFile = write('gost-root.pem', rootDer);
      const leafFile = write('gost-leaf.pem', leafDer);
      const text = runOpenssl(['x509', '-in', leafFile, '-noout', '-text'], { gost: true });
      expect(text.status, text.stderr).toBe(0);
      expect(text.stdout.toString()).toContain(
        'GOST R 34.10-2012 with GOST R 34.11-2012 (256 bit)',
      );
      const ok = runOpenssl(['verify', '-CAfile', rootFile, leafFile], { gost: true });
      expect(ok.stdout.toString() + ok.stderr).toContain(': OK');
      const wrong = runOpenssl(['verify', '-CAfile', join(FIXTURES, 'rsa-ca.pem'), leafFile], {
        gost: true,
      });
      expect(wrong.status).not.toBe(0);
    },
  );
});

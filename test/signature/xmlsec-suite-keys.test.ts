// xmlsec's testDSig.sh cases for finding the signer's key (X509Data lookups, --untrusted-pem
// as `--certs`, RetrievalMethod, KeyInfoReference) and the wrong-certificate negatives, run
// through `corridor verify`: no false accepts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pemBlocks } from '../../src/pki/pem.js';
import type { SignatureVerification } from '../../src/signature/types.js';
import { verifyDocument } from '../../src/signature/verify.js';
import { parseXml } from '../../src/xml/parse.js';
import { runCli } from '../helpers/cli.js';

const DIR = new URL('../vectors/xmlsec/', import.meta.url).pathname;
const at = (name: string) => `${DIR}${name}`;
const read = (name: string) => readFileSync(at(name), 'utf8');
const certDer = (name: string) => pemBlocks(read(`keys/${name}`))[0]!.der;

interface JsonSignature {
  valid: boolean | null;
  trusted: boolean | null;
  keySource: string;
  problems: Array<{ ruleId: string }>;
}

async function verifyCli(file: string, args: string[]): Promise<JsonSignature> {
  const run = await runCli(['verify', file, '--as-of', '2026-06-01', '--format', 'json', ...args]);
  const output = JSON.parse(run.stdout) as { results: Array<{ signatures: JsonSignature[] }> };
  return output.results[0]!.signatures[0]!;
}

const CHAIN = ['--certs', at('keys/rsa-4096-cert.pem'), '--certs', at('keys/ca2cert.pem')];
const TRUST = ['--trust', at('keys/cacert.pem')];

const LOOKUPS = [
  'enveloped-x509-subjectname',
  'enveloped-x509-issuerserial',
  'enveloped-x509-ski',
  ...['sha1', 'sha224', 'sha256', 'sha384', 'sha512'].map((h) => `enveloped-x509-digest-${h}`),
  ...['224', '256', '384', '512'].map((b) => `enveloped-x509-digest-sha3_${b}`),
];

describe('X509Data lookups against --certs (xmlsec --untrusted-pem)', () => {
  it.each(LOOKUPS)('%s: valid and trusted with the certificates; no key without', async (name) => {
    const file = at(`aleksey-xmldsig-01/${name}.xml`);
    const found = await verifyCli(file, [...CHAIN, ...TRUST]);
    expect(found.valid).toBe(true);
    expect(found.trusted).toBe(true);
    expect(found.keySource).toBe('x509');
    const missing = await verifyCli(file, TRUST);
    expect(missing.valid).toBe(null);
    expect(missing.trusted).toBe(false);
    expect(missing.problems.map((p) => p.ruleId)).toContain('xmldsig/no-key');
  });
});

describe('intermediates from --certs and wrong certificates', () => {
  const missingCert = at('aleksey-xmldsig-01/enveloped-x509-missing-cert.xml');
  it('enveloped-x509-missing-cert: trusted only with the intermediate given', async () => {
    const withCa2 = await verifyCli(missingCert, ['--certs', at('keys/ca2cert.pem'), ...TRUST]);
    expect([withCa2.valid, withCa2.trusted]).toEqual([true, true]);
    const without = await verifyCli(missingCert, TRUST);
    expect([without.valid, without.trusted]).toEqual([true, false]);
    // A --certs certificate is never an anchor by itself.
    const asCerts = await verifyCli(missingCert, [
      '--certs',
      at('keys/ca2cert.pem'),
      '--certs',
      at('keys/cacert.pem'),
      '--trust',
      at('keys/rsa-4096-cert.pem'),
    ]);
    expect(asCerts.trusted).toBe(false);
  });

  const sameSubject = at('aleksey-xmldsig-01/enveloped-x509-same-subj-cert.xml');
  it('enveloped-x509-same-subj-cert: the right anchor trusts, the same-subject one does not', async () => {
    const good = await verifyCli(sameSubject, ['--trust', at('keys/same-subj-cert1.pem')]);
    expect(good.trusted).toBe(true);
    const wrong = await verifyCli(sameSubject, ['--trust', at('keys/same-subj-cert2.pem')]);
    expect(wrong.trusted).toBe(false);
    const both = await verifyCli(sameSubject, [
      '--trust',
      at('keys/same-subj-cert2.pem'),
      '--trust',
      at('keys/same-subj-cert1.pem'),
    ]);
    expect(both.trusted).toBe(true);
  });

  it('a --key certificate chains to --trust like a KeyInfo one', async () => {
    const file = at('aleksey-xmldsig-01/enveloped-x509-subjectname.xml');
    const keyed = await verifyCli(file, [
      '--key',
      at('keys/rsa-4096-cert.pem'),
      '--certs',
      at('keys/ca2cert.pem'),
      ...TRUST,
    ]);
    expect([keyed.valid, keyed.trusted, keyed.keySource]).toEqual([true, true, 'key-file']);
    const bare = await verifyCli(file, ['--key', at('keys/rsa-4096-pubkey.pem'), ...TRUST]);
    expect([bare.valid, bare.trusted]).toEqual([true, false]);
  });
});

describe('ambiguity is reported, never guessed', () => {
  // The same-subject vector, its certificate replaced by a name both test certificates carry.
  const signed = read('aleksey-xmldsig-01/enveloped-x509-same-subj-cert.xml');
  const subject =
    'CN=CommonNameOrHostname,OU=CompanySectionName,O=CompanyName,L=CityName,ST=StateName,C=XX';
  const withKeyInfo = (inner: string) =>
    signed.replace(/<KeyInfo>[\s\S]*<\/KeyInfo>/, `<KeyInfo>${inner}</KeyInfo>`);
  const verify = (xml: string, certs: string[]): SignatureVerification =>
    verifyDocument(parseXml(xml), {
      asOf: new Date('2026-06-01T00:00:00Z'),
      certificates: certs.map(certDer),
    })[0]!;

  it.each([
    ['X509SubjectName', `<X509Data><X509SubjectName>${subject}</X509SubjectName></X509Data>`],
    ['KeyName', '<KeyName>CommonNameOrHostname</KeyName>'],
  ])('%s: one matching certificate verifies, two are ambiguous', (_kind, inner) => {
    const xml = withKeyInfo(inner);
    const one = verify(xml, ['same-subj-cert1.pem']);
    expect([one.valid, one.keySource]).toEqual([true, 'x509']);
    const two = verify(xml, ['same-subj-cert1.pem', 'same-subj-cert2.pem']);
    expect(two.valid).toBe(null);
    expect(two.problems.map((p) => p.ruleId)).toContain('xmldsig/ambiguous-key');
    expect(two.certificateChain).toEqual([]);
    // The other certificate alone is found, and the signature does not verify with it.
    expect(verify(xml, ['same-subj-cert2.pem']).valid).toBe(false);
  });
});

describe('RetrievalMethod and KeyInfoReference inside the document', () => {
  const verify = (name: string) =>
    verifyDocument(parseXml(read(name)), { asOf: new Date('2026-06-01T00:00:00Z') })[0]!;

  it('RetrievalMethod to an X509Data: the certificate is used', () => {
    const v = verify('aleksey-xmldsig-01/enveloping-sha256-rsa2048-retrieval-method-x509-data.xml');
    expect([v.valid, v.keySource]).toEqual([true, 'x509']);
    expect(v.signer?.subject).toMatch(/rsa-2048/);
  });

  it('RetrievalMethod to an RSAKeyValue: a bare key, flagged as such', () => {
    const v = verify(
      'aleksey-xmldsig-01/enveloping-sha256-rsa2048-retrieval-method-rsa-key-value.xml',
    );
    expect([v.valid, v.keySource]).toEqual([true, 'key-value']);
    expect(v.problems.map((p) => p.ruleId)).toContain('xmldsig/keyvalue-only');
  });

  it('dsig11:KeyInfoReference to a KeyInfo elsewhere in the signature', () => {
    const v = verify('xmldsig11-interop-2012/signature-enveloping-keyinforeference-rsa.xml');
    expect([v.valid, v.keySource]).toEqual([true, 'key-value']);
  });

  it('a RetrievalMethod to a missing ID gives no key and no guess', () => {
    const xml = read(
      'aleksey-xmldsig-01/enveloping-sha256-rsa2048-retrieval-method-x509-data.xml',
    ).replace('URI="#mycert"', 'URI="#nothere"');
    const v = verifyDocument(parseXml(xml), { asOf: new Date('2026-06-01T00:00:00Z') })[0]!;
    expect(v.valid).not.toBe(true);
    expect(v.problems.map((p) => p.ruleId)).toContain('xmldsig/reference-unresolved');
  });
});

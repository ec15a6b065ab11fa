/**
 * EU DSS XAdES test files (test/vectors/dss-xades/README.md): the genuine ones verify as DSS's
 * tests assert, and the XSW and tampered variants — in particular the SignedProperties moved out
 * of QualifyingProperties and replaced by unsigned ones, which corridor used to accept — do not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/documents/read.js';
import { verifyParsedDocument } from '../../src/engine/verify-document.js';
import { loadPrivateKey } from '../../src/pki/keys.js';
import { pemBlocks } from '../../src/pki/pem.js';
import { signEnveloped } from '../../src/signature/sign.js';
import { runCli } from '../helpers/cli.js';
import { unsignedDeclaration } from '../helpers/documents.js';

const DIR = join(import.meta.dirname, '../vectors/dss-xades');
const asOf = new Date('2026-12-01T00:00:00Z');
const KEYS = join(import.meta.dirname, '../../fixtures/keys');

function verify(file: string) {
  const document = readDocument(file, readFileSync(join(DIR, file)));
  return verifyParsedDocument(document, { asOf });
}
const ids = (v: { problems: Array<{ ruleId: string }> } | undefined) =>
  v?.problems.map((p) => p.ruleId) ?? [];

describe('EU DSS XAdES files', () => {
  it.each([
    ['dss1770.xml', 'document'],
    ['dss-2293.xml', 'objects'],
    ['xades-with-enveloped-manifest.xml', 'objects'],
  ])('%s verifies (DSS: intact), scope %s', (file, scope) => {
    const [signature] = verify(file);
    expect(ids(signature)).toEqual([]);
    expect(signature?.valid).toBe(true);
    expect(signature?.scope?.kind).toBe(scope);
  });

  it.each([
    ['XSW-enveloped-fake-signedProperties.xml', 'xmldsig/signed-properties-not-found'],
    ['XSW-enveloping-fake-manifest.xml', 'xmldsig/signed-data-not-found'],
    ['XSW-enveloping-fake-object.xml', 'xmldsig/signed-data-not-found'],
  ])('%s is refused (DSS: SIGNED_DATA_NOT_FOUND) although its digests match', (file, ruleId) => {
    const [signature] = verify(file);
    expect(signature?.references?.every((r) => r.digestValid === true)).toBe(true);
    expect(signature?.valid).toBe(false);
    expect(ids(signature)).toContain(ruleId);
  });

  it('the base64 transform: the fake-object Reference (base64 of a ds:Object) digests as DSS computed it', () => {
    const [signature] = verify('XSW-enveloping-fake-object.xml');
    expect(signature?.references?.[0]).toMatchObject({ uri: '#o-id-1', digestValid: true });
  });

  it('a counter-signature that signs a data object instead of the SignatureValue is not valid', () => {
    const [master, counter] = verify('xades-fake-counter-signature.xml');
    expect(master?.valid).toBe(true);
    expect(counter?.valid).toBe(false);
    expect(ids(counter)).toContain('xmldsig/signed-data-not-found');
  });

  it.each([
    'dss-signed-altered-refRemoved.xml',
    'xades-tampered-reference.xml',
    'xades-tampered-manifest.xml',
  ])('%s (tampered) is invalid', (file) => {
    expect(verify(file).map((s) => s.valid)).toContain(false);
  });

  it('the signed SigningCertificateV2 must name the certificate that verified the signature', () => {
    const pem = (path: string) => readFileSync(join(KEYS, path), 'utf8');
    const der = (path: string) =>
      pemBlocks(pem(path)).find((b) => b.label === 'CERTIFICATE')?.der as Uint8Array;
    const signed = (named: Uint8Array) =>
      signEnveloped(unsignedDeclaration('847130'), {
        signatureAlgorithm: 'rsa-sha256',
        digestAlgorithm: 'sha256',
        privateKey: loadPrivateKey(pem('IN/signer-rsa2048.key.pem')),
        certificates: [der('IN/signer-rsa2048.cert.pem')],
        xadesSigningTime: { time: '2026-11-02T10:00:00Z', signingCertificate: named },
      });
    const check = (xml: string) =>
      verifyParsedDocument(readDocument('x.xml', new TextEncoder().encode(xml)), { asOf })[0];
    expect(check(signed(der('IN/signer-rsa2048.cert.pem')))?.valid).toBe(true);
    const other = check(signed(der('EU/signer-ecdsa-p-256.cert.pem')));
    expect(other?.valid).toBe(false);
    expect(ids(other)).toEqual(['xmldsig/signing-certificate-mismatch']);
  });
});

describe('detached content (--content uri=file)', () => {
  const signed = join(DIR, 'simple-test-signed-xades-baseline-b.xml');
  const verifyJson = async (...extra: string[]) => {
    const run = await runCli(['verify', signed, '--format', 'json', ...extra]);
    const out = JSON.parse(run.stdout) as {
      results: Array<{
        signatures: Array<{ valid: boolean | null; scope?: { kind: string; uris: string[] } }>;
      }>;
    };
    return { code: run.code, signature: out.results[0]?.signatures[0] };
  };

  it('verifies the DSS detached signature over the bytes the user supplies, nothing fetched', async () => {
    const given = await verifyJson('--content', `simple-test.xml=${join(DIR, 'simple-test.xml')}`);
    expect(given.signature?.valid).toBe(true);
    expect(given.signature?.scope).toMatchObject({ kind: 'detached', uris: ['simple-test.xml'] });
    expect(given.code).toBe(0);
    // Without it the reference cannot be checked; with other bytes it does not match.
    expect((await verifyJson()).signature?.valid).toBe(null);
    const other = await verifyJson('--content', `simple-test.xml=${join(DIR, 'dss-2293.xml')}`);
    expect(other.signature?.valid).toBe(false);
  });

  it('refuses a malformed --content with a usage error', async () => {
    const run = await runCli(['verify', signed, '--content', 'no-equals-sign']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--content expects <uri>=<file>');
  });
});

describe('ds:Manifest references', () => {
  it('are checked and reported one by one without changing the signature verdict (DSS2329)', () => {
    const file = 'xades-with-enveloped-manifest.xml';
    const document = readDocument(file, readFileSync(join(DIR, file)));
    const [plain] = verifyParsedDocument(document, { asOf });
    expect(plain?.valid).toBe(true);
    expect(plain?.manifests?.[0]?.references.map((r) => [r.uri, r.digestValid])).toEqual([
      ['', true],
      ['sample.png', null],
      ['sample.txt', null],
    ]);
    // Wrong bytes for a manifest reference: reported as differing, the signature stays valid.
    const content = new Map([['sample.txt', new TextEncoder().encode('not the signed text')]]);
    const [wrong] = verifyParsedDocument(document, { asOf, content });
    expect(wrong?.valid).toBe(true);
    expect(wrong?.manifests?.[0]?.references[2]?.digestValid).toBe(false);
  });
});

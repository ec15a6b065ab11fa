/**
 * Interop with xmlsec1 (the C reference implementation, Debian package xmlsec1): documents
 * signed by corridor are verified by both, and both must give the same verdict — valid as
 * signed, valid after changes canonicalization erases, invalid after any change it keeps.
 * Skipped only on a machine without xmlsec1 outside CI; CI installs it (.ci/run).
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PrivateKey, PublicKey } from '../../src/crypto/types.js';
import { parseCertificate } from '../../src/pki/certificate.js';
import { issueCertificate } from '../../src/pki/issue.js';
import { toPem } from '../../src/pki/pem.js';
import { decodePublicKey } from '../../src/pki/spki.js';
import { verifyWithinLimits } from '../../src/security/verify.js';
import { signEnveloped, type SignOptions } from '../../src/signature/sign.js';
import { parseXml } from '../../src/xml/parse.js';
import { runCli } from '../helpers/cli.js';
import { hasXmlsec1, scratchFile, xmlsec1Verify } from '../helpers/xmlsec1.js';

const run = hasXmlsec1() || Boolean(process.env.CI);
const asOf = new Date('2026-06-01T00:00:00Z');

interface Signer {
  name: string;
  signatureAlgorithm: string;
  digestAlgorithm: string;
  privateKey: PrivateKey;
  publicKey: PublicKey;
  /** The public key as a PEM file for `xmlsec1 --pubkey-pem`. */
  pemFile: string;
}

function signer(
  name: string,
  signatureAlgorithm: string,
  digestAlgorithm: string,
  pair: { privateKey: KeyObject; publicKey: KeyObject },
  family: 'rsa' | 'ecdsa',
): Signer {
  const pem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return {
    name,
    signatureAlgorithm,
    digestAlgorithm,
    privateKey: { family, keyObject: pair.privateKey },
    publicKey: decodePublicKey(
      new Uint8Array(pair.publicKey.export({ type: 'spki', format: 'der' })),
    ),
    pemFile: run ? scratchFile(`${name}.pem`, pem) : '',
  };
}

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const SIGNERS: Signer[] = [
  signer('rsa-sha256', 'rsa-sha256', 'sha256', rsa, 'rsa'),
  signer('rsa-sha512', 'rsa-sha512', 'sha512', rsa, 'rsa'),
  signer('ecdsa-p256-sha256', 'ecdsa-sha256', 'sha256', p256, 'ecdsa'),
  signer('ecdsa-p384-sha384', 'ecdsa-sha384', 'sha384', p384, 'ecdsa'),
];
const C14N = ['c14n10', 'c14n10-comments', 'c14n11', 'exc-c14n', 'exc-c14n-comments'];

/** A declaration with what C14N rewrites: namespaces, attribute order and quoting, entities. */
const DOCUMENT = `<?xml version="1.0" encoding="UTF-8"?>
<!-- issued by the test -->
<c:Declaration xmlns:c="urn:corridor:test" xmlns:unused="urn:unused" Id="D1">
  <c:Header version="1" lang='en'><c:Number>D-2026-1</c:Number></c:Header>
  <!-- goods -->
  <c:Item n="1" code="8471.30"><c:Description>Computers &amp; parts &#x20AC; 1&lt;2</c:Description></c:Item>
  <c:Empty/>
</c:Declaration>
`;

function sign(who: Signer, canonicalization: string, extra: Partial<SignOptions> = {}): string {
  return signEnveloped(DOCUMENT, {
    signatureAlgorithm: who.signatureAlgorithm,
    digestAlgorithm: who.digestAlgorithm,
    canonicalization,
    privateKey: who.privateKey,
    ...extra,
  });
}

function corridorVerdict(xml: string, key: PublicKey): boolean | null {
  const results = verifyWithinLimits(parseXml(xml), { asOf, keys: [key] });
  expect(results).toHaveLength(1);
  return results[0]!.valid;
}

/** Both verdicts, asserted equal to each other and to the expected one. */
function expectBoth(xml: string, who: Signer, expected: boolean, key = who.publicKey): void {
  const theirs = xmlsec1Verify(xml, ['--pubkey-pem', who.pemFile]);
  const ours = corridorVerdict(xml, key);
  expect({ corridor: ours, xmlsec1: theirs.valid }, theirs.output).toEqual({
    corridor: expected,
    xmlsec1: expected,
  });
}

/** Changes that leave the canonical form as it was: both verifiers must still accept. */
const ERASED: Array<[string, (xml: string) => string]> = [
  [
    'attribute quotes and order',
    (x) => x.replace(`version="1" lang='en'`, `lang="en" version='1'`),
  ],
  ['whitespace inside tags', (x) => x.replace('<c:Item n="1" code', '<c:Item  n="1"\n  code')],
  ['a character reference for a plain character', (x) => x.replace('D-2026-1', 'D-2026-&#x31;')],
  ['an empty-element tag written as a pair', (x) => x.replace('<c:Empty/>', '<c:Empty></c:Empty>')],
  // URI="" selects the document without comments, whatever the C14N variant says.
  ['a comment inside the root changed', (x) => x.replace('<!-- goods -->', '<!-- freight -->')],
];

/** Changes the signature must catch. */
const KEPT: Array<[string, (xml: string) => string]> = [
  ['element text', (x) => x.replace('Computers &amp;', 'Printers &amp;')],
  ['an attribute value', (x) => x.replace('code="8471.30"', 'code="8471.31"')],
  ['an escaped character', (x) => x.replace('1&lt;2', '1&gt;2')],
  ['whitespace in content', (x) => x.replace('<c:Empty/>', '<c:Empty/> ')],
  ['an element added', (x) => x.replace('<c:Empty/>', '<c:Empty/><c:Extra/>')],
  [
    'the SignatureValue',
    (x) =>
      x.replace(
        /<ds:SignatureValue>(.)/,
        (_, c: string) => `<ds:SignatureValue>${c === 'A' ? 'B' : 'A'}`,
      ),
  ],
  [
    'the DigestValue',
    (x) =>
      x.replace(
        /<ds:DigestValue>(.)/,
        (_, c: string) => `<ds:DigestValue>${c === 'A' ? 'B' : 'A'}`,
      ),
  ],
];

function changed(xml: string, change: (xml: string) => string): string {
  const result = change(xml);
  expect(result, 'the change applies').not.toBe(xml);
  return result;
}

describe.skipIf(!run)('xmlsec1 interop (XMLDSig verdicts)', () => {
  for (const who of SIGNERS) {
    describe(who.name, () => {
      it.each(C14N)('%s: both verify the signed document', (c14n) => {
        expectBoth(sign(who, c14n), who, true);
      });

      it.each(C14N)('%s: both still verify after changes C14N erases', (c14n) => {
        const signed = sign(who, c14n);
        for (const [, change] of ERASED) expectBoth(changed(signed, change), who, true);
      });

      it.each(C14N)('%s: both refuse every change the signature covers', (c14n) => {
        const signed = sign(who, c14n);
        for (const [, change] of KEPT) expectBoth(changed(signed, change), who, false);
      });
    });
  }

  it('both refuse a signature checked with another key of the same kind', () => {
    const [signedBy, other] = [SIGNERS[2]!, SIGNERS[0]!];
    const otherP256 = signer(
      'other-p256',
      'ecdsa-sha256',
      'sha256',
      generateKeyPairSync('ec', { namedCurve: 'P-256' }),
      'ecdsa',
    );
    const signed = sign(signedBy, 'exc-c14n');
    expectBoth(signed, otherP256, false);
    expect(corridorVerdict(signed, other.publicKey)).toBe(false);
  });

  it('Reference URI="#D1" naming the root by its Id (xmlsec1 told the Id attribute)', () => {
    const who = SIGNERS[0]!;
    const signed = sign(who, 'exc-c14n', { referenceUri: '#D1' });
    const idAttr = ['--id-attr:Id', 'urn:corridor:test:Declaration', '--pubkey-pem', who.pemFile];
    expect(xmlsec1Verify(signed, idAttr).valid).toBe(true);
    expect(corridorVerdict(signed, who.publicKey)).toBe(true);
    const tampered = changed(signed, (x) => x.replace('D-2026-1', 'D-2026-2'));
    expect(xmlsec1Verify(tampered, idAttr).valid).toBe(false);
    expect(corridorVerdict(tampered, who.publicKey)).toBe(false);
  });

  it('a KeyInfo certificate issued by corridor chains to the CA for both (CLI and xmlsec1 --trusted-pem)', async () => {
    const [ca, leaf] = [SIGNERS[0]!, SIGNERS[2]!];
    const caDer = issueCertificate({
      subject: 'CN=corridor interop CA,C=EU',
      issuerKey: ca.privateKey,
      subjectPublicKey: new Uint8Array(rsa.publicKey.export({ type: 'spki', format: 'der' })),
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2030-12-31T23:59:59Z'),
      isCA: true,
      serial: 1n,
    });
    const leafDer = issueCertificate({
      subject: 'CN=corridor interop signer,C=EU',
      issuerCert: parseCertificate(caDer),
      issuerKey: ca.privateKey,
      subjectPublicKey: new Uint8Array(p256.publicKey.export({ type: 'spki', format: 'der' })),
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2030-12-31T23:59:59Z'),
      isCA: false,
      serial: 2n,
    });
    const caPem = scratchFile('ca.pem', toPem('CERTIFICATE', caDer));
    const signed = sign(leaf, 'c14n11', { certificates: [leafDer] });
    const tampered = changed(signed, (x) => x.replace('D-2026-1', 'D-2026-9'));
    const xmlsecArgs = ['--trusted-pem', caPem, '--verification-gmt-time', '2026-06-01 00:00:00'];
    const cli = async (xml: string) =>
      (
        await runCli([
          'verify',
          '--trust',
          caPem,
          '--as-of',
          '2026-06-01',
          scratchFile('doc.xml', xml),
        ])
      ).code;

    expect(xmlsec1Verify(signed, xmlsecArgs).valid).toBe(true);
    expect(await cli(signed)).toBe(0);
    expect(xmlsec1Verify(tampered, xmlsecArgs).valid).toBe(false);
    expect(await cli(tampered)).toBe(1);
    // Outside the certificate's validity both refuse the chain.
    const late = ['--trusted-pem', caPem, '--verification-gmt-time', '2031-06-01 00:00:00'];
    expect(xmlsec1Verify(signed, late).valid).toBe(false);
    const lateCli = await runCli([
      'verify',
      '--trust',
      caPem,
      '--as-of',
      '2031-06-01',
      scratchFile('doc.xml', signed),
    ]);
    expect(lateCli.code).toBe(1);
  });
});

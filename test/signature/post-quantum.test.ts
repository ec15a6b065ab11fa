// ML-DSA (FIPS 204) and SLH-DSA (FIPS 205): xmlsec's own testDSig.sh documents (signed by
// xmlsec with OpenSSL 3.5, never by corridor) verify as xmlsec expects, with and without the
// context string; signatures made by @noble/post-quantum verify; any changed byte fails. SLH-DSA
// cases are the 128-bit sets only, the fastest to verify (npm test stays lean).
import { readFileSync } from 'node:fs';
import { slh_dsa_sha2_128f } from '@noble/post-quantum/slh-dsa.js';
import { describe, expect, it } from 'vitest';
import { allAlgorithms, algorithmById } from '../../src/algorithms/registry.js';
import { schemeFor } from '../../src/crypto/schemes/index.js';
import type { PrivateKey, PublicKey } from '../../src/crypto/types.js';
import { buildChain } from '../../src/pki/chain.js';
import { parseCertificate } from '../../src/pki/certificate.js';
import { issueCertificate } from '../../src/pki/issue.js';
import { loadPrivateKey, spkiOfPrivateKey } from '../../src/pki/keys.js';
import { pemBlocks } from '../../src/pki/pem.js';
import { decodePublicKey, publicKeyFromPem } from '../../src/pki/spki.js';
import { verifyWithinLimits } from '../../src/security/verify.js';
import { signEnveloped } from '../../src/signature/sign.js';
import type { SignatureVerification } from '../../src/signature/types.js';
import { parseXml } from '../../src/xml/parse.js';

const VECTORS = new URL('../vectors/xmlsec/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, VECTORS), 'utf8');
const asOf = new Date('2026-06-01T00:00:00Z');
const certDer = (name: string) => pemBlocks(read(name))[0]!.der;

function verify(xml: string, key: PublicKey): SignatureVerification {
  const results = verifyWithinLimits(parseXml(xml), { asOf, keys: [key] });
  expect(results).toHaveLength(1);
  return results[0]!;
}

/** The same document with one base64 character of an element's value changed. */
function changeValue(xml: string, element: string): string {
  const pattern = new RegExp(`(<(?:\\w+:)?${element}[^>]*>\\s*)(.)`);
  expect(pattern.test(xml)).toBe(true);
  return xml.replace(pattern, (_m, open: string, a: string) => `${open}${a === 'A' ? 'B' : 'A'}`);
}

const XMLSEC_CASES: Array<[document: string, certificate: string, family: string]> = [
  ['mldsa44', 'ml-dsa/ml-dsa-44', 'ML-DSA-44'],
  ['mldsa65', 'ml-dsa/ml-dsa-65', 'ML-DSA-65'],
  ['mldsa87', 'ml-dsa/ml-dsa-87', 'ML-DSA-87'],
  ['slhdsa-sha2-128s', 'slh-dsa/slh-dsa-sha2-128s', 'SLH-DSA-SHA2-128s'],
];

describe('xmlsec testDSig.sh post-quantum cases', () => {
  it.each(
    XMLSEC_CASES.flatMap(([doc, cert, name]) => [
      [`${doc}`, cert, name],
      [`${doc}-with-context-string`, cert, name],
    ]),
  )('enveloped-sha512-%s verifies with the certificate xmlsec is given', (doc, cert, name) => {
    const xml = read(`aleksey-xmldsig-01/enveloped-sha512-${doc}.xml`);
    const key = publicKeyFromPem(read(`keys/${cert}-cert.pem`));
    expect(key.curve?.name).toBe(name);
    const v = verify(xml, key);
    expect(v.problems.map((p) => p.ruleId)).toEqual([]);
    expect(v.valid).toBe(true);
    expect(verify(changeValue(xml, 'SignatureValue'), key).valid).toBe(false);
    expect(verify(xml.replace('Hello, World!', 'Hello, World?'), key).valid).toBe(false);
  });

  it('a changed or missing context string fails: the context is part of the signed message', () => {
    const xml = read('aleksey-xmldsig-01/enveloped-sha512-mldsa65-with-context-string.xml');
    const key = publicKeyFromPem(read('keys/ml-dsa/ml-dsa-65-cert.pem'));
    const changed = verify(changeValue(xml, 'mldsa:MLDSAContextString'), key);
    expect(changed.valid).toBe(false);
    expect(changed.problems.map((p) => p.ruleId)).toContain('xmldsig/signature-mismatch');
    const without = xml.replace(/<mldsa:MLDSAContextString>[^<]*<\/mldsa:MLDSAContextString>/, '');
    expect(verify(without, key).valid).toBe(false);
  });

  it('SLH-DSA-SHA2-128f: a 17 088-octet SignatureValue passes its own raised limit', () => {
    const xml = read(
      'aleksey-xmldsig-01/enveloped-sha512-slhdsa-sha2-128f-with-context-string.xml',
    );
    const key = publicKeyFromPem(read('keys/slh-dsa/slh-dsa-sha2-128f-cert.pem'));
    expect(verify(xml, key).valid).toBe(true);
  });

  it('the ML-DSA certificates chain to xmlsec’s CA (RSA-signed) and name their parameter set', () => {
    const leaf = parseCertificate(certDer('keys/ml-dsa/ml-dsa-87-cert.pem'));
    expect(leaf.publicKey).toMatchObject({ family: 'ml-dsa', bits: 256 });
    const chain = buildChain(
      leaf,
      [parseCertificate(certDer('keys/ca2cert.pem'))],
      [parseCertificate(certDer('keys/cacert.pem'))],
      asOf,
    );
    expect(chain.problems).toEqual([]);
    expect(chain.trusted).toBe(true);
  });

  it('xmlsec’s PKCS#8 keys (ML-DSA seed+expanded, SLH-DSA raw) give the certificates’ keys', () => {
    for (const [key, cert] of [
      ['keys/ml-dsa/ml-dsa-44-key.der', 'keys/ml-dsa/ml-dsa-44-cert.pem'],
      ['keys/slh-dsa/slh-dsa-sha2-128f-key.der', 'keys/slh-dsa/slh-dsa-sha2-128f-cert.pem'],
    ] as const) {
      const privateKey = loadPrivateKey(new Uint8Array(readFileSync(new URL(key, VECTORS))));
      expect(Buffer.from(spkiOfPrivateKey(privateKey))).toEqual(
        Buffer.from(publicKeyFromPem(read(cert)).spki),
      );
    }
  });
});

/** A deterministic key of a parameter set, generated by @noble/post-quantum through the codec. */
function keyPair(algorithmId: string): { privateKey: PrivateKey; publicKey: PublicKey } {
  const scheme = schemeFor(algorithmId)!;
  const entry = algorithmById(algorithmId)!;
  // PKCS#8 of the seed (ML-DSA, RFC 9881 [0]) or of SK (SLH-DSA, RFC 9909; 128f only here).
  const oid = entry.oids[0]!;
  const oidDer = Buffer.from(
    // 2.16.840.1.101.3.4.3.N
    [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, Number(oid.split('.').at(-1))],
  );
  const octets = algorithmId.startsWith('ml-dsa')
    ? Buffer.concat([Buffer.from([0x80, 32]), Buffer.alloc(32, 7)])
    : Buffer.from(slh_dsa_sha2_128f.keygen(new Uint8Array(48).fill(7)).secretKey);
  const inner = Buffer.concat([Buffer.from([0x04, octets.length]), octets]);
  const algorithm = Buffer.concat([Buffer.from([0x30, oidDer.length]), oidDer]);
  const body = Buffer.concat([Buffer.from([0x02, 0x01, 0x00]), algorithm, inner]);
  const pkcs8 = Buffer.concat([Buffer.from([0x30, body.length]), body]);
  const privateKey = scheme.keyCodec!.decodePkcs8(
    new Uint8Array(pkcs8),
    new Uint8Array(octets),
    undefined,
  );
  return { privateKey, publicKey: decodePublicKey(spkiOfPrivateKey(privateKey)) };
}

const DOCUMENT = '<Declaration xmlns="urn:test"><Goods>tractor parts</Goods></Declaration>';

describe('signatures made by @noble/post-quantum', () => {
  it.each(['ml-dsa-44', 'ml-dsa-65', 'ml-dsa-87', 'slh-dsa-sha2-128f'])(
    '%s: verifies, with and without a context; a changed byte fails',
    (algorithmId) => {
      const { privateKey, publicKey } = keyPair(algorithmId);
      const context = new TextEncoder().encode('corridor test context');
      // SLH-DSA signing is slow: its one case carries a context.
      const variants = algorithmId.startsWith('slh') ? [{ context }] : [{}, { context }];
      for (const options of variants) {
        const xml = signEnveloped(DOCUMENT, {
          signatureAlgorithm: algorithmId,
          digestAlgorithm: 'sha256',
          privateKey,
          ...options,
        });
        const v = verify(xml, publicKey);
        expect(v.problems).toEqual([]);
        expect(v.valid).toBe(true);
        expect(verify(changeValue(xml, 'ds:SignatureValue'), publicKey).valid).toBe(false);
        expect(verify(xml.replace('tractor', 'Tractor'), publicKey).valid).toBe(false);
      }
    },
  );

  it('a key of another parameter set does not verify', () => {
    const signer = keyPair('ml-dsa-44');
    const other = keyPair('ml-dsa-65');
    const xml = signEnveloped(DOCUMENT, {
      signatureAlgorithm: 'ml-dsa-44',
      digestAlgorithm: 'sha256',
      privateKey: signer.privateKey,
    });
    expect(verify(xml, other.publicKey).valid).toBe(false);
  });

  it('certificates signed with ML-DSA chain and verify (X.509 signatures)', () => {
    const ca = keyPair('ml-dsa-65');
    const leaf = keyPair('ml-dsa-44');
    const common = { notBefore: new Date('2026-01-01'), notAfter: new Date('2027-01-01') };
    const caCert = parseCertificate(
      issueCertificate({
        ...common,
        subject: 'CN=PQ Root,C=XX',
        issuerKey: ca.privateKey,
        subjectPublicKey: ca.publicKey.spki,
        isCA: true,
        serial: 1n,
      }),
    );
    expect(caCert.signatureAlgorithmId).toBe('ml-dsa-65');
    const leafCert = parseCertificate(
      issueCertificate({
        ...common,
        subject: 'CN=PQ Signer,C=XX',
        issuerCert: caCert,
        issuerKey: ca.privateKey,
        subjectPublicKey: leaf.publicKey.spki,
        isCA: false,
        serial: 2n,
      }),
    );
    expect(buildChain(leafCert, [], [caCert], asOf).trusted).toBe(true);
    const forged = parseCertificate(
      issueCertificate({
        ...common,
        subject: 'CN=PQ Signer,C=XX',
        issuerCert: caCert,
        issuerKey: leaf.privateKey, // not the CA's key
        subjectPublicKey: leaf.publicKey.spki,
        isCA: false,
        serial: 3n,
      }),
    );
    expect(buildChain(forged, [], [caCert], asOf).trusted).toBe(false);
  });
});

describe('post-quantum SignatureMethod parameters and limits', () => {
  const xml = read('aleksey-xmldsig-01/enveloped-sha512-mldsa44-with-context-string.xml');
  const key = publicKeyFromPem(read('keys/ml-dsa/ml-dsa-44-cert.pem'));

  it('a foreign element in the SignatureMethod is refused, as xmlsec does', () => {
    const foreign = xml.replace(
      '<mldsa:MLDSAContextString>',
      '<mldsa:Other/><mldsa:MLDSAContextString>',
    );
    const v = verify(foreign, key);
    expect(v.valid).toBe(false);
    expect(v.problems.map((p) => p.ruleId)).toContain('xmldsig/unexpected-element');
  });

  it('a context string over 255 octets or not base64 is refused', () => {
    const long = Buffer.alloc(256, 1).toString('base64');
    const tooLong = xml.replace(/(<mldsa:MLDSAContextString>)[^<]*/, `$1${long}`);
    expect(verify(tooLong, key).problems.map((p) => p.ruleId)).toContain(
      'xmldsig/unexpected-element',
    );
    const junk = xml.replace(/(<mldsa:MLDSAContextString>)[^<]*/, '$1not*base64');
    const v = verify(junk, key);
    expect(v.valid).toBe(false);
    expect(v.problems.map((p) => p.ruleId)).toContain('xmldsig/bad-base64');
  });

  it('the SignatureValue limit is raised for the post-quantum method only', () => {
    const big = read('aleksey-xmldsig-01/enveloped-sha512-slhdsa-sha2-128s.xml');
    const slh = publicKeyFromPem(read('keys/slh-dsa/slh-dsa-sha2-128s-cert.pem'));
    expect(verify(big, slh).valid).toBe(true);
    // The same 10 KB value under an RSA method stays above the default limit of 8 KiB.
    const asRsa = big.replace(
      /<SignatureMethod Algorithm="[^"]*"/,
      '<SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"',
    );
    const v = verifyWithinLimits(parseXml(asRsa), { asOf, keys: [slh] })[0]!;
    expect(v.valid).toBe(false);
    expect(v.problems.map((p) => p.ruleId)).toContain('security/limit');
  });

  it('the registry lists every parameter set as verifiable, with its exact signature size', () => {
    const pq = allAlgorithms('signature').filter((a) => /^(ml|slh)-dsa/.test(a.id));
    expect(pq.map((a) => a.id)).toEqual([
      'ml-dsa-44',
      'ml-dsa-65',
      'ml-dsa-87',
      'slh-dsa-sha2-128s',
      'slh-dsa-sha2-128f',
      'slh-dsa-sha2-192s',
      'slh-dsa-sha2-192f',
      'slh-dsa-sha2-256s',
      'slh-dsa-sha2-256f',
    ]);
    for (const entry of pq) {
      expect(entry.verifiable).toBe(true);
      expect(entry.uris[0]).toBe(`http://www.aleksey.com/xmlsec/2025/12/xmldsig-more#${entry.id}`);
    }
    const { privateKey } = keyPair('ml-dsa-87');
    const signature = schemeFor('ml-dsa-87')!.sign(
      'ml-dsa-87',
      privateKey,
      new Uint8Array(3),
      'xmldsig',
    );
    expect(signature.length).toBe(algorithmById('ml-dsa-87')!.maxSignatureBytes);
  });
});

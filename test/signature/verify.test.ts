import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PublicKey } from '../../src/crypto/types.js';
import { publicKeyFromPem } from '../../src/pki/spki.js';
import { verifyDocument } from '../../src/signature/verify.js';
import type { SignatureVerification } from '../../src/signature/types.js';
import { parseXml } from '../../src/xml/parse.js';
import { nodeKeyPair } from './keys.js';
import { signEnveloped } from '../../src/signature/sign.js';

const VECTORS = new URL('../vectors/xmlsec/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, VECTORS), 'utf8');
const asOf = new Date('2026-06-01T00:00:00Z');
const DS = 'http://www.w3.org/2000/09/xmldsig#';

const ecKey = publicKeyFromPem(read('keys/ec-prime256v1-pubkey.pem'));
const rsaKey = publicKeyFromPem(read('keys/rsa-4096-pubkey.pem'));

function verifyText(xml: string, keys?: PublicKey[]): SignatureVerification {
  const results = verifyDocument(parseXml(xml), { asOf, keys });
  expect(results).toHaveLength(1);
  return results[0] as SignatureVerification;
}

const ruleIds = (v: SignatureVerification) => v.problems.map((p) => p.ruleId);

/** The vectors, each with the key its README names (undefined: the KeyInfo certificate). */
const VECTOR_CASES: Array<[string, PublicKey | undefined]> = [
  ['enveloped-sha256-ecdsa-sha256.xml', ecKey],
  ['enveloped-sha256-rsa-pss-sha256.xml', rsaKey],
  ['enveloped-sha1-rsa-sha1.xml', rsaKey],
  ['enveloped-gost2012-256.xml', undefined],
];

describe('verifyDocument on the xmlsec vectors', () => {
  for (const [name, key] of VECTOR_CASES) {
    it(`${name} verifies with the key its README names`, () => {
      const v = verifyText(read(name), key && [key]);
      expect(v.problems).toEqual([]);
      expect(v.valid).toBe(true);
      expect(v.keySource).toBe(key ? 'key-file' : 'x509');
      expect(v.references).toEqual([
        { uri: '', signedPath: '/Envelope', digestValid: true, scope: 'document' },
      ]);
      expect(v.scope).toEqual({ kind: 'document', paths: ['/Envelope'], uris: [] });
    });

    it(`${name} is invalid after a one-character change inside <Data>`, () => {
      const tampered = read(name).replace('Hello, World!', 'Hello, World?');
      const v = verifyText(tampered, key && [key]);
      expect(v.valid).toBe(false);
      expect(ruleIds(v)).toEqual(['xmldsig/digest-mismatch']);
    });
  }

  it('reports SHA-1 as the RSA-SHA1 vector’s digest', () => {
    const v = verifyText(read('enveloped-sha1-rsa-sha1.xml'), [rsaKey]);
    expect(v.digestMethods).toEqual([`${DS}sha1`]);
    expect(v.signatureMethod).toBe(`${DS}rsa-sha1`);
  });

  it('reports the GOST signer: gost2012-256, 256 bits, CryptoPro-A, leaf-first chain', () => {
    const v = verifyText(read('enveloped-gost2012-256.xml'));
    expect(v.signer).toMatchObject({
      keyAlgorithm: 'gost2012-256',
      keyBits: 256,
      curveOid: '1.2.643.2.2.35.1',
    });
    expect(v.signer?.curve).toMatch(/CryptoPro-A/);
    expect(v.signer?.subject).toMatch(/CN=Test Key gost-2012-256/);
    expect(v.certificateChain).toHaveLength(3);
  });

  it('is invalid with the wrong key', () => {
    const v = verifyText(read('enveloped-sha256-ecdsa-sha256.xml'), [
      nodeKeyPair('ecdsa').publicKey,
    ]);
    expect(v.valid).toBe(false);
    expect(ruleIds(v)).toEqual(['xmldsig/signature-mismatch']);
    // A key of another family is never tried on the method.
    const rsa = verifyText(read('enveloped-sha256-ecdsa-sha256.xml'), [rsaKey]);
    expect(rsa.valid).toBe(false);
  });

  it('is invalid when SignedInfo is changed while the references still match', () => {
    // Whitespace inside SignedInfo is signed content too.
    const tampered = read('enveloped-sha256-ecdsa-sha256.xml').replace(
      '<SignedInfo>',
      '<SignedInfo> ',
    );
    const v = verifyText(tampered, [ecKey]);
    expect(v.references?.[0]?.digestValid).toBe(true);
    expect(v.valid).toBe(false);
    expect(ruleIds(v)).toEqual(['xmldsig/signature-mismatch']);
  });

  it('says so when there is no key at all', () => {
    const v = verifyText(read('enveloped-sha256-ecdsa-sha256.xml'));
    expect(v.valid).toBeNull();
    expect(v.keySource).toBe('none');
    expect(ruleIds(v)).toEqual(['xmldsig/no-key']);
  });
});

describe('verifyDocument refuses attacks and what it cannot check', () => {
  const ecdsa = read('enveloped-sha256-ecdsa-sha256.xml');
  const signedInfo = /<SignedInfo>[\s\S]*<\/SignedInfo>/.exec(ecdsa)?.[0] ?? '';

  it('refuses a second SignedInfo even when the first one verifies (CVE-2025-29774)', () => {
    const evil = signedInfo.replace(/<DigestValue>[^<]*/, '<DigestValue>AAAA');
    for (const xml of [
      ecdsa.replace(signedInfo, signedInfo + evil),
      ecdsa.replace(signedInfo, evil + signedInfo),
    ]) {
      const v = verifyText(xml, [ecKey]);
      expect(v.valid).toBe(false);
      expect(ruleIds(v)).toContain('xmldsig/multiple-signedinfo');
    }
  });

  it('refuses a comment inside DigestValue even when the text around it is right (CVE-2025-29775)', () => {
    const xml = ecdsa.replace(/<DigestValue>(.{8})/, '<DigestValue>$1<!-- hidden -->');
    const v = verifyText(xml, [ecKey]);
    expect(v.valid).toBe(false);
    expect(ruleIds(v)).toContain('xmldsig/non-text-in-value');
  });

  it('refuses HMAC signature methods', () => {
    const xml = ecdsa.replace(
      'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256',
      'http://www.w3.org/2001/04/xmldsig-more#hmac-sha256',
    );
    const v = verifyText(xml, [ecKey]);
    expect(v.valid).toBe(false);
    expect(ruleIds(v)).toContain('xmldsig/hmac-refused');
  });

  it('never calls an unknown algorithm valid', () => {
    const xml = ecdsa.replace('http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256', 'urn:x:sig');
    const v = verifyText(xml, [ecKey]);
    expect(v.valid).toBeNull();
    expect(ruleIds(v)).toContain('xmldsig/unknown-algorithm');
    const digest = verifyText(
      ecdsa.replace('http://www.w3.org/2001/04/xmlenc#sha256', 'urn:x:digest'),
      [ecKey],
    );
    expect(digest.valid).not.toBe(true);
    expect(ruleIds(digest)).toContain('xmldsig/unknown-algorithm');
  });

  it('recognises bign with bash256 but says it cannot verify it here', () => {
    const xml = ecdsa.replace(
      'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256',
      'http://www.w3.org/2009/xmldsig11#bign-with-bash256',
    );
    const v = verifyText(xml, [ecKey]);
    expect(v.valid).toBeNull();
    const problem = v.problems.find((p) => p.ruleId === 'xmldsig/not-verifiable-here');
    expect(problem?.message).toMatch(/recognised, not verifiable here/);
  });

  it('recognises a digest it cannot compute and never calls the reference valid', () => {
    // (Changing the DigestMethod also changes SignedInfo, so the signature value fails too.)
    const xml = ecdsa.replace(
      'http://www.w3.org/2001/04/xmlenc#sha256',
      'urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34112015-256',
    );
    const v = verifyText(xml, [ecKey]);
    expect(v.valid).not.toBe(true);
    expect(v.references?.[0]?.digestValid).toBeNull();
    expect(ruleIds(v)).toContain('xmldsig/not-verifiable-here');
  });

  it('reports an unsupported XPath or other transform and is never valid', () => {
    const otherXpath = ecdsa.replace(
      'not(ancestor-or-self::dsig:Signature)',
      'not(ancestor::dsig:Signature',
    );
    const xslt = ecdsa.replace(
      'http://www.w3.org/TR/1999/REC-xpath-19991116',
      'http://www.w3.org/TR/1999/REC-xslt-19991116',
    );
    for (const xml of [otherXpath, xslt]) {
      const v = verifyText(xml, [ecKey]);
      expect(v.valid).not.toBe(true);
      expect(ruleIds(v)).toContain('xmldsig/unsupported-transform');
    }
  });

  it('never fetches an external reference', () => {
    const xml = ecdsa.replace('<Reference URI="">', '<Reference URI="http://127.0.0.1:9/x">');
    const v = verifyText(xml, [ecKey]);
    expect(v.valid).not.toBe(true);
    expect(ruleIds(v)).toContain('xmldsig/external-reference');
  });
});

describe('verifyDocument on corridor-signed documents', () => {
  const rsa = nodeKeyPair('rsa');
  const unsigned = '<doc xmlns="urn:test"><item Id="a">one</item><item>two</item></doc>';

  it('refuses a reference to an ID two elements carry (wrapping)', () => {
    const signed = signEnveloped(unsigned, {
      signatureAlgorithm: 'rsa-sha256',
      digestAlgorithm: 'sha256',
      privateKey: rsa.privateKey,
      referenceUri: '#a',
    });
    expect(verifyText(signed, [rsa.publicKey]).valid).toBe(true);
    const wrapped = signed.replace('<item>two</item>', '<item Id="a">evil</item>');
    const v = verifyText(wrapped, [rsa.publicKey]);
    expect(v.valid).toBe(false);
    expect(ruleIds(v)).toContain('xmldsig/duplicate-id');
    const missing = verifyText(signed.replace('Id="a"', 'Id="b"'), [rsa.publicKey]);
    expect(missing.valid).toBe(false);
    expect(ruleIds(missing)).toContain('xmldsig/reference-unresolved');
  });

  it('reports the scope of a signature over an element rather than the root, without invalidating it', () => {
    const signed = signEnveloped(unsigned, {
      signatureAlgorithm: 'rsa-sha256',
      digestAlgorithm: 'sha256',
      privateKey: rsa.privateKey,
      referenceUri: '#a',
    });
    const v = verifyText(signed, [rsa.publicKey]);
    expect(v.valid).toBe(true);
    expect(ruleIds(v)).toEqual([]);
    expect(v.scope).toEqual({ kind: 'elements', paths: ['/doc/item[1]'], uris: [] });
    expect(v.references?.[0]).toMatchObject({ signedPath: '/doc/item[1]', scope: 'element' });
    const whole = signEnveloped(unsigned, {
      signatureAlgorithm: 'rsa-sha256',
      digestAlgorithm: 'sha256',
      privateKey: rsa.privateKey,
    });
    const wholeResult = verifyText(whole, [rsa.publicKey]);
    expect(ruleIds(wholeResult)).toEqual([]);
    expect(wholeResult.scope?.kind).toBe('document');
  });

  it('uses a KeyValue key only with a warning, and the certificate-less key is no identity', () => {
    const signed = signEnveloped(unsigned, {
      signatureAlgorithm: 'rsa-sha256',
      digestAlgorithm: 'sha256',
      privateKey: rsa.privateKey,
    });
    const jwk =
      rsa.publicKey.family === 'rsa' ? rsa.publicKey.keyObject.export({ format: 'jwk' }) : {};
    const b64 = (s: unknown) => Buffer.from(String(s), 'base64url').toString('base64');
    const keyInfo = `<ds:KeyInfo><ds:KeyValue><ds:RSAKeyValue><ds:Modulus>${b64(jwk.n)}</ds:Modulus><ds:Exponent>${b64(jwk.e)}</ds:Exponent></ds:RSAKeyValue></ds:KeyValue></ds:KeyInfo>`;
    const v = verifyText(signed.replace('</ds:Signature>', `${keyInfo}</ds:Signature>`));
    expect(v.valid).toBe(true);
    expect(v.keySource).toBe('key-value');
    expect(ruleIds(v)).toEqual(['xmldsig/keyvalue-only']);
    expect(v.certificateChain).toEqual([]);
  });
});

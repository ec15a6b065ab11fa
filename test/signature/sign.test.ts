import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { describe, expect, it } from 'vitest';
import { algorithmById } from '../../src/algorithms/registry.js';
import { schemeFor } from '../../src/crypto/schemes/index.js';
import { signEnveloped, type SignOptions } from '../../src/signature/sign.js';
import { verifyDocument } from '../../src/signature/verify.js';
import type { SignatureVerification } from '../../src/signature/types.js';
import { parseXml } from '../../src/xml/parse.js';
import { gostKeyPair, nodeKeyPair, sm2KeyPair, type TestKeyPair } from './keys.js';

const asOf = new Date('2026-06-01T00:00:00Z');
const UNSIGNED =
  '<?xml version="1.0" encoding="UTF-8"?>\n<!-- before -->\n' +
  '<d:Declaration xmlns:d="urn:test:declaration" xmlns:x="urn:test:unused" Id="root">\n' +
  '  <d:Goods  code="8471"  >Laptops &amp; tablets</d:Goods>\n' +
  '  <d:Note><![CDATA[a<b]]></d:Note>\n' +
  '  <d:Empty/>\n' +
  '</d:Declaration>\n<!-- after -->\n';

function verify(xml: string, pair: TestKeyPair): SignatureVerification {
  const [v, ...rest] = verifyDocument(parseXml(xml), { asOf, keys: [pair.publicKey] });
  expect(rest).toHaveLength(0);
  return v as SignatureVerification;
}

/** Every signature family this build can sign, with a key generator. */
const FAMILIES: Array<[string, string, () => TestKeyPair]> = [
  ['rsa-sha256', 'sha256', () => nodeKeyPair('rsa')],
  ['rsa-sha512', 'sha512', () => nodeKeyPair('rsa')],
  ['rsa-pss-sha256', 'sha256', () => nodeKeyPair('rsa')],
  ['ecdsa-sha256', 'sha256', () => nodeKeyPair('ecdsa', 'P-256')],
  ['ecdsa-sha384', 'sha384', () => nodeKeyPair('ecdsa', 'P-384')],
  ['ed25519', 'sha256', () => nodeKeyPair('eddsa')],
  ['sm2-sm3', 'sm3', () => sm2KeyPair()],
  ['gost2012-256', 'streebog256', () => gostKeyPair('gost2012-256')],
  ['gost2012-512', 'streebog512', () => gostKeyPair('gost2012-512')],
  ['gost2001', 'gostr3411-94', () => gostKeyPair('gost2001')],
];

describe('signEnveloped round-trips with verifyDocument', () => {
  for (const [signatureAlgorithm, digestAlgorithm, makeKey] of FAMILIES) {
    it(`${signatureAlgorithm} / ${digestAlgorithm}`, () => {
      expect(schemeFor(signatureAlgorithm)).toBeDefined();
      const pair = makeKey();
      const signed = signEnveloped(UNSIGNED, {
        signatureAlgorithm,
        digestAlgorithm,
        privateKey: pair.privateKey,
        keyName: 'test-key',
      });
      const v = verify(signed, pair);
      expect(v.problems).toEqual([]);
      expect(v.valid).toBe(true);
      expect(v.signatureMethod).toBe(algorithmById(signatureAlgorithm)?.uris[0]);
      expect(v.digestMethods).toEqual([algorithmById(digestAlgorithm)?.uris[0]]);
      expect(v.signer?.keyAlgorithm).toBe(pair.publicKey.family);
      // The signed content is covered: changing it breaks the signature.
      expect(verify(signed.replace('Laptops', 'Laptopz'), pair).valid).toBe(false);
      // And only the signature was inserted: the source text is otherwise kept.
      expect(signed.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '')).toBe(UNSIGNED);
    });
  }

  for (const canonicalization of ['c14n10', 'c14n11', 'exc-c14n', 'exc-c14n-comments']) {
    it(`canonicalization ${canonicalization}`, () => {
      const pair = nodeKeyPair('ecdsa');
      const signed = signEnveloped(UNSIGNED, {
        signatureAlgorithm: 'ecdsa-sha256',
        digestAlgorithm: 'sha256',
        canonicalization,
        privateKey: pair.privateKey,
      });
      const v = verify(signed, pair);
      expect(v.valid).toBe(true);
      expect(v.canonicalization).toBe(algorithmById(canonicalization)?.uris[0]);
    });
  }

  it('signs a self-closing root and an #id reference', () => {
    const pair = nodeKeyPair('eddsa');
    const empty = signEnveloped('<r xmlns="urn:r"/>', {
      signatureAlgorithm: 'ed25519',
      digestAlgorithm: 'sha256',
      privateKey: pair.privateKey,
    });
    expect(empty.startsWith('<r xmlns="urn:r"><ds:Signature')).toBe(true);
    expect(verify(empty, pair).valid).toBe(true);
    const byId = signEnveloped(UNSIGNED, {
      signatureAlgorithm: 'ed25519',
      digestAlgorithm: 'sha256',
      privateKey: pair.privateKey,
      referenceUri: '#root',
    });
    expect(verify(byId, pair).valid).toBe(true);
  });

  it('places the signature in a named empty element; enveloped only when inside what it signs', () => {
    const pair = nodeKeyPair('eddsa');
    const message =
      '<m:Message xmlns:m="urn:m"><m:Data Id="data"><m:V>1</m:V><m:Slot/></m:Data><m:Sig></m:Sig></m:Message>';
    const sign = (localName: string, transforms?: string[]) =>
      signEnveloped(message, {
        signatureAlgorithm: 'ed25519',
        digestAlgorithm: 'sha256',
        privateKey: pair.privateKey,
        referenceUri: '#data',
        container: { namespaceURI: 'urn:m', localName },
        ...(transforms ? { transforms } : {}),
      });
    const beside = sign('Sig', ['exc-c14n', 'smev-transform']);
    expect(beside).toContain('<m:Sig><ds:Signature');
    expect(beside).not.toContain('enveloped-signature');
    expect(beside).toContain('urn://smev-gov-ru/xmldsig/transform');
    expect(verify(beside, pair).valid).toBe(true);
    expect(verify(beside.replace('<m:V>1', '<m:V>2'), pair).valid).toBe(false);
    const inside = sign('Slot');
    expect(inside).toContain('<m:Slot><ds:Signature');
    expect(inside).toContain('enveloped-signature');
    expect(verify(inside, pair).valid).toBe(true);
    expect(() => sign('V')).toThrow(/must be empty/);
    expect(() => sign('Nowhere')).toThrow(/no \{urn:m\}Nowhere element/);
  });

  it('emits an alias SignatureMethod URI when asked (negative fixtures)', () => {
    const pair = nodeKeyPair('rsa');
    const options: SignOptions = {
      signatureAlgorithm: 'rsa-sha256',
      digestAlgorithm: 'sha256',
      privateKey: pair.privateKey,
      signatureAlgorithmUri: 'urn:example:not-a-method',
    };
    const v = verify(signEnveloped(UNSIGNED, options), pair);
    expect(v.signatureMethod).toBe('urn:example:not-a-method');
    expect(v.valid).toBeNull();
  });

  it('refuses unknown algorithms and keys of the wrong family', () => {
    const pair = nodeKeyPair('rsa');
    const base = { digestAlgorithm: 'sha256', privateKey: pair.privateKey };
    expect(() => signEnveloped(UNSIGNED, { ...base, signatureAlgorithm: 'nope' })).toThrow();
    expect(() => signEnveloped(UNSIGNED, { ...base, signatureAlgorithm: 'hmac-sha256' })).toThrow();
    expect(() =>
      signEnveloped(UNSIGNED, { ...base, signatureAlgorithm: 'ecdsa-sha256' }),
    ).toThrow();
    expect(() =>
      signEnveloped(UNSIGNED, { ...base, signatureAlgorithm: 'rsa-sha256', referenceUri: '#zz' }),
    ).toThrow(/cannot sign #zz/);
  });
});

describe('independent verifier', () => {
  it('xml-crypto verifies a corridor-signed RSA-SHA256 document with exclusive C14N', () => {
    const pair = nodeKeyPair('rsa');
    const signed = signEnveloped(UNSIGNED, {
      signatureAlgorithm: 'rsa-sha256',
      digestAlgorithm: 'sha256',
      canonicalization: 'exc-c14n',
      privateKey: pair.privateKey,
    });
    const publicPem =
      pair.publicKey.family === 'rsa'
        ? pair.publicKey.keyObject.export({ type: 'spki', format: 'pem' }).toString()
        : '';
    const check = (xml: string): boolean => {
      const dom = new DOMParser().parseFromString(xml, 'text/xml');
      const signature = dom.getElementsByTagNameNS(
        'http://www.w3.org/2000/09/xmldsig#',
        'Signature',
      )[0];
      const sx = new SignedXml({ publicCert: publicPem });
      sx.loadSignature(signature as unknown as Parameters<SignedXml['loadSignature']>[0]);
      try {
        return sx.checkSignature(xml);
      } catch {
        return false;
      }
    };
    expect(check(signed)).toBe(true);
    expect(check(signed.replace('Laptops', 'Laptopz'))).toBe(false);
  });

  it('corridor verifies documents signed by xml-crypto (#id reference, exclusive C14N with a PrefixList)', () => {
    const pair = nodeKeyPair('rsa');
    const privatePem =
      pair.privateKey.family === 'rsa'
        ? pair.privateKey.keyObject.export({ type: 'pkcs8', format: 'pem' }).toString()
        : '';
    const xml =
      '<p:Doc xmlns:p="urn:p" xmlns:q="urn:q"><p:Part Id="part1"><p:V>1</p:V></p:Part><p:Part>2</p:Part></p:Doc>';
    const sx = new SignedXml({
      privateKey: privatePem,
      signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
    });
    sx.addReference({
      xpath: "//*[@Id='part1']",
      transforms: ['http://www.w3.org/2001/10/xml-exc-c14n#'],
      digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
      inclusiveNamespacesPrefixList: ['q'],
    });
    sx.computeSignature(xml);
    const signed = sx.getSignedXml();
    expect(signed).toContain('PrefixList="q"');
    const v = verify(signed, pair);
    expect(v.valid).toBe(true);
    expect(v.references?.[0]?.signedPath).toBe('/p:Doc/p:Part[1]');
    // It signs a part, not the root: its scope says so (check flags unsigned fields it reads).
    expect(v.problems.map((p) => p.ruleId)).toEqual([]);
    expect(v.scope).toEqual({ kind: 'elements', paths: ['/p:Doc/p:Part[1]'], uris: [] });
    expect(verify(signed.replace('<p:V>1<', '<p:V>9<'), pair).valid).toBe(false);
    // The unsigned part may change: the verdict stays, the scope is what protects readers.
    expect(verify(signed.replace('>2</p:Part>', '>3</p:Part>'), pair).valid).toBe(true);
  });
});

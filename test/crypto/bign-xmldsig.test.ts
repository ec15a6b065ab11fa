import { describe, expect, it } from 'vitest';
import { beltHash } from '../../src/crypto/belt/hash.js';
import { bignCurveParams } from '../../src/crypto/bign/curves.js';
import {
  bignSpkiOfPrivateKey,
  encodeBignSpki,
  generateBignPrivateKey,
} from '../../src/crypto/bign/keys.js';
import { bignSignHash } from '../../src/crypto/bign/signature.js';
import { leToBigInt } from '../../src/crypto/gost/signature.js';
import type { PublicKey } from '../../src/crypto/types.js';
import { parseCertificate } from '../../src/pki/certificate.js';
import { issueCertificate } from '../../src/pki/issue.js';
import { decodePublicKey } from '../../src/pki/spki.js';
import { signEnveloped } from '../../src/signature/sign.js';
import type { SignatureVerification } from '../../src/signature/types.js';
import { verifyDocument } from '../../src/signature/verify.js';
import { canonicalize } from '../../src/xml/c14n.js';
import type { XmlElement } from '../../src/xml/dom.js';
import { parseXml } from '../../src/xml/parse.js';

/**
 * XMLDSig with bign as published by its implementers (no W3C or IETF vector exists). The
 * document is the example bee2j's Bee2XMLDsigTest attributes to STB 34.101.50 Appendix E:
 * an enveloped signature over <doc><body>text</body></doc>, inclusive C14N, bign-with-hbelt
 * and belt-hash256 under the xmldsig11 namespace, the key of STB 34.101.45 G.1 in a
 * BignKeyValue. The values below are those of its later form (a Hyperledger Fabric sample
 * built on bee2j and the JDK's XMLDSig implementation, XmlDsig.java), which an independent
 * C14N + belt-hash reproduces; bee2j's older test copy carries DigestValue
 * wHOrxc+1QSksYc3KhxzTlJ59/LS7S2EU89yQSUVQmGQ=, which matches no canonical form of the
 * document (its SignatureValue does verify over its own SignedInfo).
 */
const signedExample = (digestValue: string, signatureValue: string) =>
  '<?xml version="1.0" encoding="UTF-8"?>' +
  '<doc><body>text</body>' +
  '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">' +
  '<SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>' +
  '<SignatureMethod Algorithm="http://www.w3.org/2009/xmldsig11#bign-with-hbelt"/>' +
  '<Reference URI=""><Transforms>' +
  '<Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></Transforms>' +
  '<DigestMethod Algorithm="http://www.w3.org/2009/xmldsig11#belt-hash256"/>' +
  `<DigestValue>${digestValue}</DigestValue></Reference></SignedInfo>` +
  `<SignatureValue>${signatureValue}</SignatureValue>` +
  '<KeyInfo><KeyValue><BignKeyValue xmlns="http://www.w3.org/2009/xmldsig11#">' +
  '<DomainParameters><NamedCurve URN="http://www.w3.org/2009/xmldsig11#bign-curve256v1"/></DomainParameters>' +
  '<PublicKey>vRpWUBedeeA/zuSdTCvV3fVM5G0M8R5P+Hv3qJCFf9B6xqYDYejIFzSRaG1GGygmGQwu2lkJBUqa&#13;\n' +
  'uE0qudmakA==</PublicKey>' +
  '</BignKeyValue></KeyValue></KeyInfo></Signature></doc>';

const DIGEST_VALUE = 'It6biT6uZrxUf15Nu1y2SjUKh1I/cjdVi3Z0vRe/bwo=';
const SIGNATURE_VALUE = 'Y7/H9mlTbn1uMUxBjVqunNQ/E4LUR0OJRBFasLDlYwE+N7QhXqADMecaUc3J9lkU';
const APPENDIX_E = signedExample(DIGEST_VALUE, SIGNATURE_VALUE);

const CURVE = bignCurveParams('1.2.112.0.2.0.34.101.45.3.1')!;
// STB 34.101.45 G.1: the private key whose public key the example carries
const D = leToBigInt(
  Buffer.from('1F66B5B84B7339674533F0329C74F21834281FED0732429E0C79235FC273E269', 'hex'),
);
const PUBLIC_KEY: PublicKey = decodePublicKey(
  encodeBignSpki(
    CURVE,
    Uint8Array.from(
      Buffer.from(
        'BD1A5650179D79E03FCEE49D4C2BD5DDF54CE46D0CF11E4FF87BF7A890857FD0' +
          '7AC6A60361E8C8173491686D461B2826190C2EDA5909054A9AB84D2AB9D99A90',
        'hex',
      ),
    ),
  ),
);
const asOf = new Date('2026-06-01T00:00:00Z');

function verify(xml: string, keys?: PublicKey[]): SignatureVerification {
  const results = verifyDocument(parseXml(xml), { asOf, ...(keys ? { keys } : {}) });
  expect(results).toHaveLength(1);
  return results[0]!;
}

const ruleIds = (v: SignatureVerification) => v.problems.map((p) => p.ruleId);

function child(element: XmlElement, name: string): XmlElement {
  const found = element.children.find(
    (c): c is XmlElement => c.kind === 'element' && c.localName === name,
  );
  if (!found) throw new Error(`no ${name}`);
  return found;
}

describe('the published XMLDSig-with-bign example (STB 34.101.50 Appendix E, via bee2j)', () => {
  it('verifies with the standard key (G.1)', () => {
    const v = verify(APPENDIX_E, [PUBLIC_KEY]);
    expect(v.problems).toEqual([]);
    expect(v.valid).toBe(true);
    expect(v.signatureMethod).toBe('http://www.w3.org/2009/xmldsig11#bign-with-hbelt');
    expect(v.references?.[0]?.digestValid).toBe(true);
  });

  it('verifies with the key of its own BignKeyValue (x‖y little-endian, base64 with a CR LF)', () => {
    const v = verify(APPENDIX_E);
    expect(v.keySource).toBe('key-value');
    expect(v.valid).toBe(true);
    expect(v.signer).toMatchObject({ keyAlgorithm: 'bign', keyBits: 256 });
    const otherCurve = verify(APPENDIX_E.replace('#bign-curve256v1', '#bign-curve999v1'));
    expect(otherCurve.valid).not.toBe(true);
  });

  it('DigestValue is belt-hash of the canonical document, byte for byte', () => {
    const doc = parseXml('<doc><body>text</body></doc>');
    const canonical = canonicalize(doc, { method: 'c14n10', withComments: false });
    expect(Buffer.from(beltHash(canonical)).toString('base64')).toBe(DIGEST_VALUE);
  });

  it('SignatureValue is S0‖S1 over the canonical SignedInfo: re-signing with its one-time key reproduces it', () => {
    const doc = parseXml(APPENDIX_E);
    const signedInfo = child(child(doc.root, 'Signature'), 'SignedInfo');
    const hash = beltHash(canonicalize(signedInfo, { method: 'c14n10', withComments: false }));
    const sig = Buffer.from(SIGNATURE_VALUE, 'base64');
    expect(sig).toHaveLength(48);
    // k = (S0 + 2^128)·d + S1 + H mod q (the example was made with a random k)
    const s0 = leToBigInt(sig.subarray(0, 16));
    const s1 = leToBigInt(sig.subarray(16));
    const k = ((s0 + (1n << 128n)) * D + s1 + leToBigInt(hash)) % CURVE.q;
    expect(Buffer.from(bignSignHash(CURVE, D, hash, { k })).toString('base64')).toBe(
      sig.toString('base64'),
    );
  });

  it('tampered content or signature value fails', () => {
    const text = verify(APPENDIX_E.replace('<body>text</body>', '<body>texT</body>'), [PUBLIC_KEY]);
    expect(text.valid).toBe(false);
    expect(text.references?.[0]?.digestValid).toBe(false);
    const value = verify(APPENDIX_E.replace('Y7/H9mlT', 'Y7/H9mlU'), [PUBLIC_KEY]);
    expect(value.valid).toBe(false);
    expect(value.references?.[0]?.digestValid).toBe(true);
  });

  it("bee2j's older copy: its DigestValue is reported as a mismatch, never accepted", () => {
    const older = signedExample(
      'wHOrxc+1QSksYc3KhxzTlJ59/LS7S2EU89yQSUVQmGQ=',
      'DUgVu7mUG8BbTXwlDmQ9c25uePVLL942JOnovjws1QpY++vPRA5Qw/9kgwfxHgsu',
    );
    const v = verify(older, [PUBLIC_KEY]);
    expect(v.valid).toBe(false);
    expect(ruleIds(v)).toEqual(['xmldsig/digest-mismatch']);
  });
});

describe('XMLDSig sign → verify → tamper with a bign key and certificate', () => {
  const key = generateBignPrivateKey(CURVE.oid);
  const privateKey = { family: 'bign' as const, curve: key.curve, d: key.d };
  const cert = issueCertificate({
    subject: 'CN=bign XMLDSig test,C=BY',
    issuerKey: privateKey,
    subjectPublicKey: bignSpkiOfPrivateKey(key),
    notBefore: new Date('2026-01-01T00:00:00Z'),
    notAfter: new Date('2027-01-01T00:00:00Z'),
    isCA: false,
    serial: 7n,
  });
  const signed = signEnveloped('<Declaration><Item n="1">tea</Item></Declaration>', {
    signatureAlgorithm: 'bign-hbelt',
    digestAlgorithm: 'belt-hash256',
    canonicalization: 'c14n10',
    privateKey,
    certificates: [cert],
  });

  it('writes the standard URIs and a 48-octet SignatureValue', () => {
    expect(signed).toContain('http://www.w3.org/2009/xmldsig11#bign-with-hbelt');
    expect(signed).toContain('http://www.w3.org/2009/xmldsig11#belt-hash256');
    const value = /<ds:SignatureValue>([^<]*)</.exec(signed)?.[1] ?? '';
    expect(Buffer.from(value.replace(/\s/g, ''), 'base64')).toHaveLength(48);
  });

  it('verifies with the key of its KeyInfo certificate', () => {
    const v = verify(signed);
    expect(v.problems).toEqual([]);
    expect(v.valid).toBe(true);
    expect(v.keySource).toBe('x509');
    expect(v.signer).toMatchObject({ keyAlgorithm: 'bign', keyBits: 256 });
    expect(parseCertificate(v.certificateChain[0]!).publicKey.family).toBe('bign');
  });

  it('fails when the content changes, and with another bign key', () => {
    expect(verify(signed.replace('>tea<', '>tee<')).valid).toBe(false);
    const other = decodePublicKey(bignSpkiOfPrivateKey(generateBignPrivateKey(CURVE.oid)));
    expect(verify(signed, [other]).valid).toBe(false);
  });
});

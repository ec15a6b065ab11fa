import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/parse.js';
import { readSignatures } from '../../src/signature/read.js';

const VECTORS = new URL('../vectors/xmlsec/', import.meta.url);
const vector = (name: string) => readFileSync(new URL(name, VECTORS), 'utf8');
const DS = 'http://www.w3.org/2000/09/xmldsig#';

/** A minimal enveloped signature; `signedInfo` and `value` are spliced in verbatim. */
function doc(options: { signedInfo?: string; value?: string; keyInfo?: string; root?: string }) {
  const signedInfo =
    options.signedInfo ??
    `<ds:SignedInfo>
      <ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
      <ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>
      <ds:Reference URI="">
        <ds:Transforms><ds:Transform Algorithm="${DS}enveloped-signature"/></ds:Transforms>
        <ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
        <ds:DigestValue>AAAA</ds:DigestValue>
      </ds:Reference>
    </ds:SignedInfo>`;
  return parseXml(
    `<${options.root ?? 'a'} xmlns:ds="${DS}"><b Id="x">1</b><ds:Signature>${signedInfo}` +
      `<ds:SignatureValue>${options.value ?? 'AAAA'}</ds:SignatureValue>${options.keyInfo ?? ''}` +
      `</ds:Signature></${options.root ?? 'a'}>`,
  );
}

const ruleIds = (xml: ReturnType<typeof parseXml>) =>
  readSignatures(xml).flatMap((s) => s.problems.map((p) => p.ruleId));

describe('readSignatures on the xmlsec vectors', () => {
  it('reads the GOST vector: methods, transforms, XPath, key names and three certificates', () => {
    const [info, ...rest] = readSignatures(parseXml(vector('enveloped-gost2012-256.xml')));
    expect(rest).toHaveLength(0);
    expect(info?.signatureMethod).toBe(
      'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102012-gostr34112012-256',
    );
    expect(info?.canonicalizationMethod).toBe('http://www.w3.org/TR/2001/REC-xml-c14n-20010315');
    expect(info?.placement).toBe('enveloped');
    expect(info?.path).toBe('/Envelope/Signature');
    expect(info?.signedPaths).toEqual(['/Envelope']);
    expect(info?.references).toHaveLength(1);
    const reference = info?.references[0];
    expect(reference?.uri).toBe('');
    expect(reference?.digestMethod).toBe(
      'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34112012-256',
    );
    expect(reference?.transforms).toEqual([
      `${DS}enveloped-signature`,
      'http://www.w3.org/TR/1999/REC-xpath-19991116',
    ]);
    expect(reference?.xpathExpressions).toEqual(['not(ancestor-or-self::dsig:Signature)']);
    expect(reference?.digestValue).toHaveLength(32);
    expect(info?.signatureValue).toHaveLength(64);
    expect(info?.keyInfo.keyNames).toEqual(['TestKeyName-gost-2012-256']);
    expect(info?.keyInfo.certificates).toHaveLength(3);
    expect(info?.keyInfo.certificates[0]?.[0]).toBe(0x30); // DER SEQUENCE
    expect(info?.problems).toEqual([]);
  });

  it('reads the SHA-1 digest and RSA-SHA1 method as written', () => {
    const [info] = readSignatures(parseXml(vector('enveloped-sha1-rsa-sha1.xml')));
    expect(info?.signatureMethod).toBe(`${DS}rsa-sha1`);
    expect(info?.references[0]?.digestMethod).toBe(`${DS}sha1`);
    expect(info?.references[0]?.digestValue).toHaveLength(20);
    expect(info?.signatureValue).toHaveLength(512);
  });

  it('returns no signatures for an unsigned document and ignores Signature in other namespaces', () => {
    expect(readSignatures(parseXml('<a><Signature/></a>'))).toEqual([]);
    expect(readSignatures(parseXml('<a xmlns:x="urn:other"><x:Signature/></a>'))).toEqual([]);
  });
});

describe('readSignatures structural problems', () => {
  it('accepts the minimal well-formed signature without problems', () => {
    expect(ruleIds(doc({}))).toEqual([]);
  });

  it('flags a second SignedInfo (CVE-2025-29774)', () => {
    const signedInfo = doc({}).source.match(/<ds:SignedInfo>[\s\S]*<\/ds:SignedInfo>/)?.[0] ?? '';
    expect(ruleIds(doc({ signedInfo: signedInfo + signedInfo }))).toContain(
      'xmldsig/multiple-signedinfo',
    );
  });

  it('flags a comment inside DigestValue and SignatureValue (CVE-2025-29775)', () => {
    const signedInfo = doc({}).source.match(/<ds:SignedInfo>[\s\S]*<\/ds:SignedInfo>/)?.[0] ?? '';
    const commented = signedInfo.replace(
      'AAAA</ds:DigestValue>',
      'AA<!-- x -->AA</ds:DigestValue>',
    );
    expect(ruleIds(doc({ signedInfo: commented }))).toEqual(['xmldsig/non-text-in-value']);
    const [info] = readSignatures(doc({ signedInfo: commented }));
    expect(info?.references[0]?.digestValue).toBeUndefined();
    expect(ruleIds(doc({ value: 'AA<?pi x?>AA' }))).toEqual(['xmldsig/non-text-in-value']);
  });

  it('flags a comment inside X509Certificate', () => {
    const keyInfo = `<ds:KeyInfo><ds:X509Data><ds:X509Certificate>MII<!--x-->A</ds:X509Certificate></ds:X509Data></ds:KeyInfo>`;
    expect(ruleIds(doc({ keyInfo }))).toEqual(['xmldsig/non-text-in-value']);
  });

  it('flags malformed base64', () => {
    expect(ruleIds(doc({ value: 'AA*A' }))).toEqual(['xmldsig/bad-base64']);
    expect(ruleIds(doc({ value: 'AAA' }))).toEqual(['xmldsig/bad-base64']);
  });

  it('flags missing required elements', () => {
    expect(ruleIds(doc({ signedInfo: '' }))).toEqual(['xmldsig/missing-element']);
    expect(
      ruleIds(
        doc({
          signedInfo: `<ds:SignedInfo><ds:SignatureMethod Algorithm="x"/></ds:SignedInfo>`,
        }),
      ),
    ).toEqual(['xmldsig/missing-element', 'xmldsig/missing-element']);
  });

  it('summarises KeyInfo without trusting it', () => {
    const keyInfo = `<ds:KeyInfo><ds:KeyName> k1 </ds:KeyName><ds:KeyValue/><ds:RetrievalMethod URI="http://x"/><ds:X509Data><ds:X509IssuerSerial/></ds:X509Data></ds:KeyInfo>`;
    const [info] = readSignatures(doc({ keyInfo }));
    expect(info?.keyInfo).toEqual({
      keyNames: ['k1'],
      certificates: [],
      hasKeyValue: true,
      hasRetrievalMethod: true,
      other: ['X509IssuerSerial'],
    });
  });

  it('classifies placement: enveloping (Object inside) and detached (sibling)', () => {
    const reference = (uri: string) =>
      `<ds:SignedInfo><ds:CanonicalizationMethod Algorithm="c"/><ds:SignatureMethod Algorithm="s"/>` +
      `<ds:Reference URI="${uri}"><ds:DigestMethod Algorithm="d"/><ds:DigestValue>AAAA</ds:DigestValue></ds:Reference></ds:SignedInfo>`;
    const enveloping = parseXml(
      `<ds:Signature xmlns:ds="${DS}">${reference('#o')}<ds:SignatureValue/><ds:Object Id="o">x</ds:Object></ds:Signature>`,
    );
    expect(readSignatures(enveloping)[0]?.placement).toBe('enveloping');
    const [detached] = readSignatures(doc({ signedInfo: reference('#x') }));
    expect(detached?.placement).toBe('detached');
    expect(detached?.signedPaths).toEqual(['/a/b']);
  });
});

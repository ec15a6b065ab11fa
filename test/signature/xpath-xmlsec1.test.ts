// XPath-filtered signatures made by xmlsec1 (an independent implementation) over a customs
// declaration: corridor and xmlsec1 agree on every verdict, a filtered signature's scope is
// only what it keeps (never "document"), and check reports the fields it leaves out as
// signature/unsigned-content.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyDocument } from '../../src/signature/verify.js';
import { parseXml } from '../../src/xml/parse.js';
import { runCli } from '../helpers/cli.js';
import { unsignedDeclaration } from '../helpers/documents.js';
import { hasXmlsec1, selfSignedRsa, xmlsec1Verify } from '../helpers/xmlsec1.js';

const DS = 'http://www.w3.org/2000/09/xmldsig#';
const CD = 'urn:corridor:customs-declaration:1';

function signatureTemplate(transforms: string): string {
  return `<ds:Signature xmlns:ds="${DS}"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><ds:Reference URI=""><ds:Transforms>${transforms}</ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data><ds:X509Certificate/></ds:X509Data></ds:KeyInfo></ds:Signature>`;
}

const FILTERS = {
  'XPath Filter 2.0 intersect': `<ds:Transform Algorithm="http://www.w3.org/2002/06/xmldsig-filter2"><XPath xmlns="http://www.w3.org/2002/06/xmldsig-filter2" xmlns:c="${CD}" Filter="intersect">//c:GoodsItem</XPath></ds:Transform>`,
  'XPath Filter 2.0 subtract': `<ds:Transform Algorithm="http://www.w3.org/2002/06/xmldsig-filter2"><XPath xmlns="http://www.w3.org/2002/06/xmldsig-filter2" xmlns:c="${CD}" Filter="subtract">//c:DeclarationNumber | //ds:Signature</XPath></ds:Transform>`,
  'XPath 1.0': `<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116"><ds:XPath xmlns:c="${CD}">ancestor-or-self::c:GoodsItem</ds:XPath></ds:Transform>`,
} as const;

describe.runIf(hasXmlsec1() || Boolean(process.env.CI))('XPath filters signed by xmlsec1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-xpath-xmlsec1-'));
  const { key, cert } = selfSignedRsa('/CN=XPath Test Signer/C=DE');
  const sign = (name: string, transforms: string): string => {
    const template = join(dir, `${name}.tmpl.xml`);
    writeFileSync(
      template,
      unsignedDeclaration('0101210000').replace(
        '</CustomsDeclaration>',
        `${signatureTemplate(transforms)}</CustomsDeclaration>`,
      ),
    );
    const out = join(dir, `${name}.xml`);
    const run = spawnSync(
      'xmlsec1',
      ['sign', '--privkey-pem', `${key},${cert}`, '--output', out, template],
      { encoding: 'utf8' },
    );
    if (run.status !== 0) throw new Error(`xmlsec1 sign: ${run.stderr}`);
    return readFileSync(out, 'utf8');
  };
  const corridor = (xml: string) => verifyDocument(parseXml(xml), { asOf: new Date() })[0];
  const xmlsec = (xml: string) => xmlsec1Verify(xml, ['--pubkey-cert-pem', cert]).valid;

  it.each(Object.entries(FILTERS))(
    '%s: both verify; both fail on a change to kept content; a change outside it is covered by neither',
    (name, transforms) => {
      const signed = sign(name.replace(/\W+/g, '-'), transforms);
      expect(xmlsec(signed)).toBe(true);
      const verification = corridor(signed);
      expect(verification?.valid).toBe(true);
      // Only the goods item is signed: the scope says so, not "document".
      expect(verification?.scope?.kind).toBe('elements');
      const paths = verification?.scope?.paths ?? [];
      expect(paths).toContain('/CustomsDeclaration/GoodsItem');
      expect(paths).not.toContain('/CustomsDeclaration/DeclarationNumber');

      const kept = signed.replace('0101210000', '0101210001');
      expect(xmlsec(kept)).toBe(false);
      expect(corridor(kept)?.valid).toBe(false);

      const left = signed.replace('<DeclarationNumber>D-1<', '<DeclarationNumber>D-2<');
      expect(xmlsec(left)).toBe(true);
      expect(corridor(left)?.valid).toBe(true);
    },
  );

  it('check reports the fields a filter leaves unsigned (signature/unsigned-content)', async () => {
    const file = join(dir, 'check.xml');
    writeFileSync(file, sign('check', FILTERS['XPath Filter 2.0 intersect']));
    const run = await runCli(['check', file, '--to', 'DE', '--format', 'json']);
    const unsigned: string[] = [];
    JSON.parse(run.stdout, (_key, value: unknown) => {
      const v = value as { ruleId?: unknown; message?: unknown } | null;
      if (v && v.ruleId === 'signature/unsigned-content' && typeof v.message === 'string')
        unsigned.push(v.message);
      return value;
    });
    expect(unsigned.join('\n')).toMatch(/DeclarationNumber/);
    expect(unsigned.join('\n')).not.toMatch(/CommodityCode/);
  });
});

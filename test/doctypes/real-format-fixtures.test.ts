import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDocument, type ReadOptions } from '../../src/documents/read.js';
import { loadXsdEngine } from '../../src/doctypes/xsd.js';
import { toPem } from '../../src/pki/pem.js';
import { signedCoverage } from '../../src/rules/signed-coverage.js';
import { dsigChild } from '../../src/signature/dsig-elements.js';
import { readSignatures, signatureElementOf } from '../../src/signature/read.js';
import { resolveReference } from '../../src/signature/resolve.js';
import { verifyDocument } from '../../src/signature/verify.js';
import { canonicalize } from '../../src/xml/c14n.js';
import { parseXml } from '../../src/xml/parse.js';
import { opensslGost, runOpenssl, skipWithoutGostEngine, tempDir } from '../helpers/openssl.js';

/** The shipped corpus's declarations in real formats (`corridor fixtures generate`). */
const fixture = (path: string) =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/documents/${path}`, import.meta.url)));
let options: ReadOptions;
beforeAll(async () => {
  options = { xsd: await loadXsdEngine() };
});

describe('sample corpus in real formats', () => {
  it.each([
    ['CN/ceb311.xml', 'cn-ceb311', 'http://www.chinaport.gov.cn/2022/04/xmldsig#sm2-sm3'],
    ['EU/dec-dms.xml', 'wco-dec-dms-2', 'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1'],
  ])(
    '%s is read as %s, valid against its shipped XSD, and signed over the business document',
    (file, id, method) => {
      const doc = readDocument(file, fixture(file), options);
      expect(doc.problems).toEqual([]);
      expect(doc.documentFormat?.id).toBe(id);
      expect(doc.schemaProblems).toEqual([]);
      expect(doc.signatures[0]?.signatureMethod).toBe(method);
      const verified = verifyDocument(doc.xml!, { asOf: new Date('2026-12-01T00:00:00Z') });
      expect(verified[0]?.valid).toBe(true);
      expect(signedCoverage(doc, verified).coveredBy).toEqual([0]);
    },
  );

  it.each([
    [
      'RU/esadout-cu.xml',
      'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102012-gostr34112012-256',
    ],
    ['KZ/esadout-cu.xml', 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256'],
  ])('%s is an ESADout_CU 5.23.0 with DocumentModeID, signed whole-document', (file, method) => {
    const doc = readDocument(file, fixture(file), options);
    expect(doc.documentFormat).toMatchObject({ id: 'ru-fts-esadout-cu', version: '5.23.0' });
    expect(doc.signatures[0]?.signatureMethod).toBe(method);
    expect(doc.signatures[0]?.placement).toBe('enveloped');
    expect((doc.model.native as Record<string, unknown>)['@DocumentModeID']).toBe('1006107E');
  });
});

/**
 * The SMEV 3-style RU fixture: the same ESADout_CU inside a SendRequestRequest, signed the way
 * the real SMEV 3 requests in test/vectors/smev3 are (signature in
 * CallerInformationSystemSignature, Reference by Id to SenderProvidedRequestData, exclusive
 * C14N then the SMEV transform), and checked beyond corridor by OpenSSL's GOST engine.
 */
describe('RU ESADout_CU in an SMEV 3 message', () => {
  const FILE = 'RU/esadout-cu-smev3.xml';
  const text = () => fixture(FILE).toString('utf8');
  const verifyText = (xml: string) =>
    verifyDocument(parseXml(xml), { asOf: new Date('2026-12-01T00:00:00Z') });

  it('is read as the RU ESADout_CU through SOAP and SMEV 3, to the same model', () => {
    const doc = readDocument(FILE, fixture(FILE), options);
    const plain = readDocument('RU/esadout-cu.xml', fixture('RU/esadout-cu.xml'), options);
    expect(doc.problems).toEqual([]);
    expect(doc.documentFormat).toMatchObject({
      id: 'ru-fts-esadout-cu',
      version: '5.23.0',
      envelopes: [{ id: 'soap11-envelope' }, { id: 'ru-smev3-message' }],
    });
    expect(doc.model).toEqual(plain.model);
  });

  it('lays its signature out as a real SMEV 3 request does', () => {
    const real = readFileSync(
      fileURLToPath(
        new URL('../vectors/smev3/send-request-request-1.1-rosreestr.xml', import.meta.url),
      ),
    );
    const layout = (bytes: Uint8Array) => {
      const xml = parseXml(bytes);
      const [info] = readSignatures(xml);
      const element = info && signatureElementOf(xml, info);
      const [reference] = info?.references ?? [];
      const signed = resolveReference(xml, reference?.uri ?? null);
      return {
        container: `{${element?.parent?.namespaceURI}}${element?.parent?.localName}`,
        signed: signed.kind === 'element' ? signed.element.localName : signed.kind,
        placement: info?.placement,
        canonicalization: info?.canonicalizationMethod,
        signatureMethod: info?.signatureMethod,
        transforms: reference?.transforms,
        digestMethod: reference?.digestMethod,
      };
    };
    expect(layout(fixture(FILE))).toEqual(layout(real));
    expect(layout(fixture(FILE))).toMatchObject({
      container:
        '{urn://x-artefacts-smev-gov-ru/services/message-exchange/types/1.1}CallerInformationSystemSignature',
      signed: 'SenderProvidedRequestData',
      placement: 'detached',
      transforms: [
        'http://www.w3.org/2001/10/xml-exc-c14n#',
        'urn://smev-gov-ru/xmldsig/transform',
      ],
    });
  });

  it('verifies over SenderProvidedRequestData; the SMEV transform was applied; a changed INN fails', () => {
    const [valid] = verifyText(text());
    expect(valid?.problems).toEqual([]);
    expect(valid?.valid).toBe(true);
    expect(valid?.scope?.paths).toEqual([
      '/soap:Envelope/soap:Body/ns:SendRequestRequest/ns:SenderProvidedRequestData',
    ]);
    // The SMEV transform drops whitespace-only text and renames prefixes: re-indenting the
    // payload and renaming a prefix keep the digest (exclusive C14N alone would not).
    const reformatted = text()
      .replace(/\n {2,}</g, '\n<')
      .replace(/(<\/?)cat_ru:/g, '$1cr:')
      .replace(/xmlns:cat_ru=/, 'xmlns:cr=');
    expect(reformatted).not.toBe(text());
    expect(verifyText(reformatted)[0]?.valid).toBe(true);
    const changed = text().replace('<cat_ru:INN>7799123456<', '<cat_ru:INN>7799123457<');
    expect(changed).not.toBe(text());
    expect(verifyText(changed)[0]?.valid).toBe(false);
  });

  it.skipIf(skipWithoutGostEngine())(
    'OpenSSL’s GOST engine verifies its SignatureValue over the canonical SignedInfo',
    () => {
      const xml = parseXml(text());
      const [info] = readSignatures(xml);
      const element = info && signatureElementOf(xml, info);
      const signedInfo = element && dsigChild(element, 'SignedInfo');
      if (!info?.signatureValue || !signedInfo) throw new Error('no signature');
      const certificate = verifyText(text())[0]?.certificateChain[0];
      if (!certificate) throw new Error('no certificate');
      const dir = tempDir();
      const files = {
        cert: join(dir, 'smev-fixture.cert.pem'),
        key: join(dir, 'smev-fixture.pub.pem'),
        signedInfo: join(dir, 'smev-fixture.si'),
        signature: join(dir, 'smev-fixture.sig'),
      };
      writeFileSync(files.cert, toPem('CERTIFICATE', certificate));
      writeFileSync(files.key, opensslGost(['x509', '-in', files.cert, '-pubkey', '-noout']));
      writeFileSync(files.signature, info.signatureValue);
      const check = (octets: Uint8Array) => {
        writeFileSync(files.signedInfo, octets);
        return runOpenssl(
          [
            'dgst',
            '-md_gost12_256',
            '-verify',
            files.key,
            '-signature',
            files.signature,
            files.signedInfo,
          ],
          { gost: true },
        );
      };
      const octets = canonicalize(signedInfo, { method: 'exc-c14n', withComments: false });
      const ok = check(octets);
      expect(ok.stdout.toString()).toContain('Verified OK');
      expect(ok.status).toBe(0);
      expect(check(new Uint8Array([...octets, 0x20])).status).not.toBe(0);
    },
  );
});

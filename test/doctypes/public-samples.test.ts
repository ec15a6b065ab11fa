import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDocument, type ReadOptions } from '../../src/documents/read.js';
import type { ModelObject } from '../../src/documents/model.js';
import { loadXsdEngine } from '../../src/doctypes/xsd.js';
import { run } from '../../src/engine/run.js';
import { signedCoverage } from '../../src/rules/signed-coverage.js';
import { verifyDocument } from '../../src/signature/verify.js';
import { loadProfiles } from '../../src/profiles/load.js';
import { tempTree } from '../helpers/tmp.js';

/** Public instances (test/vectors/doctypes/README.md says where each comes from). */
const vector = (path: string) =>
  fileURLToPath(new URL(`../vectors/doctypes/${path}`, import.meta.url));
let options: ReadOptions;
const read = (path: string, bytes: Uint8Array = readFileSync(vector(path))) =>
  readDocument(path, bytes, options);

beforeAll(async () => {
  options = { xsd: await loadXsdEngine() };
});

describe('public sample instances read to the model', () => {
  it('EU NCTS CC015C (HMRC): parties with EORI, goods, XSD 51.8.2 valid', () => {
    const doc = read('hmrc-transit-movements-validator/cc015c-valid-2.xml');
    expect(doc.problems).toEqual([]);
    expect(doc.schemaProblems).toEqual([]);
    expect(doc.documentFormat).toMatchObject({ id: 'eu-ncts-cc015c', version: 'NCTS5.0' });
    // A transit declaration, not a goods declaration: profiles judge it by its own rules.
    expect(doc.type).toBe('transit-declaration');
    expect(doc.issuingCountry).toBe('XI');
    expect(doc.model).toMatchObject({
      declarationNumber: 'MDTP-18',
      declarationKind: 'T1',
      destinationCountry: 'GB',
      currency: 'GBP',
      declarant: { taxpayerId: 'XI985524247819', taxpayerIdScheme: 'EORI', country: 'BG' },
      consignor: { name: 'Sample Consignor', taxpayerId: 'NL023111152' },
    });
    const items = doc.model.goodsItems as ModelObject[];
    expect(items[0]).toMatchObject({ sequence: '1' });
  });

  it('CC015C: an XSD error is reported on the line and column of the original file', () => {
    const doc = read('hmrc-transit-movements-validator/cc015c-invalid.xml');
    const [first] = doc.schemaProblems ?? [];
    expect(first?.message).toContain("Element 'messageRecipient'");
    expect(first?.location?.pos).toMatchObject({ line: 2, column: 5 });
    expect(first?.location?.path).toBe('/ncts:CC015C/messageRecipient');
  });

  it('CC015C of a phase no shipped schema covers: a clear finding, not a verdict', () => {
    const text = readFileSync(vector('hmrc-transit-movements-validator/cc015c-valid.xml'), 'utf8');
    const doc = read('p6.xml', new TextEncoder().encode(text.replace('NCTS5.0', 'NCTS6')));
    expect(doc.type).toBe('transit-declaration');
    expect(doc.schemaProblems).toHaveLength(1);
    expect(doc.schemaProblems?.[0]).toMatchObject({ severity: 'warning' });
    expect(doc.schemaProblems?.[0]?.message).toContain('no schema for version NCTS6');
    expect(doc.schemaProblems?.[0]?.message).toContain('NCTS5.0/NCTS5.1');
  });

  it('WCO DEC-DMS 2 (HMRC CDS) inside its MetaData wrapper: EORI parties, TSP commodity code, XSD valid', () => {
    const doc = read('hmrc-customs-declarations/TT_EX001a.xml');
    expect(doc.problems).toEqual([]);
    expect(doc.schemaProblems).toEqual([]);
    expect(doc.documentFormat).toMatchObject({
      id: 'wco-dec-dms-2',
      version: '2',
      envelopes: [{ id: 'wco-dms-metadata', path: '/md:MetaData' }],
      path: '/md:MetaData/Declaration',
    });
    expect(doc.model).toMatchObject({
      declarationNumber: 'U.7847323YIPYA',
      declarationKind: 'EXD',
      issuingCountry: 'GB',
      dispatchCountry: 'GB',
      destinationCountry: 'US',
      declarant: { taxpayerId: 'GB427168118378', taxpayerIdScheme: 'EORI' },
      consignee: { name: 'Packings Import Incorporated', country: 'US' },
      goodsItems: [
        expect.objectContaining({ commodityCode: '46021910', grossMass: '10', netMass: '5' }),
      ],
    });
  });

  it('DEC-DMS IssueDateTime format code 304 (CCYYMMDDhhmmss and zone) reads as the calendar date', () => {
    const doc = read('hmrc-customs-declarations/TT_EX009a.xml');
    expect(doc.problems).toEqual([]);
    expect(doc.schemaProblems).toEqual([]);
    expect(doc.model).toMatchObject({ declarationNumber: '7867523Y8OFA', issueDate: '2024-01-25' });
    expect(doc.locate('/issueDate').path).toBe(
      '/md:MetaData/Declaration/IssueDateTime/p1:DateTimeString',
    );
  });

  it('China CEB311 and CEB621 (GACC 2022 samples): model, e-Port signature, XSD 202205', () => {
    const order = read('chinaport-data-signature/CEB311Message.xml');
    expect(order.documentFormat).toMatchObject({ id: 'cn-ceb311', version: '1.0' });
    // An e-commerce order declared to customs; the CEB621 inventory is the goods declaration.
    expect(order.type).toBe('e-commerce-declaration');
    expect(order.problems).toEqual([]);
    // appTime 20160308112701 (YYYYMMDDhhmmss) and China Customs 142 / 116 converted.
    expect(order.model).toMatchObject({
      declarationNumber: 'order20160321116421002',
      issueDate: '2016-03-08',
      issuingCountry: 'CN',
      currency: 'CNY',
      declarant: { taxpayerId: '1105910159', taxpayerIdScheme: 'CN-CUSTOMS' },
    });
    expect((order.model.goodsItems as ModelObject[])[0]).toMatchObject({
      originCountry: 'JP',
      currency: 'CNY',
    });
    expect(order.locate('/issueDate').path).toBe(
      '/ceb:CEB311Message/ceb:Order[1]/ceb:OrderHead/ceb:appTime',
    );
    expect(order.signatures[0]?.signatureMethod).toBe(
      'http://www.chinaport.gov.cn/2022/04/xmldsig#sm2-sm3',
    );
    // Its signature names the whole message, but the sample's personal data was replaced (and it
    // carries no certificate): coverage comes from what verifies, so nothing covers it.
    const verified = verifyDocument(order.xml!, { asOf: new Date('2026-12-01T00:00:00Z') });
    expect(verified[0]?.valid).toBe(false);
    expect(verified[0]?.scope?.kind).toBe('document');
    expect(signedCoverage(order, verified).coveredBy).toEqual([]);
    const inventory = read('chinaport-data-signature/CEB621Message.xml');
    expect(inventory.documentFormat?.id).toBe('cn-ceb621');
    expect(inventory.type).toBe('customs-declaration');
    expect(inventory.problems).toEqual([]);
    expect(inventory.model).toMatchObject({
      issueDate: '2016-03-08',
      dispatchCountry: 'JP',
      currency: 'CNY',
    });
    expect((inventory.model.goodsItems as ModelObject[])[0]).toMatchObject({
      commodityCode: '8541401000',
      originCountry: 'JP',
    });
    expect(inventory.model.presentedDocuments).toContainEqual({
      kind: 'licence',
      number: 'L20160315001',
    });
    expect(order.schemaProblems).toEqual([]);
    expect(inventory.schemaProblems).toEqual([]);
  });

  it('ESADout_CU 5.23.0 (a real transit declaration, personal data replaced): scheme-less parties, goods, documents, DocumentModeID', () => {
    const doc = read('renelogasel/esadout-cu-5.23.0-transit.xml');
    expect(doc.problems).toEqual([]);
    expect(doc.documentFormat).toMatchObject({ id: 'ru-fts-esadout-cu', version: '5.23.0' });
    expect(doc.model).toMatchObject({
      issuingCountry: 'KZ',
      issueDate: '2024-05-02',
      dispatchCountry: 'GE',
      destinationCountry: 'KZ',
      currency: 'USD',
      totalInvoicedValue: '12158.00',
      declarationKind: 'ТТ',
      goodsItems: [
        expect.objectContaining({ commodityCode: '8703239089', grossMass: '1435.000000' }),
      ],
    });
    expect(doc.model.presentedDocuments).toHaveLength(8);
    expect((doc.model.native as ModelObject)['@DocumentModeID']).toBe('1006107E');
    // The FTS schema is not shipped: said plainly, as information.
    expect(doc.schemaProblems).toEqual([
      expect.objectContaining({
        severity: 'info',
        message: expect.stringContaining('not shipped'),
      }),
    ]);
  });

  it('an FTS ED_Container opens to the ESADout_CU it carries', () => {
    const doc = read('renelogasel/ed-container-5.22.0.xml');
    expect(doc.documentFormat).toMatchObject({
      id: 'ru-fts-esadout-cu',
      version: '5.23.0',
      envelopes: [{ id: 'ru-fts-ed-container' }],
    });
    expect((doc.model.goodsItems as ModelObject[])[0]?.commodityCode).toBe('8703239087');
  });

  it('a real SMEV 3 message: SOAP → SMEV 3 → its payload, reported with its QName when unknown', () => {
    const doc = read('smev-client/send-request-request-1.2.xml');
    expect(doc.type).toBeUndefined();
    expect(doc.problems[0]?.message).toBe(
      'unknown document type: root element {urn://x-artefacts-gis-ergz-public/2.0.0}PublicPrintOutRequest inside soap11-envelope → ru-smev3-message',
    );
    expect(doc.signatures[0]?.signatureMethod).toContain('gostr34102012');
  });

  it('check on that SMEV 3 message carrying an ESADout_CU finds the payload and evaluates RU on it', () => {
    const smev = readFileSync(vector('smev-client/send-request-request-1.2.xml'), 'utf8');
    const esad = readFileSync(vector('renelogasel/esadout-cu-5.23.0-transit.xml'), 'utf8')
      .replace(/^\uFEFF?<\?xml[^>]*>\s*/, '')
      .trim();
    const composed = smev.replace(
      /(<ns2:MessagePrimaryContent>).*(<\/ns2:MessagePrimaryContent>)/s,
      `$1${esad}$2`,
    );
    const dir = tempTree({ 'smev-esad.xml': composed });
    const file = `${dir}/smev-esad.xml`;
    writeFileSync(file, composed);
    const doc = readDocument(file, readFileSync(file), options);
    expect(doc.documentFormat).toMatchObject({
      id: 'ru-fts-esadout-cu',
      envelopes: [{ id: 'soap11-envelope' }, { id: 'ru-smev3-message', path: expect.any(String) }],
    });
    const result = run({
      kind: 'check',
      profiles: loadProfiles(),
      files: [file],
      asOf: new Date('2026-12-01T00:00:00Z'),
      receivers: ['RU'],
      from: 'KZ',
      read: options,
    });
    const [pair] = result.pairs;
    expect(pair).toMatchObject({ documentType: 'customs-declaration', receiver: 'RU' });
    const rules = new Set(pair?.findings.map((f) => f.ruleId));
    // RU's rules ran on the declaration's model (not "unknown document type").
    expect(rules.has('document/readable')).toBe(false);
    // The payload replaced, SenderProvidedRequestData's signature no longer holds (and the
    // sample carries no certificate): it covers nothing.
    expect(rules.has('signature/valid')).toBe(true);
    expect([...rules].some((r) => r.startsWith('document/') || r.startsWith('signature/'))).toBe(
      true,
    );
  });

  it('a profile rule for one format: RU requires DocumentModeID on ESADout_CU only', () => {
    const text = readFileSync(vector('renelogasel/esadout-cu-5.23.0-transit.xml'), 'utf8');
    const dir = tempTree({
      'with.xml': text,
      'without.xml': text.replace(' DocumentModeID="1006107E"', ''),
    });
    const result = run({
      kind: 'check',
      profiles: loadProfiles(),
      files: [`${dir}/with.xml`, `${dir}/without.xml`],
      asOf: new Date('2026-12-01T00:00:00Z'),
      receivers: ['RU'],
      from: 'KZ',
      read: options,
    });
    const mentions = (file: string) =>
      result.pairs
        .filter((p) => p.document.endsWith(file))
        .flatMap((p) => p.findings)
        .filter((f) => f.data?.['constraint'] === 'ru-esadout-document-mode');
    expect(mentions('with.xml')).toEqual([]);
    expect(mentions('without.xml')).toHaveLength(1);
    expect(mentions('without.xml')[0]?.ruleId).toBe('document/receiver-rules');
  });
});

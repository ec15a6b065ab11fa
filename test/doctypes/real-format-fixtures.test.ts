import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDocument, type ReadOptions } from '../../src/documents/read.js';
import { loadXsdEngine } from '../../src/doctypes/xsd.js';

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
      expect(doc.documentFormat?.coveredBy).toEqual([0]);
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

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/documents/read.js';
import { loadXsdEngine } from '../../src/doctypes/xsd.js';

/**
 * A licence format beyond corridor's own: the FTS MinPromLicence (licence for the import/export
 * of goods into/from the EAEU). No public instance was found: the instance is synthetic, written
 * to the FTS 5.23.0 schema and checked against it (test/vectors/doctypes/README.md).
 */
const file = fileURLToPath(
  new URL('../vectors/doctypes/synthetic/minprom-licence-5.22.0.xml', import.meta.url),
);

describe('FTS MinPromLicence', () => {
  it('reads to the licence model: number, dates, licensee with INN, the commodity and its cost', async () => {
    const doc = readDocument(file, readFileSync(file), { xsd: await loadXsdEngine() });
    expect(doc.problems).toEqual([]);
    expect(doc.type).toBe('licence');
    expect(doc.documentFormat).toMatchObject({ id: 'ru-fts-minprom-licence', version: '5.22.0' });
    expect(doc.issuingCountry).toBe('RU');
    expect(doc.model).toMatchObject({
      licenceNumber: '001RU26001000123',
      issuingAuthority: 'SAMPLE Ministry',
      issueDate: '2026-11-02',
      validUntil: '2027-11-01',
      destinationCountry: 'KZ',
      originCountry: 'RU',
      licensee: {
        name: 'SAMPLE Exporter LLC',
        country: 'RU',
        taxpayerId: '7701234567',
        taxpayerIdScheme: 'INN',
      },
      goods: [
        {
          commodityCode: '8471300000',
          value: '12000.00',
          currency: 'USD',
          quantity: '10',
          unit: '796',
        },
      ],
    });
    // LicOperation is free text in the schema: not guessed into licenceKind.
    expect(doc.model.licenceKind).toBeUndefined();
    expect(doc.locate('/validUntil').path).toBe(
      '/minprl:MinPromLicence/minprl:License/minprl:DateTo',
    );
    expect(doc.schemaProblems).toEqual([
      expect.objectContaining({
        severity: 'info',
        message: expect.stringContaining('not shipped'),
      }),
    ]);
  });
});

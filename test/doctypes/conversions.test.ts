import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/documents/read.js';
import { converterFor } from '../../src/doctypes/conversions/index.js';
import { SHIPPED_DOCTYPES_DIR } from '../../src/doctypes/dirs.js';
import { DoctypeError, loadDoctypes } from '../../src/doctypes/load.js';
import { run } from '../../src/engine/run.js';
import { loadProfiles } from '../../src/profiles/load.js';
import { tempTree } from '../helpers/tmp.js';

const shipped = { dirs: [SHIPPED_DOCTYPES_DIR] };
const convert = (name: string, text: string) => {
  const converter = converterFor(name, shipped);
  if (typeof converter !== 'function') throw new Error(converter.problem);
  return converter(text);
};
const vector = (path: string) =>
  fileURLToPath(new URL(`../vectors/doctypes/${path}`, import.meta.url));

describe('field conversions named by definitions', () => {
  it('date layouts: format codes 102 and 304, China Customs times, ISO dates', () => {
    expect(convert('date:yyyyMMdd', '20231120')).toEqual({ value: '2023-11-20' });
    expect(convert('date:yyyyMMddHHmmss', '20160308112701')).toEqual({ value: '2016-03-08' });
    // The document's own calendar day: 23:30 at -05 stays the 31st (not moved to UTC).
    expect(convert('date:yyyyMMddHHmmssX', '20241231233000-05')).toEqual({ value: '2024-12-31' });
    expect(convert('date:yyyyMMddHHmmssX', '20240125094643Z')).toEqual({ value: '2024-01-25' });
    expect(convert('date:yyyy-MM-dd', '2024-02-29')).toEqual({ value: '2024-02-29' });
  });

  it('impossible or mis-laid dates do not convert', () => {
    for (const [layout, text] of [
      ['date:yyyyMMdd', '20230229'],
      ['date:yyyyMMdd', '20231301'],
      ['date:yyyyMMdd', '2023-11-20'],
      ['date:yyyyMMdd', '2023112'],
      ['date:yyyyMMddHHmmss', '20231120240000'],
      ['date:yyyyMMddHHmmssX', '20231120120000'],
      ['date:yyyy-MM-dd', '2023-11-31'],
    ] as const)
      expect(convert(layout, text), `${layout} ${text}`).toHaveProperty('error');
  });

  it('China Customs codes to ISO with the shipped tables; an unknown code is refused, not passed on', () => {
    expect(convert('codelist:cn-customs-currency', '142')).toEqual({ value: 'CNY' });
    expect(convert('codelist:cn-customs-country', '142')).toEqual({ value: 'CN' });
    expect(convert('codelist:cn-customs-country', '502')).toEqual({ value: 'US' });
    const unknown = convert('codelist:cn-customs-currency', '999');
    expect(unknown).toEqual({ error: expect.stringContaining('"999" is not a code of') });
    // An ISO code is not a China Customs code either.
    expect(convert('codelist:cn-customs-currency', 'CNY')).toHaveProperty('error');
  });

  it('the shipped tables say where each entry comes from; unconfirmed ones are marked', () => {
    for (const id of ['cn-customs-currency', 'cn-customs-country']) {
      const table = JSON.parse(
        readFileSync(`${SHIPPED_DOCTYPES_DIR}/code-tables/${id}.json`, 'utf8'),
      ) as { sources: unknown[]; entries: Record<string, { confirmed?: boolean }> };
      expect(table.sources.length).toBeGreaterThan(0);
      expect(table.entries['142']?.confirmed).toBe(true);
      expect(Object.values(table.entries).some((e) => e.confirmed === false)).toBe(true);
    }
  });

  it('a definition naming an unknown conversion, a bad layout or a missing table is refused at load', () => {
    const definition = (convert: string) => ({
      id: 'acme',
      title: 'ACME',
      kind: 'customs-declaration',
      match: { localName: 'A', namespace: 'urn:acme' },
      namespaces: { a: 'urn:acme' },
      fields: { issueDate: { path: 'a:D', convert } },
    });
    for (const [name, message] of [
      ['time:hh', 'unknown conversion "time:hh"'],
      ['date:yyyyMMd', '"d" is not a token'],
      ['date:yyyyMMddq', '"q" is not a token'],
      ['date:HHmm', 'needs yyyy, MM and dd'],
      ['codelist:no-such-table', 'code table no-such-table not found'],
      ['codelist:../../etc', 'not a plain name'],
    ] as const) {
      const dir = tempTree({ 'acme.json': definition(name) });
      let error: unknown;
      try {
        loadDoctypes(dir);
      } catch (e) {
        error = e;
      }
      expect(error, name).toBeInstanceOf(DoctypeError);
      expect((error as DoctypeError).details?.join('\n'), name).toContain(message);
      expect((error as DoctypeError).details?.join('\n'), name).toContain(
        '/fields/issueDate/convert',
      );
    }
  });

  it('a definition beside its own code table converts with it', () => {
    const dir = tempTree({
      'acme.json': {
        id: 'acme',
        title: 'ACME',
        kind: 'customs-declaration',
        match: { localName: 'A', namespace: 'urn:acme' },
        namespaces: { a: 'urn:acme' },
        fields: { currency: { path: 'a:C', convert: 'codelist:acme-currency' } },
      },
      'code-tables/acme-currency.json': {
        id: 'acme-currency',
        title: 'ACME currency',
        from: 'ACME',
        to: 'ISO 4217',
        sources: [{ title: 'test' }],
        entries: { '1': { value: 'EUR' } },
      },
    });
    const doc = readDocument(
      'a.xml',
      new TextEncoder().encode('<A xmlns="urn:acme"><C>1</C></A>'),
      {
        doctypes: loadDoctypes(dir),
      },
    );
    expect(doc.problems).toEqual([]);
    expect(doc.model.currency).toBe('EUR');
  });

  it('a bad date in a real document is a located finding and stays out of the model, never a crash', () => {
    const text = readFileSync(vector('chinaport-data-signature/CEB311Message.xml'), 'utf8');
    const bad = text.replace(
      '<ceb:appTime>20160308112701</ceb:appTime>',
      '<ceb:appTime>20161308112701</ceb:appTime>',
    );
    const dir = tempTree({ 'bad.xml': bad });
    const doc = readDocument(`${dir}/bad.xml`, new TextEncoder().encode(bad));
    expect(doc.type).toBe('e-commerce-declaration');
    expect(doc.model.issueDate).toBeUndefined();
    expect(doc.problems).toEqual([
      expect.objectContaining({
        ruleId: 'document/field-conversion',
        message: expect.stringContaining(
          'issueDate: "20161308112701" (yyyyMMddHHmmss) is not a real date',
        ),
        location: expect.objectContaining({
          path: '/ceb:CEB311Message/ceb:Order[1]/ceb:OrderHead/ceb:appTime',
          pos: expect.objectContaining({ line: 8 }),
        }),
      }),
    ]);
    const result = run({
      kind: 'check',
      profiles: loadProfiles(),
      files: [`${dir}/bad.xml`],
      asOf: new Date('2026-12-01T00:00:00Z'),
      receivers: ['CN'],
      from: 'CN',
    });
    const finding = result.pairs[0]?.findings.find((f) => f.ruleId === 'document/readable');
    expect(finding?.message).toContain('[document/field-conversion]');
    expect(finding?.location).toMatchObject({ line: 8 });
  });
});

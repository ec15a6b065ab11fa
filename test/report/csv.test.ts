import { formatToString } from '../../src/report/index.js';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, csvFormatter } from '../../src/report/csv.js';
import { HOSTILE_MESSAGE, context, documentIds, matrixResult } from './fixture.js';
import { MEMBER_DOCUMENT, memberResult } from './member-fixture.js';
import { hostileRouteResult, routedResult } from './routed-fixture.js';

/** A strict RFC 4180 reader, independent of the writer, to check what a consumer would see. */
function parseCsv(input: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < input.length) {
    const char = input[i]!;
    if (quoted) {
      if (char === '"' && input[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (char === '"') {
        quoted = false;
        i += 1;
        if (i < input.length && input[i] !== ',' && input[i] !== '\r') {
          throw new Error(`text after closing quote at ${i}`);
        }
      } else {
        field += char;
        i += 1;
      }
    } else if (char === '"') {
      if (field !== '') throw new Error(`quote inside unquoted field at ${i}`);
      quoted = true;
      i += 1;
    } else if (char === ',') {
      record.push(field);
      field = '';
      i += 1;
    } else if (char === '\r' && input[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (char === '\n' || char === '\r') {
      throw new Error(`bare line break outside quotes at ${i}`);
    } else {
      field += char;
      i += 1;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || record.length > 0) throw new Error('last record lacks CRLF');
  return records;
}

describe('csv formatter', () => {
  const output = formatToString(csvFormatter, matrixResult, context);
  const [header, ...rows] = parseCsv(output);
  const column = (name: (typeof CSV_COLUMNS)[number]): number => CSV_COLUMNS.indexOf(name);

  it('has the documented header and 14 fields in every record', () => {
    expect(header).toEqual([
      'document',
      'documentType',
      'sender',
      'receiver',
      'status',
      'ruleId',
      'severity',
      'message',
      'path',
      'line',
      'hint',
      'route',
      'via',
      'senderCountry',
    ]);
    for (const row of rows) expect(row).toHaveLength(14);
  });

  it('writes one row per finding plus one ok row per clean pair', () => {
    const findings = matrixResult.pairs.reduce((n, pair) => n + pair.findings.length, 0);
    const clean = matrixResult.pairs.filter((pair) => pair.findings.length === 0).length;
    expect(rows).toHaveLength(findings + clean);
    const okRows = rows.filter((row) => row[column('ruleId')] === '');
    expect(okRows).toHaveLength(clean);
    for (const row of okRows) {
      expect(row[column('status')]).toBe('ok');
      expect(row.slice(column('ruleId'), column('route'))).toEqual(['', '', '', '', '', '']);
    }
  });

  it('round-trips commas, quotes and newlines through RFC 4180 quoting', () => {
    const hostile = rows.find((row) => row[column('ruleId')] === 'document/type-accepted');
    // Line-oriented: a newline from a document is written as a visible \n (safe-text.ts).
    expect(hostile?.[column('message')]).toBe(HOSTILE_MESSAGE.replace('\n', '\\n'));
    expect(hostile?.[column('hint')]).toBe(
      'Send it as "origin-declaration" & attach the certificate.',
    );
    expect(hostile?.[column('line')]).toBe('');
    const comma = rows.filter((row) => row[column('document')] === documentIds.DOC_CN);
    expect(comma.length).toBeGreaterThan(0);
    const keySize = rows.find(
      (row) => row[column('ruleId')] === 'signature/key-size' && row[column('receiver')] === 'RU',
    );
    expect(keySize?.[column('line')]).toBe('30');
    expect(keySize?.[column('path')]).toBe('/Invoice/ds:Signature/ds:KeyInfo');
    expect(keySize?.[column('status')]).toBe('warn');
  });

  it('quotes only when needed and ends records with CRLF', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('two\\nlines');
    expect(csvField('cr\ronly')).toBe('cr\\ronly');
    expect(csvField('"a",\u202eb')).toBe('"""a"",\\u202eb"');
    expect(output.endsWith('\r\n')).toBe(true);
  });

  it('defuses spreadsheet formulas from document content, but keeps numbers', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+1+1')).toBe("'+1+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-5')).toBe('-5');
    expect(csvField('12.50')).toBe('12.50');
    expect(csvField('a=b')).toBe('a=b');
  });

  it('leaves route and via empty when the result has no routes', () => {
    for (const row of rows) expect(row.slice(column('route'), column('via') + 1)).toEqual(['', '']);
  });
});

describe('csv formatter: gateway routes', () => {
  const [, ...rows] = parseCsv(formatToString(csvFormatter, routedResult, context));
  const column = (name: (typeof CSV_COLUMNS)[number]): number => CSV_COLUMNS.indexOf(name);
  const cellOf = (row: string[]) => `${row[column('sender')]}→${row[column('receiver')]}`;

  it('gives every row of a routed pair route=gateway and the gateway in via', () => {
    const routed = rows.filter((row) => cellOf(row) === 'RU→CN');
    expect(routed.length).toBe(2); // one error, one warning
    for (const row of routed) {
      expect(row[column('status')]).toBe('fail');
      expect(row[column('route')]).toBe('gateway');
      expect(row[column('via')]).toBe('TTP-EAEU');
    }
  });

  it('says direct or none elsewhere, with via empty', () => {
    const unrouted = rows.filter((row) => cellOf(row) === 'KZ→CN');
    expect(unrouted.length).toBeGreaterThan(0);
    for (const row of unrouted)
      expect(row.slice(column('route'), column('via') + 1)).toEqual(['none', '']);
    const direct = rows.filter((row) => cellOf(row) === 'RU→KZ');
    for (const row of direct)
      expect(row.slice(column('route'), column('via') + 1)).toEqual(['direct', '']);
    // The route is the cell's: a clean document of a failing cell shares its `none`.
    const clean = rows.filter((row) => row[column('ruleId')] === '');
    expect(clean.find((row) => cellOf(row) === 'RU→RU')?.[column('route')]).toBe('direct');
    expect(clean.find((row) => cellOf(row) === 'CN→KZ')?.[column('route')]).toBe('none');
  });

  it('defuses a formula in a gateway id', () => {
    const [, ...hostile] = parseCsv(formatToString(csvFormatter, hostileRouteResult, context));
    const routed = hostile.find((row) => row[column('route')] === 'gateway');
    expect(routed?.[column('via')]).toBe(`'=HYPERLINK("http://x")`);
  });

  it('names the issuing member state on every row of its document, and only there', () => {
    const [, ...member] = parseCsv(formatToString(csvFormatter, memberResult, context));
    const issued = member.filter((row) => row[column('document')] === MEMBER_DOCUMENT);
    // Two findings to CN and one clean row each to RU and KZ.
    expect(issued).toHaveLength(4);
    for (const row of issued) {
      expect(row[column('sender')]).toBe('KZ');
      expect(row[column('senderCountry')]).toBe('KG');
    }
    const others = member.filter((row) => row[column('document')] !== MEMBER_DOCUMENT);
    for (const row of others) expect(row[column('senderCountry')]).toBe('');
    for (const row of rows) expect(row[column('senderCountry')]).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { PairSpool } from '../../src/engine/pair-spool.js';
import { totalsOf, type MatrixResult } from '../../src/engine/types.js';
import { formatters } from '../../src/report/all.js';
import { formatToString } from '../../src/report/index.js';
import { check, format } from '../../src/index.js';
import { reportRows } from '../../src/report/rows.js';

/**
 * A document that cannot be read says the same to every receiver: every format reports it once,
 * with what is known of its sender and type, not once per receiver as "unknown from unknown".
 */
const EMPTY = 'test/hostile/cases/empty.xml';
const READABLE = 'fixtures/documents/RU/customs-declaration.xml';
/** Read with a problem (a duplicate key), then judged by each receiver: stays per pair. */
const READ_WITH_PROBLEM = 'test/hostile/cases/json-duplicate-unsigned.json';
const TO = ['KZ', 'CN', 'EU'];
const asOf = new Date('2026-12-01T00:00:00Z');

const result: MatrixResult = check([EMPTY, READABLE, READ_WITH_PROBLEM], { to: TO, asOf });
const fromRu: MatrixResult = check([EMPTY], { to: TO, asOf, from: 'RU' });
const count = (text: string, needle: string): number => text.split(needle).length - 1;

describe('a document that cannot be read', () => {
  it('is one entry of the row model, with the receivers it was evaluated for', () => {
    const rows = reportRows(result);
    expect(rows.unread.map((u) => [u.document, u.about, u.receivers])).toEqual([
      [EMPTY, 'sender and type unknown', TO],
    ]);
    // Read with a problem but judged per receiver: not "cannot be read".
    expect(result.pairs.filter((p) => p.document === READ_WITH_PROBLEM)).toHaveLength(3);
    expect(result.pairs.filter((p) => rows.isUnread(p)).map((p) => p.document)).toEqual([
      EMPTY,
      EMPTY,
      EMPTY,
    ]);
    expect(reportRows(fromRu).unread[0]?.about).toBe('type unknown, from RU');
  });

  it('does not become what blocks a row or column: those name the receivers’ own reasons', () => {
    const rows = reportRows(check([EMPTY, READABLE], { to: TO, asOf }));
    const lines = Object.fromEntries(rows.blocking.receivers.map(({ id, line }) => [id, line]));
    for (const line of Object.values(lines)) expect(line).not.toContain('document/readable');
    expect(lines.KZ).toMatch(/^fails with 2 of 2 senders; mostly signature\//);
    expect(rows.blocking.senders.find(({ id }) => id === 'unknown')?.line).toBe(
      'fails with 3 of 3 receivers; mostly documents that cannot be read',
    );
  });

  it('is one block in text, naming what is known of the sender', () => {
    const text = format(result, 'text');
    expect(count(text, EMPTY)).toBe(1);
    expect(text).toContain('not readable: sender and type unknown');
    expect(format(fromRu, 'text')).toContain('not readable: type unknown, from RU');
  });

  it('is one CSV row per finding, listing the receivers', () => {
    const rows = format(result, 'csv')
      .split('\r\n')
      .filter((line) => line.startsWith(EMPTY));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(',KZ CN EU,fail,document/readable,');
    const problem = format(result, 'csv')
      .split('\r\n')
      .filter((line) => line.startsWith(READ_WITH_PROBLEM) && line.includes('document/readable'));
    expect(problem).toHaveLength(3);
  });

  it('is one SARIF result per finding with every receiver, fingerprinted for any receiver', () => {
    const log = JSON.parse(format(result, 'sarif')) as {
      runs: Array<{
        results: Array<{
          message: { text: string };
          partialFingerprints: Record<string, string>;
          properties: Record<string, unknown>;
        }>;
      }>;
    };
    const unread = log.runs[0]!.results.filter((r) => r.properties.document === EMPTY);
    expect(unread).toHaveLength(1);
    expect(unread[0]!.properties.receivers).toEqual(TO);
    expect(unread[0]!.properties.receiver).toBeUndefined();
    expect(unread[0]!.message.text).toMatch(
      /^not readable \(sender and type unknown\) → KZ, CN, EU: document is empty/,
    );
    const readable = log.runs[0]!.results.filter((r) => r.properties.document === READABLE);
    expect(readable.length).toBeGreaterThan(0);
    expect(readable.every((r) => typeof r.properties.receiver === 'string')).toBe(true);
  });

  it('is one JUnit testcase in its own suite, not one per sender→receiver suite', () => {
    const xml = format(result, 'junit');
    expect(count(xml, `name="${EMPTY}`)).toBe(1);
    expect(xml).toContain(`<testsuite name="documents that cannot be read" tests="1" failures="1"`);
    expect(xml).toContain(`name="${EMPTY} (sender and type unknown)"`);
    expect(xml).toContain('receivers: KZ, CN, EU');
    expect(xml).not.toContain('unknown→');
    // Totals count the document once: 3 receivers × 2 readable documents + 1.
    expect(xml).toMatch(/<testsuites [^>]*tests="7"/);
  });

  it('is one GitHub annotation naming the receivers, not "unknown"', () => {
    const lines = format(result, 'github')
      .split('\n')
      .filter((line) => line.includes(`file=${EMPTY}`));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('::not readable (sender and type unknown) → KZ, CN, EU: ');
  });

  it('is one Markdown row (check) and one section (matrix), cells pointing at it', () => {
    const table = format(result, 'markdown');
    expect(count(table, `\`${EMPTY}\``)).toBe(1);
    expect(table).toContain('not readable (sender and type unknown) → KZ, CN, EU');
    const matrix = format({ ...result, kind: 'matrix' }, 'markdown');
    expect(count(matrix, `\`${EMPTY}\``)).toBe(1);
    expect(matrix).toContain('## ❌ Documents that cannot be read');
    expect(matrix).toContain(
      '1 of them cannot be read: see *Documents that cannot be read* below.',
    );
  });

  it('is one HTML article with its findings; each cell panel only points at it', () => {
    const html = format(result, 'html');
    expect(count(html, '<article class="unread-doc"')).toBe(1);
    expect(count(html, '<article class="pair unread"')).toBe(3);
    // The findings are written once (the stubs carry only their counts for the filters).
    expect(count(html, '<p class="msg">document is empty')).toBe(1);
    expect(html).toContain('data-error="1"');
    expect(html).toContain('<a href="#unread">Documents that cannot be read</a>');
  });

  it('is reported alike from a spooled result, decided as its pairs stream past', () => {
    for (const kind of ['check', 'matrix'] as const) {
      const spool = new PairSpool();
      try {
        for (const pair of result.pairs) spool.add(pair);
        const spooled = { ...result, kind, pairs: [], spool, totals: totalsOf(result) };
        const context = { rules: [], color: false };
        for (const formatter of formatters)
          expect(formatToString(formatter, spooled, context), `${kind} ${formatter.id}`).toBe(
            formatToString(formatter, { ...result, kind }, context),
          );
      } finally {
        spool.dispose();
      }
    }
  });
});

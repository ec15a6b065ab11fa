import { formatToString } from '../../src/report/index.js';
import { describe, expect, it } from 'vitest';
import { stripAnsi } from '../../src/report/ansi.js';
import { terminalSafe, textFormatter } from '../../src/report/text.js';
import { checkResult, context, matrixResult } from './fixture.js';

describe('text formatter, check view (stylish)', () => {
  const output = formatToString(textFormatter, checkResult, context);
  const lines = output.split('\n');

  it('groups findings under a "document → receiver" heading per pair with findings', () => {
    const headings = lines.filter((line) => /^\S.* → \S+ {2}\(/.test(line));
    const withFindings = checkResult.pairs.filter((pair) => pair.findings.length > 0);
    expect(headings).toHaveLength(withFindings.length);
    expect(headings[0]).toBe('docs/invoice-ru.xml → CN  (invoice from RU)');
  });

  it('prints "line:col  severity  message  ruleId" rows, errors first, aligned', () => {
    const start = lines.indexOf('docs/invoice-ru.xml → CN  (invoice from RU)');
    const error = lines[start + 1]!;
    const warning = lines[start + 3]!;
    expect(error).toMatch(
      /^ {2}12:5 {2}error {4}CN does not accept .* {2}signature\/method-accepted$/,
    );
    expect(warning).toMatch(/^ {2}12:5 {2}warning {2}GOST .* {2}signature\/algorithm-sunset$/);
    expect(error.indexOf('signature/')).toBe(warning.indexOf('signature/'));
  });

  it('puts the hint on the line after its finding', () => {
    const start = lines.indexOf('docs/invoice-ru.xml → CN  (invoice from RU)');
    expect(lines[start + 2]).toMatch(/^ +↳ Sign for CN with SM2/);
  });

  it('shows "-" for findings without a position and keeps multi-line messages on one line', () => {
    const hostile = lines.find((line) => line.includes('document/type-accepted'))!;
    expect(hostile).toMatch(/^ {2}- {2}error {2}Document type/);
    expect(hostile).toContain('</script>\\nsecond line, 100% sure');
  });

  it('ends with the summary line', () => {
    expect(lines.at(-2)).toBe(
      '✖ 9 problems (4 errors, 4 warnings, 1 info) — 6 of 12 document→receiver pairs ok',
    );
  });

  it('has no ANSI escapes unless colour is on, and the same text when it is', () => {
    expect(output).not.toContain('\u001b[');
    const colored = formatToString(textFormatter, checkResult, { ...context, color: true });
    expect(colored).toContain('\u001b[31merror\u001b[39m');
    expect(colored).toContain('\u001b[33mwarning\u001b[39m');
    expect(colored).toContain('\u001b[2m↳ Sign for CN');
    expect(stripAnsi(colored)).toBe(output);
  });

  it('escapes terminal control sequences in untrusted text visibly', () => {
    expect(terminalSafe('ok\u001b[2Jgone\u0007\r\nnext')).toBe('ok\\x1b[2Jgone\\x07\\r\\nnext');
  });

  it('says "no problems" for a clean run', () => {
    const clean = {
      ...checkResult,
      pairs: checkResult.pairs.map((pair) => ({ ...pair, status: 'ok' as const, findings: [] })),
    };
    expect(formatToString(textFormatter, clean, context).trim()).toBe(
      '✔ no problems (12 of 12 document→receiver pairs ok)',
    );
  });
});

describe('text formatter, matrix view', () => {
  const output = formatToString(textFormatter, matrixResult, context);
  const lines = output.split('\n');

  it('draws an aligned sender × receiver grid with ✔ / ! / ✗', () => {
    const header = lines.find((line) => line.startsWith('sender ↓ receiver →'))!;
    const rows = ['RU', 'CN', 'KZ'].map((id) => lines.find((line) => line.startsWith(`${id} `))!);
    expect(header.split(/\s{3,}/).slice(1)).toEqual(['RU', 'CN', 'KZ']);
    expect(rows[0]!.split(/\s{3,}/).slice(1)).toEqual(['✔ ok', '✗ fail 1/1', '! warn 1/1']);
    expect(rows[1]!.split(/\s{3,}/).slice(1)).toEqual(['✗ fail 1/2', '✔ ok', '✗ fail 1/2']);
    expect(rows[2]!.split(/\s{3,}/).slice(1)).toEqual(['✔ ok', '✗ fail 1/1', '✔ ok']);
    const column = header.indexOf('CN');
    for (const row of rows) expect([...row].slice(column, column + 1)[0]).toMatch(/[✔✗!]/);
  });

  it('lists the top reasons of every failing cell, and only of those', () => {
    const failing = lines.filter((line) => /^✗ \S+ → \S+ {2}/.test(line));
    expect(failing.map((line) => line.split('  ')[0])).toEqual([
      '✗ RU → CN',
      '✗ CN → RU',
      '✗ CN → KZ',
      '✗ KZ → CN',
    ]);
    const ruCn = lines.indexOf(failing[0]!);
    expect(lines[ruCn + 1]).toBe(
      '    CN does not accept GOST R 34.10-2012 (256) signatures (accepts: SM2, RSA-SHA256)',
    );
    expect(output).not.toContain('KZ discourages');
  });

  it('colours statuses only with colour on', () => {
    const colored = formatToString(textFormatter, matrixResult, { ...context, color: true });
    expect(colored).toContain('\u001b[31m✗ fail 1/1\u001b[39m');
    expect(colored).toContain('\u001b[32m✔ ok\u001b[39m');
    expect(stripAnsi(colored)).toBe(output);
  });
});

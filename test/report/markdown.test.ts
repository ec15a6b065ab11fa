import { formatToString } from '../../src/report/index.js';
import { describe, expect, it } from 'vitest';
import { markdownCode, markdownFormatter, markdownText } from '../../src/report/markdown.js';
import { checkResult, context, matrixResult } from './fixture.js';
import { memberCheckResult, memberResult } from './member-fixture.js';

function tableRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('| '))
    .map((line) =>
      line
        .slice(2, -2)
        .split(/(?<!\\) \| /)
        .map((cell) => cell.trim()),
    );
}

describe('markdown formatter, matrix view', () => {
  const output = formatToString(markdownFormatter, matrixResult, context);

  it('renders the matrix as a GFM table with emoji statuses', () => {
    const rows = tableRows(output);
    expect(rows[0]).toEqual(['sender ↓ / receiver →', '**RU**', '**CN**', '**KZ**']);
    expect(rows[1]).toEqual(['---', ':---:', ':---:', ':---:']);
    expect(rows[2]).toEqual(['**RU**', '✅ ok', '❌ fail 1/1', '⚠️ warn 1/1']);
    expect(rows[3]).toEqual(['**CN**', '❌ fail 1/2', '✅ ok', '❌ fail 1/2']);
    expect(rows[4]).toEqual(['**KZ**', '✅ ok', '❌ fail 1/1', '✅ ok']);
  });

  it('has a section per failing cell with its findings and hints', () => {
    const sections = output.split('\n').filter((line) => line.startsWith('## '));
    expect(sections).toEqual(['## ❌ RU → CN', '## ❌ CN → RU', '## ❌ CN → KZ', '## ❌ KZ → CN']);
    const ruCn = output.slice(output.indexOf('## ❌ RU → CN'), output.indexOf('## ❌ CN → RU'));
    expect(ruCn).toContain('`signature/method-accepted`');
    expect(ruCn).toContain('`docs/invoice-ru.xml:12:5`');
    expect(ruCn).toContain('💡 Sign for CN with SM2 or RSA-SHA256');
  });

  it('neutralises HTML and line breaks from untrusted messages', () => {
    expect(output).not.toContain('<script>');
    expect(output).toContain('&lt;script&gt;alert("x")&lt;/script&gt;\\\\nsecond line, 100% sure');
    expect(output).toContain('Send it as "origin-declaration" &amp; attach');
  });
});

describe('markdown formatter, check view', () => {
  const output = formatToString(markdownFormatter, checkResult, context);
  const rows = tableRows(output);

  it('renders a findings table with one row per finding and 7 columns', () => {
    expect(rows[0]).toEqual([
      'Document',
      'Sender → Receiver',
      'Severity',
      'Rule',
      'Message',
      'Location',
      'Hint',
    ]);
    const body = rows.slice(2);
    expect(body).toHaveLength(9);
    for (const row of body) expect(row).toHaveLength(7);
    expect(body[0]![3]).toBe('`signature/method-accepted`');
  });
});

describe('markdown formatter, member-state senders', () => {
  it('names the issuing country in the pair section of its document', () => {
    const output = formatToString(markdownFormatter, memberResult, context);
    const headings = output.split('\n').filter((line) => line.startsWith('### '));
    expect(headings).toContain('### ❌ `docs/waybill-kz.json` (waybill from KZ (KG))');
    expect(headings).toContain('### ❌ `docs/invoice-ru.xml` (invoice)');
  });

  it('names it in the Sender → Receiver column of the check table', () => {
    const body = tableRows(formatToString(markdownFormatter, memberCheckResult, context)).slice(2);
    const route = (document: string) =>
      body.filter((row) => row[0] === `\`${document}\``).map((row) => row[1]);
    expect(route('docs/waybill-kz.json')).toEqual(['KZ (KG) → CN', 'KZ (KG) → CN']);
    expect(route('docs/invoice-ru.xml')).toEqual(['RU → CN', 'RU → CN', 'RU → KZ']);
  });
});

describe('markdown escaping helpers', () => {
  it('escapes markup that would change rendering', () => {
    expect(markdownText('a *b* [c](d) | e_f `g`')).toBe('a \\*b\\* \\[c\\](d) \\| e\\_f \\`g\\`');
    expect(markdownText('- not a list')).toBe('\\- not a list');
    expect(markdownText('1. not a list')).toBe('1\\. not a list');
    expect(markdownText('# not a heading')).toBe('\\# not a heading');
  });

  it('fences code spans longer than the backtick runs they contain', () => {
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('x|y')).toBe('`x\\|y`');
  });
});

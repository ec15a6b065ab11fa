/**
 * Issue #15, item 4: a 1.3 MB declaration with 6,000 bad goods items made `check --format
 * json` fail with "Invalid string length" and `matrix --format sarif` over a folder holding it
 * run out of memory. Findings are capped per document, receiver and rule, with one summary
 * finding for the rest, and the reports complete.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempTree } from '../helpers/tmp.js';

const SAMPLE = fileURLToPath(
  new URL('../../fixtures/documents/RU/customs-declaration.xml', import.meta.url),
);
const ITEMS = 6000;

interface Json {
  pairs: Array<{
    receiver: string;
    status: string;
    findings: Array<{ ruleId: string; severity: string; message: string }>;
  }>;
}

let dir: string;
let bomb: string;

beforeAll(() => {
  const xml = readFileSync(SAMPLE, 'utf8').replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '');
  const item = /<GoodsItem>[\s\S]*?<\/GoodsItem>/.exec(xml)?.[0] ?? '';
  // Commodity codes of 3 digits: wrong for every receiver that checks their length.
  const items = Array.from({ length: ITEMS }, (_, i) =>
    item
      .replace(/<Sequence>\d+</, `<Sequence>${i + 1}<`)
      .replace(/<CommodityCode>\d+</, '<CommodityCode>123<'),
  ).join('\n  ');
  dir = tempTree({});
  bomb = join(dir, 'findings-bomb.xml');
  writeFileSync(bomb, xml.replace(item, items));
  writeFileSync(join(dir, 'plain.xml'), readFileSync(SAMPLE));
});

describe('findings bomb', () => {
  it('is over a megabyte', () => {
    expect(readFileSync(bomb).length).toBeGreaterThan(1_300_000);
  });

  it('check --format json completes, with the cap and one summary per rule', async () => {
    const run = await runCli(['check', bomb, '--to', 'RU', '--as-of', '2026-12-01', '-f', 'json']);
    expect(run.code, run.stderr).toBe(1);
    const [pair] = (JSON.parse(run.stdout) as Json).pairs;
    const rules = pair?.findings.filter((f) => f.ruleId === 'document/receiver-rules') ?? [];
    expect(rules).toHaveLength(51); // 50 listed + 1 summary
    expect(rules[50]).toMatchObject({
      messageId: 'moreFindings',
      data: { ruleId: 'document/receiver-rules', max: '50' },
    });
    // The summary's text is what a reader sees in place of the rest.
    expect(rules[50]?.message).toMatch(
      /^[\d,]+ more document\/receiver-rules findings not listed \([\d,]+ errors; the first 50 are shown, --max-findings-per-rule\)$/,
    );
    expect(rules[50]?.severity).toBe('error');
    expect(pair?.status).toBe('fail');
  });

  it('--max-findings-per-rule sets the cap; a bad value is exit 2', async () => {
    const args = ['check', bomb, '--to', 'RU', '--as-of', '2026-12-01', '-f', 'json'];
    const run = await runCli([...args, '--max-findings-per-rule', '3']);
    const [pair] = (JSON.parse(run.stdout) as Json).pairs;
    const rules = pair?.findings.filter((f) => f.ruleId === 'document/receiver-rules') ?? [];
    expect(rules).toHaveLength(4);
    expect(rules[3]).toMatchObject({
      messageId: 'moreFindings',
      data: { count: '5,997', max: '3' },
    });
    const bad = await runCli([...args, '--max-findings-per-rule', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--max-findings-per-rule expects a positive integer, got "0"/);
  });

  it('matrix --format sarif over the folder completes and lists both documents', async () => {
    const run = await runCli([
      'matrix',
      '--docs',
      dir,
      '--as-of',
      '2026-12-01',
      '--format',
      'sarif',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const sarif = JSON.parse(run.stdout) as {
      runs: Array<{ results: Array<{ message: { text: string }; locations?: unknown[] }> }>;
    };
    const results = sarif.runs[0]?.results ?? [];
    expect(results.some((r) => /more document\/receiver-rules findings/.test(r.message.text))).toBe(
      true,
    );
    expect(run.stdout.length).toBeLessThan(20_000_000);
  });
});

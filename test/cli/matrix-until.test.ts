import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MatrixResult } from '../../src/engine/types.js';
import { runCli } from '../helpers/cli.js';
import { tempTree } from '../helpers/tmp.js';

/**
 * `matrix --until`: the result carries the forecast of the cells that change status after
 * --as-of (as `corridor forecast` computes it), which the HTML report shows on each cell.
 */
function untilCorpus(): { dir: string; docs: string } {
  const dir = tempTree({});
  const docs = join(dir, 'docs');
  mkdirSync(docs);
  // IN signs RSA PKCS#1 v1.5 with SHA-256, which the EU accepts only until 2028-12-31.
  copyFileSync('fixtures/documents/IN/customs-declaration.json', join(docs, 'in.json'));
  copyFileSync('fixtures/documents/RU/customs-declaration.xml', join(docs, 'ru.xml'));
  copyFileSync('test/hostile/cases/empty.xml', join(docs, 'empty.xml'));
  return { dir, docs };
}

const { dir, docs } = untilCorpus();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = ['matrix', '--docs', docs, '--as-of', '2026-12-01', '--no-config'];

describe('matrix --until', () => {
  it('adds the forecast to the result: each cell change with its date and reasons', async () => {
    const out = join(dir, 'until.json');
    const run = await runCli([...base, '--until', '2031-12-01', '--output', `json:${out}`]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8')) as MatrixResult;
    expect(result.forecast?.until).toBe('2031-12-01');
    const inToEu = result.forecast?.changes.find((c) => c.sender === 'IN' && c.receiver === 'EU');
    expect(inToEu).toMatchObject({ date: '2029-01-01', before: 'warn', after: 'fail' });
    expect(inToEu?.reasons.join(' ')).toContain('signature/algorithm-sunset');
    // Every change falls after --as-of and by --until.
    for (const change of result.forecast?.changes ?? []) {
      expect(change.date > '2026-12-01' && change.date <= '2031-12-01').toBe(true);
    }
    // The JSON contract (schemas/matrix-output.schema.json) accepts it: merge reads it back,
    // and drops the forecast (a shard's forecast speaks for its documents only).
    const merged = join(dir, 'merged.json');
    const merge = await runCli(['merge', out, '--no-config', '--output', `json:${merged}`]);
    expect(merge.stderr).toBe('');
    expect(merge.code).toBe(0);
    expect((JSON.parse(readFileSync(merged, 'utf8')) as MatrixResult).forecast).toBeUndefined();
  });

  it('lists the changes in text and markdown', async () => {
    const text = await runCli([...base, '--until', '2031-12-01']);
    expect(text.stdout).toContain('Changes by 2031-12-01');
    expect(text.stdout).toMatch(
      /IN → EU: warn → fail from 2029-01-01 — signature\/algorithm-sunset: /,
    );
    const markdown = await runCli([...base, '--until', '2031-12-01', '-f', 'markdown']);
    expect(markdown.stdout).toContain('## Changes by 2031-12-01');
    expect(markdown.stdout).toMatch(
      /\| IN → EU \| warn → fail from 2029-01-01 \| signature\/algorithm-sunset/,
    );
  });

  it('an earlier --until sees fewer changes; without it there is no forecast', async () => {
    const out = join(dir, 'short.json');
    await runCli([...base, '--until', '2029-06-30', '--output', `json:${out}`]);
    const result = JSON.parse(readFileSync(out, 'utf8')) as MatrixResult;
    expect(result.forecast?.changes.length).toBeGreaterThan(0);
    expect(result.forecast?.changes.every((c) => c.date <= '2029-06-30')).toBe(true);
    const plain = join(dir, 'plain.json');
    await runCli([...base, '--output', `json:${plain}`]);
    expect('forecast' in (JSON.parse(readFileSync(plain, 'utf8')) as object)).toBe(false);
  });

  it('refuses a bad or earlier --until before the run (exit 2)', async () => {
    const before = await runCli([...base, '--until', '2026-11-30']);
    expect(before.code).toBe(2);
    expect(before.stderr).toContain('--until is before --as-of');
    const bad = await runCli([...base, '--until', '2026-13-01']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--until');
    expect(bad.stderr).not.toContain('--as-of');
  });
});

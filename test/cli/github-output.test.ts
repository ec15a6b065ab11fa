import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempTree } from '../helpers/tmp.js';

describe('--format github on the shipped matrix', () => {
  it('fits GitHub: at most 50 annotations, errors first, a notice, and a job summary', async () => {
    const dir = tempTree({});
    const summary = join(dir, 'summary.md');
    process.env['GITHUB_STEP_SUMMARY'] = summary;
    let run;
    try {
      run = await runCli([
        'matrix',
        '--no-config',
        '--as-of',
        '2026-12-01',
        '-f',
        'github',
        '--output',
        `sarif:${join(dir, 'corridor.sarif')}`,
      ]);
    } finally {
      delete process.env['GITHUB_STEP_SUMMARY'];
    }
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.every((line) => line.startsWith('::'))).toBe(true);
    expect(lines.length).toBeLessThanOrEqual(51);
    const last = lines[lines.length - 1]!;
    expect(last).toMatch(
      /^::notice title=corridor%3A annotations capped::corridor: \d+ more annotations not shown/,
    );
    expect(last).toContain('corridor.sarif');
    const kinds = lines.slice(0, -1).map((line) => /^::(\w+)/.exec(line)![1]);
    const ranks = kinds.map((kind) => ['error', 'warning', 'notice'].indexOf(kind!));
    expect(ranks[0]).toBe(0);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

    const markdown = readFileSync(summary, 'utf8');
    expect(markdown).toContain('## corridor matrix · as of 2026-12-01');
    expect(markdown).toMatch(/\| \*\*RU\*\* \| .*❌ fail \d+\/6/);
    expect(markdown).toContain('### Why cells fail');
    expect(markdown).toMatch(/50 of \d+ annotations shown/);
  });
});

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { MatrixResult } from '../../src/engine/types.js';
import { runCli } from '../helpers/cli.js';
import { tempTree } from '../helpers/tmp.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const LICENCE = fileURLToPath(new URL('../../fixtures/documents/AM/licence.xml', import.meta.url));

describe('what a newcomer runs into', () => {
  it.each([
    [['algorithms', '--kind', 'foo'], /argument 'foo' is invalid/],
    [['algorithms', '-f', 'csv'], /argument 'csv' is invalid/],
    [['profiles', 'list', '-f', 'csv'], /argument 'csv' is invalid/],
    [['doctypes', 'list', '-f', 'yaml'], /argument 'yaml' is invalid/],
  ])('%j is refused with exit 2', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('check <folder> says to use matrix --docs', async () => {
    const dir = tempTree({ 'a.xml': '<a/>' });
    const run = await runCli(['check', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${dir} is a folder`);
    expect(run.stderr).toContain(`corridor matrix --docs ${dir}`);
  });

  it('check - reads the document from standard input', () => {
    const script = `const { main } = await import(${JSON.stringify(MAIN)});
process.exitCode = await main(['node', 'corridor', 'check', '-', '--to', 'AM', '--as-of', '2026-12-01', '-f', 'json', '--no-config']);`;
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        input: readFileSync(LICENCE),
        encoding: 'utf8',
        env: { ...process.env, CI: '1' },
      },
    );
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as MatrixResult;
    expect(result.pairs).toHaveLength(1);
    expect(result.pairs[0]).toMatchObject({ document: '-', sender: 'AM', documentType: 'licence' });
  });

  it('the trust message names a self-signed CA once', async () => {
    const run = await runCli([
      'check',
      LICENCE,
      '--to',
      'BY',
      '--as-of',
      '2026-12-01',
      '--no-config',
    ]);
    const line = run.stdout.split('\n').find((l) => l.includes('no trusted issuer found'))!;
    expect(line).toContain('(self-signed, not a trust anchor here)');
    expect(line.match(/CN=corridor TEST ONLY AM CA/g)).toHaveLength(1);
  });
});

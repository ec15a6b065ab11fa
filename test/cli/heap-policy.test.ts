import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  HEAP_GROWING_PERCENT,
  MATRIX_HEAP_FLAGS,
  matrixHeapPolicyApplied,
} from '../../src/cli/heap-policy.js';
import { main } from '../../src/cli/main.js';

describe('heap policy', () => {
  const work = mkdtempSync(join(tmpdir(), 'corridor-heap-policy-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("names flags this Node's V8 knows (a renamed flag would be ignored without a word)", () => {
    const known = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' });
    const names = [...MATRIX_HEAP_FLAGS, `--heap-growing-percent=${HEAP_GROWING_PERCENT}`].map(
      (flag) => flag.replace(/^--(no-)?/, '').replace(/=.*$/, ''),
    );
    for (const name of names) expect(known).toContain(`--${name} `);
  });

  it('is applied by matrix only', async () => {
    const quiet = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const listed = await main(['node', 'corridor', 'profiles', 'list', '-f', 'json']).finally(() =>
      quiet.mockRestore(),
    );
    expect(listed).toBe(0);
    // Not for another command.
    expect(matrixHeapPolicyApplied()).toBe(false);
    const code = await main([
      'node',
      'corridor',
      'matrix',
      '--docs',
      work,
      '--as-of',
      '2026-12-01',
      '-f',
      'json',
      '-o',
      join(work, 'm.json'),
      '--no-config',
    ]);
    expect(code).toBe(0);
    expect(matrixHeapPolicyApplied()).toBe(true);
  });
});

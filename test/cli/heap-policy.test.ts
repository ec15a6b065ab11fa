import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  HEAP_GROWING_PERCENT,
  MATRIX_HEAP_FLAGS,
  matrixHeapPolicyApplied,
} from '../../src/cli/heap-policy.js';
import { runVerify } from '../../src/cli/actions/verify.js';
import { main } from '../../src/cli/main.js';

describe('heap policy', () => {
  const work = mkdtempSync(join(tmpdir(), 'corridor-heap-policy-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("names flags this Node's V8 knows (a renamed flag would be ignored without a word)", () => {
    const known = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' });
    const names = [
      ...MATRIX_HEAP_FLAGS,
      `--heap-growing-percent=${HEAP_GROWING_PERCENT}`,
      '--semi-space-growth-factor=1',
    ].map((flag) => flag.replace(/^--(no-)?/, '').replace(/=.*$/, ''));
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

  it("grows verify's young generation once to its size, then holds it", () => {
    const { target, last, max } = youngGenerationRun(
      'const step = policy.applyVerifyHeapPolicy(target / (1024 * 1024));',
    );
    expect(last).toBe(target);
    expect(max).toBe(target);
  });

  it('lets verify take its step after each document it reads', () => {
    const documents = fileURLToPath(new URL('../../fixtures/documents/', import.meta.url));
    const files = ['EU/licence.xml', 'RU/customs-declaration.xml', 'CN/ceb311.xml'].map((file) =>
      join(documents, file),
    );
    let steps = 0;
    const result = runVerify(files, { format: 'json' }, () => steps++);
    expect(result.exitCode).not.toBe(2);
    expect(steps).toBe(files.length);
  });

  it("grows a matrix's young generation to a size once documents flow, and holds it there", () => {
    const { target, last, max } = youngGenerationRun(`
if (policy.youngGenerationStep() !== undefined) throw new Error('a step without the matrix policy');
policy.applyMatrixHeapPolicy();
const step = policy.youngGenerationStep(target / (1024 * 1024));`);
    // Reached (V8 read the growth factor set at run time), then held: never grown past it.
    expect(last).toBe(target);
    expect(max).toBe(target);
  });
});

/**
 * The semi-space sizes of a fresh process whose young generation is stepped by `makeStep` (code
 * that defines `step` from `policy`, the heap-policy module, and `target`) after each of 300
 * documents' worth of allocation. A fresh process: the flags are process-wide, and V8 sizes the
 * heap when it starts. Under tsx its young generation may already have grown past the shipped
 * sizes (its loader thread resets the growth factor), so the target is twice the start size.
 */
function youngGenerationRun(makeStep: string): Record<'target' | 'last' | 'max', number> {
  const policyFile = fileURLToPath(new URL('../../src/cli/heap-policy.ts', import.meta.url));
  const script = `
const policy = await import(${JSON.stringify(policyFile)});
const { getHeapSpaceStatistics } = await import('node:v8');
const semiSpace = () =>
  getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 2;
const target = 2 * semiSpace();
${makeStep}
const sizes = [];
let kept = [];
for (let document = 0; document < 300; document++) {
  // What a document leaves alive for a while: enough to grow V8's default young generation.
  for (let i = 0; i < 4000; i++) kept.push({ i, text: 'value ' + i });
  if (kept.length > 40000) kept = kept.slice(20000);
  step();
  sizes.push(semiSpace());
}
console.log(JSON.stringify({ target, last: sizes.at(-1), max: Math.max(...sizes) }));`;
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    {
      encoding: 'utf8',
    },
  );
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as Record<'target' | 'last' | 'max', number>;
}

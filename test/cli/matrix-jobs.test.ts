import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { generatedCorpus } from '../helpers/generated-corpus.js';

const FORMATS = ['json', 'sarif', 'junit', 'csv', 'html', 'markdown', 'text', 'github'] as const;

describe('matrix --jobs', () => {
  // The generated corpus with its negative samples: every family, both document kinds, tampered
  // and hostile documents. With two threads the main thread and a worker both evaluate chunks
  // of it (engine/pool.ts), the worker's answers packed (engine/pair-pack.ts).
  const { out, profilesDir } = generatedCorpus();
  const dir = mkdtempSync(join(tmpdir(), 'corridor-jobs-'));
  const base = ['matrix', '--docs', out, '--profiles', profilesDir, '--as-of', '2026-12-01'];

  async function reports(jobs: string): Promise<Record<string, string>> {
    const outputs = FORMATS.flatMap((f) => ['--output', `${f}:${join(dir, `r.${f}`)}`]);
    const run = await runCli([...base, '--jobs', jobs, ...outputs]);
    expect(run.stderr).not.toMatch(/internal/);
    return Object.fromEntries(FORMATS.map((f) => [f, readFileSync(join(dir, `r.${f}`), 'utf8')]));
  }

  it('writes every format byte for byte as one thread does, documents in order', async () => {
    const single = await reports('1');
    const pooled = await reports('2');
    for (const format of FORMATS) expect(pooled[format], format).toBe(single[format]);
    expect(JSON.parse(single.json!).documents.length).toBeGreaterThan(40);
  });

  it('prints the same text grid when no pair is kept', async () => {
    const single = await runCli([...base, '--jobs', '1', '-f', 'text']);
    const pooled = await runCli([...base, '--jobs', '2', '-f', 'text']);
    expect(pooled.code).toBe(single.code);
    expect(pooled.stdout).toContain('sender ↓ receiver →');
    expect(pooled.stdout).toBe(single.stdout);
  });
});

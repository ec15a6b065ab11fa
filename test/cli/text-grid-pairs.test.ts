import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MatrixResult } from '../../src/engine/types.js';
import { runCli } from '../helpers/cli.js';
import { generatedCorpus } from '../helpers/generated-corpus.js';

describe('matrix -f text with another report', () => {
  it('keeps every pair for the other report (pairs are dropped only when text is all)', async () => {
    const { out, profilesDir } = generatedCorpus();
    const file = join(mkdtempSync(join(tmpdir(), 'corridor-text-grid-')), 'm.json');
    const base = ['matrix', '--docs', `${out}/documents`, '--profiles', profilesDir];
    const alone = await runCli([...base, '-f', 'json', '--as-of', '2026-12-01']);
    const both = await runCli([
      ...base,
      '-f',
      'text',
      '--output',
      `json:${file}`,
      '--as-of',
      '2026-12-01',
    ]);
    expect(both.stdout).toContain('sender ↓ receiver →');
    const written = JSON.parse(readFileSync(file, 'utf8')) as MatrixResult;
    expect(written.pairs.length).toBeGreaterThan(0);
    expect(readFileSync(file, 'utf8')).toBe(alone.stdout);
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProfileDiffResult } from '../../src/engine/profile-diff.js';
import { runCli } from '../helpers/cli.js';
import { tempTree } from '../helpers/tmp.js';
import { unsignedDeclaration } from '../helpers/documents.js';

const declaration = (code: string) => unsignedDeclaration(code);

const accepts = { 'customs-declaration': { accepted: true } };
const AA = { id: 'AA', name: 'A', kind: 'jurisdiction', version: '1', documents: accepts };
const RR = { id: 'RR', name: 'R', kind: 'jurisdiction', version: '1', documents: accepts };
/** The draft: RR starts to require signatures. */
const RR2 = { ...RR, version: '2', signature: { required: true } };
const OO = { id: 'OO', name: 'O', kind: 'jurisdiction', version: '1', documents: accepts };

function setup() {
  const dir = tempTree({
    'old/AA.json': AA,
    'old/RR.json': RR,
    'old/OO.json': OO,
    'new/AA.json': AA,
    'new/RR.json': RR2,
    'draft/RR.json': RR2,
    'docs/a.xml': declaration('12345678'),
    'docs/b.xml': declaration('87654321'),
  });
  return { dir, at: (p: string) => join(dir, p) };
}

describe('corridor profiles diff', () => {
  it('reports the cells and documents that change status, with findings added', async () => {
    const { at } = setup();
    const run = await runCli([
      'profiles',
      'diff',
      at('old'),
      at('new'),
      '--docs',
      at('docs'),
      '-f',
      'json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as ProfileDiffResult;
    expect(result.profilesChanged).toEqual(['RR']);
    expect(result.profilesRemoved).toEqual(['OO']);
    expect(result.profilesAdded).toEqual([]);
    expect(result.cells).toContainEqual(
      expect.objectContaining({ sender: 'AA', receiver: 'RR', before: 'ok', after: 'fail' }),
    );
    expect(result.cells).toContainEqual(
      expect.objectContaining({ sender: 'AA', receiver: 'OO', before: 'ok', after: 'absent' }),
    );
    // AA → AA does not change: not listed.
    expect(result.cells.find((c) => c.receiver === 'AA')).toBeUndefined();
    const toRR = result.pairs.filter((p) => p.receiver === 'RR');
    expect(toRR).toHaveLength(2);
    for (const pair of toRR) {
      expect(pair.added.map((f) => f.ruleId)).toEqual(['signature/required']);
      expect(pair.removed).toEqual([]);
    }
  });

  it('a single profile file is laid over the base folder', async () => {
    const { at } = setup();
    const run = await runCli([
      'profiles',
      'diff',
      at('old/RR.json'),
      at('draft/RR.json'),
      '--profiles',
      at('old'),
      '--docs',
      at('docs'),
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('profiles changed: RR (1 → 2)');
    expect(run.stdout).toContain('AA → RR: ok → fail');
    expect(run.stdout).toContain('+ error signature/required');
    expect(run.stdout).not.toContain('AA → OO'); // OO is in the base on both sides
  });

  it('--fail-on-worse exits 1 on a regression, 0 on an improvement', async () => {
    const { at } = setup();
    const args = ['--docs', at('docs'), '--fail-on-worse'];
    expect((await runCli(['profiles', 'diff', at('old'), at('new'), ...args])).code).toBe(1);
    const better = await runCli([
      'profiles',
      'diff',
      at('new'),
      at('old'),
      ...args,
      '-f',
      'markdown',
    ]);
    expect(better.code).toBe(0);
    expect(better.stdout).toContain('| AA → RR | fail | ok |');
    expect(better.stdout).toContain('- ➖ error signature/required');
    const same = await runCli(['profiles', 'diff', at('old'), at('old'), ...args]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('No cell or document changes status.');
  });

  it('missing profiles and unknown formats are exit 2', async () => {
    const { at } = setup();
    const missing = await runCli(['profiles', 'diff', at('old'), at('nope'), '--docs', at('docs')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('profiles not found');
    const format = await runCli(['profiles', 'diff', at('old'), at('new'), '-f', 'csv']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('unknown --format "csv" for profiles diff');
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempTree } from '../helpers/tmp.js';

const CONSTRAINTS = fileURLToPath(new URL('../../src/constraints/constraints.ts', import.meta.url));
const LOAD = fileURLToPath(new URL('../../src/profiles/load.ts', import.meta.url));

/** A profile whose constraint uses a code list, a pattern and a format (all inlined as code). */
const profiles = tempTree({
  'AA.json': {
    id: 'AA',
    name: 'AA',
    kind: 'jurisdiction',
    version: '1',
    documents: {
      licence: {
        accepted: true,
        constraints: [
          {
            id: 'c1',
            schema: {
              required: ['licenceNumber'],
              properties: {
                issuingCountry: { $ref: 'urn:corridor:code-list:iso3166-alpha2' },
                licenceNumber: { type: 'string', pattern: '^L-[0-9]+$' },
                issueDate: { type: 'string', format: 'date' },
                cacheProbe: { const: 'v-5521' },
              },
            },
          },
        ],
      },
    },
  },
});

/** Evaluates the constraint in a fresh process (the in-memory cache starts empty). */
function evaluate(env: Record<string, string>): string[] {
  const script = `
    const { loadProfiles } = await import(${JSON.stringify(LOAD)});
    const { constraintSetFor } = await import(${JSON.stringify(CONSTRAINTS)});
    const set = constraintSetFor(loadProfiles(${JSON.stringify(profiles)}).profiles.get('AA'));
    const out = [
      ...set.evaluate('licence', { issuingCountry: 'XX', licenceNumber: 'L-x', issueDate: '2026-13-01' }),
      ...set.evaluate('licence', { issuingCountry: 'KZ', licenceNumber: 'L-1', issueDate: '2026-01-31' }),
    ].map((v) => v.pointer + ' ' + v.message);
    process.stdout.write(JSON.stringify(out));
  `;
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    { encoding: 'utf8', env: { ...process.env, ...env } },
  );
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as string[];
}

describe('compiled validators cached on disk', () => {
  it('a warm or damaged cache gives what compiling gives; CORRIDOR_CACHE=0 writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corridor-cache-'));
    const off = evaluate({ CORRIDOR_CACHE: '0', CORRIDOR_CACHE_DIR: dir });
    expect(readdirSync(dir)).toEqual([]);
    expect(off.map((line) => line.split(' ')[0]).sort()).toEqual([
      '/issueDate',
      '/issuingCountry',
      '/licenceNumber',
    ]);

    expect(evaluate({ CORRIDOR_CACHE_DIR: dir })).toEqual(off); // cold: compiles and stores
    const entries = readdirSync(dir);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((name) => name.endsWith('.cjs'))).toBe(true);
    expect(evaluate({ CORRIDOR_CACHE_DIR: dir })).toEqual(off); // warm: loads the code

    for (const name of entries) writeFileSync(join(dir, name), 'module.exports = (;');
    expect(evaluate({ CORRIDOR_CACHE_DIR: dir })).toEqual(off); // damaged: compiles again
    expect(evaluate({ CORRIDOR_CACHE_DIR: dir })).toEqual(off); // and rewrote it
    for (const name of entries)
      expect(readFileSync(join(dir, name), 'utf8')).not.toBe('module.exports = (;');
  });

  it('an unwritable cache folder is no error', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'corridor-cache-')), 'a-file');
    writeFileSync(file, '');
    expect(evaluate({ CORRIDOR_CACHE_DIR: join(file, 'below') })).toHaveLength(3);
  });
});

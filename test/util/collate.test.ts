import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareText } from '../../src/util/collate.js';
import { tempTree } from '../helpers/tmp.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLE = join(ROOT, 'fixtures/documents/EU/licence.xml');

/** The --docs order and the machine's own collation, in a process under `locale`. */
function underLocale(locale: string, docs: string): { order: string; machine: string } {
  const run = join(ROOT, 'src/engine/run.ts');
  const script = `
const { findDocuments } = await import(${JSON.stringify(run)});
const names = findDocuments(${JSON.stringify(docs)}).map((f) => f.slice(f.lastIndexOf('/') + 1, -4));
const machine = [...names].sort((a, b) => a.localeCompare(b));
console.log(JSON.stringify({ order: names.join(' '), machine: machine.join(' ') }));`;
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    {
      encoding: 'utf8',
      env: { ...process.env, LC_ALL: locale, LANG: locale },
    },
  );
  expect(child.stderr).toBe('');
  return JSON.parse(child.stdout) as { order: string; machine: string };
}

describe('the order of reports', () => {
  it('is the same whatever the locale of the machine that runs corridor', () => {
    const docs = tempTree({});
    for (const name of ['z', 'y', 't', 'j', 'i']) copyFileSync(SAMPLE, join(docs, `${name}.xml`));
    const c = underLocale('C', docs);
    const lithuanian = underLocale('lt_LT.UTF-8', docs);
    const estonian = underLocale('et_EE.UTF-8', docs);
    // The machine's own collation does differ there (Y between I and J, Z before T)...
    expect(lithuanian.machine).toBe('i y j t z');
    expect(estonian.machine).toBe('i j z t y');
    // ...and corridor's order does not.
    expect(c.order).toBe('i j t y z');
    expect(lithuanian.order).toBe(c.order);
    expect(estonian.order).toBe(c.order);
  });

  it('is the English collator, also where ids are compared without it', () => {
    const english = new Intl.Collator('en');
    const same = (a: string, b: string) =>
      expect(Math.sign(compareText(a, b)), `${a} ~ ${b}`).toBe(Math.sign(english.compare(a, b)));
    // Every pair of the characters ids are compared by code units for, and some others.
    const chars = [...'-./0123456789abcxyzABCXYZ_ ~é'];
    for (const a of chars) for (const b of chars) same(a, b);
    // Ids and paths of those characters, of one letter case or both.
    const text = (alphabet: string) =>
      fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }).map((c) => c.join(''));
    const anyText = fc.oneof(
      text('-./0123456789abz'),
      text('-./0123456789ABZ'),
      text('-./09aAzZ_ é'),
    );
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        same(a, b);
      }),
      { numRuns: 3000 },
    );
    // The ids corridor ships, as the profile schema allows them.
    same('TTP-EAEU', 'TJ');
    same('EU', 'EAEU');
    same('signature/trusted', 'signature/algorithm-strength');
  });
});

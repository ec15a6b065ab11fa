import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
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
});

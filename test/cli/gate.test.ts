import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MatrixResult } from '../../src/engine/types.js';
import { runCli } from '../helpers/cli.js';
import { tempTree } from '../helpers/tmp.js';
import { RECEIVER_PROFILES, unsignedDeclaration } from '../helpers/documents.js';

const declaration = (code: string, padding = '') => unsignedDeclaration(code, { padding });

const profiles = RECEIVER_PROFILES;

function setup(docs: Record<string, string>) {
  const dir = tempTree({
    ...Object.fromEntries(Object.entries(profiles).map(([k, v]) => [`profiles/${k}`, v])),
    ...Object.fromEntries(Object.entries(docs).map(([k, v]) => [`docs/${k}`, v])),
  });
  return {
    dir,
    p: join(dir, 'profiles'),
    docs: join(dir, 'docs'),
    doc: (name: string) => join(dir, 'docs', name),
  };
}

const json = (stdout: string) => JSON.parse(stdout) as MatrixResult;

describe('--max-warnings', () => {
  it('exits 1 only when warnings exceed n, like ESLint', async () => {
    const { p, doc } = setup({ 'a.xml': declaration('123'), 'b.xml': declaration('1234') });
    const base = ['check', doc('a.xml'), doc('b.xml'), '--to', 'CC', '--profiles', p];
    expect((await runCli(base)).code).toBe(0); // two warnings, no errors
    expect((await runCli([...base, '--max-warnings', '2'])).code).toBe(0);
    const over = await runCli([...base, '--max-warnings', '1']);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('2 warnings exceed --max-warnings 1');
  });

  it('applies to matrix too, and rejects a bad number with exit 2', async () => {
    const { p, docs } = setup({ 'a.xml': declaration('123') });
    const base = ['matrix', '--docs', docs, '--profiles', p];
    expect((await runCli([...base, '--max-warnings', '0'])).code).toBe(1);
    expect((await runCli([...base, '--max-warnings', '1'])).code).toBe(0);
    const bad = await runCli([...base, '--max-warnings', '-1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-warnings expects a whole number');
    expect(bad.stderr).not.toContain('    at ');
  });
});

describe('baseline', () => {
  it('create records findings by rule, pair, document and path — no message or line', async () => {
    const { dir, p, docs } = setup({ 'a.xml': declaration('123') });
    const out = join(dir, 'corridor-baseline.json');
    const created = await runCli([
      'baseline',
      'create',
      '--docs',
      docs,
      '--profiles',
      p,
      '-o',
      out,
    ]);
    expect(created.code).toBe(0);
    const file = JSON.parse(readFileSync(out, 'utf8')) as {
      $schema: string;
      version: number;
      findings: Array<Record<string, unknown>>;
    };
    expect(file.$schema).toBe('urn:corridor:baseline:1');
    expect(file.version).toBe(1);
    const bb = file.findings.find((f) => f.receiver === 'BB');
    expect(bb).toMatchObject({
      ruleId: 'signature/required',
      sender: 'AA',
      document: 'docs/a.xml',
      count: 1,
    });
    const cc = file.findings.find((f) => f.receiver === 'CC');
    expect(cc?.ruleId).toBe('document/receiver-rules');
    expect(cc?.path).toEqual(expect.any(String));
    for (const entry of file.findings) {
      expect(entry).not.toHaveProperty('message');
      expect(entry).not.toHaveProperty('line');
    }
  });

  it('--baseline drops known findings from output and exit code; new findings still fail', async () => {
    const { dir, p, doc } = setup({ 'a.xml': declaration('123'), 'b.xml': declaration('1234') });
    const out = join(dir, 'baseline.json');
    await runCli(['baseline', 'create', doc('a.xml'), '--to', 'BB', '--profiles', p, '-o', out]);
    const known = await runCli([
      'check',
      doc('a.xml'),
      '--to',
      'BB',
      '--profiles',
      p,
      '--baseline',
      out,
      '-f',
      'json',
    ]);
    expect(known.code).toBe(0);
    const result = json(known.stdout);
    expect(result.pairs[0]?.findings).toEqual([]);
    expect(result.pairs[0]?.status).toBe('ok');
    expect(result.cells[0]?.status).toBe('ok');
    expect(result.baseline).toEqual({ suppressed: 1, stale: [] });
    expect(known.stderr).toContain('1 known finding suppressed');

    // b.xml is not in the baseline: its error still gates.
    const fresh = await runCli([
      'check',
      doc('a.xml'),
      doc('b.xml'),
      '--to',
      'BB',
      '--profiles',
      p,
      '--baseline',
      out,
    ]);
    expect(fresh.code).toBe(1);
    expect(fresh.stdout).toContain('b.xml');
  });

  it('moved lines keep matching (the line is not part of the key)', async () => {
    const { dir, p, doc } = setup({ 'a.xml': declaration('123') });
    const out = join(dir, 'baseline.json');
    await runCli(['baseline', 'create', doc('a.xml'), '--to', 'CC', '--profiles', p, '-o', out]);
    writeFileSync(doc('a.xml'), declaration('123', '\n\n  <!-- moved down -->\n'));
    const run = await runCli([
      'check',
      doc('a.xml'),
      '--to',
      'CC',
      '--profiles',
      p,
      '--baseline',
      out,
      '--fail-on',
      'warning',
      '-f',
      'json',
    ]);
    expect(run.code).toBe(0);
    expect(json(run.stdout).baseline?.suppressed).toBe(1);
  });

  it('reports stale entries on stderr and in JSON, without failing', async () => {
    const { dir, p, doc, docs } = setup({ 'a.xml': declaration('123') });
    const out = join(dir, 'baseline.json');
    await runCli(['baseline', 'create', '--docs', docs, '--profiles', p, '-o', out]);
    writeFileSync(doc('a.xml'), declaration('12345678')); // the CC warning is fixed
    const run = await runCli([
      'matrix',
      '--docs',
      docs,
      '--profiles',
      p,
      '--baseline',
      out,
      '-f',
      'json',
    ]);
    expect(run.code).toBe(0);
    const stale = json(run.stdout).baseline?.stale ?? [];
    expect(stale).toHaveLength(1);
    expect(stale[0]).toMatchObject({ ruleId: 'document/receiver-rules', receiver: 'CC' });
    expect(run.stderr).toContain('1 stale baseline entry');
    expect(run.stderr).toContain('document/receiver-rules AA → CC docs/a.xml');
  });

  it('a check of other receivers does not call the rest of the baseline stale', async () => {
    const { dir, p, doc, docs } = setup({ 'a.xml': declaration('123') });
    const out = join(dir, 'baseline.json');
    await runCli(['baseline', 'create', '--docs', docs, '--profiles', p, '-o', out]);
    const run = await runCli([
      'check',
      doc('a.xml'),
      '--to',
      'BB',
      '--profiles',
      p,
      '--baseline',
      out,
      '-f',
      'json',
    ]);
    expect(json(run.stdout).baseline).toEqual({ suppressed: 1, stale: [] });
  });

  it('an unreadable or foreign baseline is exit 2 with a message', async () => {
    const { dir, p, doc } = setup({ 'a.xml': declaration('123') });
    const missing = await runCli([
      'check',
      doc('a.xml'),
      '--profiles',
      p,
      '--baseline',
      join(dir, 'nope.json'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read file');
    writeFileSync(join(dir, 'wrong.json'), JSON.stringify({ findings: [] }));
    const wrong = await runCli([
      'check',
      doc('a.xml'),
      '--profiles',
      p,
      '--baseline',
      join(dir, 'wrong.json'),
    ]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('not a corridor baseline');
    const noOutput = await runCli(['baseline', 'create', doc('a.xml'), '--profiles', p]);
    expect(noOutput.code).toBe(2);
  });
});

describe('--shard', () => {
  it('rejects malformed shards with exit 2', async () => {
    const { p, docs } = setup({ 'a.xml': declaration('123') });
    for (const shard of ['0/3', '4/3', '1', 'a/b', '1/0']) {
      const run = await runCli(['matrix', '--docs', docs, '--profiles', p, '--shard', shard]);
      expect(run.code, shard).toBe(2);
      expect(run.stderr).toContain('--shard expects i/n');
    }
  });
});

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { MatrixResult } from '../../src/engine/types.js';
import { runCli } from '../helpers/cli.js';
import { tempTree } from '../helpers/tmp.js';
import { RECEIVER_PROFILES, unsignedDeclaration } from '../helpers/documents.js';

// Two warnings (CC wants 8-digit commodity codes) and BB's error (BB requires a signature).
function project(config?: object) {
  return tempTree({
    ...Object.fromEntries(Object.entries(RECEIVER_PROFILES).map(([k, v]) => [`policy/${k}`, v])),
    'docs/a.xml': unsignedDeclaration('123'),
    ...(config ? { 'corridor.config.json': config } : {}),
  });
}

async function inDir<T>(dir: string, body: () => Promise<T>): Promise<T> {
  const before = process.cwd();
  process.chdir(dir);
  try {
    return await body();
  } finally {
    process.chdir(before);
  }
}

describe('corridor.config.json', () => {
  it('is found from a subfolder, with paths relative to it, and sets the run', async () => {
    const dir = project({
      $schema: './node_modules/corridor/schemas/config.schema.json',
      profiles: 'policy',
      docs: 'docs',
      asOf: '2026-12-01',
      failOn: 'warning',
      outputs: [{ format: 'json' }, { format: 'sarif', file: 'out/corridor.sarif' }],
    });
    mkdirSync(join(dir, 'sub', 'deeper'), { recursive: true });
    mkdirSync(join(dir, 'out'));
    const run = await inDir(join(dir, 'sub', 'deeper'), () => runCli(['matrix']));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1); // failOn warning from the config
    const result = JSON.parse(run.stdout) as MatrixResult;
    expect(result.asOf.slice(0, 10)).toBe('2026-12-01');
    expect([...result.profiles].sort()).toEqual(['AA', 'BB', 'CC']);
    expect(existsSync(join(dir, 'out', 'corridor.sarif'))).toBe(true);
  });

  it('is overridden by flags, and ignored with --no-config', async () => {
    const dir = project({ profiles: 'policy', docs: 'docs', failOn: 'warning' });
    const flagged = await inDir(dir, () => runCli(['matrix', '--fail-on', 'never', '-f', 'json']));
    expect(flagged.code).toBe(0);
    const ignored = await inDir(dir, () => runCli(['matrix', '--no-config', '-f', 'json']));
    const shipped = JSON.parse(ignored.stdout) as MatrixResult;
    expect(shipped.profiles.length).toBeGreaterThan(5); // the shipped profiles, not policy/
  });

  it('--config names the file; an invalid one is a usage error with the reason', async () => {
    const dir = project();
    const good = tempTree({ 'c.json': { profiles: join(dir, 'policy'), maxWarnings: 0 } });
    const run = await runCli([
      'check',
      join(dir, 'docs/a.xml'),
      '--to',
      'CC',
      '--config',
      join(good, 'c.json'),
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('1 warning exceeds --max-warnings 0');

    const bad = tempTree({ 'c.json': { profile: 'policy' } });
    const refused = await runCli(['matrix', '--config', join(bad, 'c.json')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('must NOT have additional properties "profile"');

    const broken = tempTree({ 'c.json': '{\n  "failOn": "error",\n}' });
    const syntax = await runCli(['matrix', '--config', join(broken, 'c.json')]);
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toMatch(/c\.json:3:1: invalid JSON/);
  });

  it('has a JSON Schema in the package that accepts the documented example', () => {
    const schema = JSON.parse(
      readFileSync(new URL('../../schemas/config.schema.json', import.meta.url), 'utf8'),
    ) as object;
    const validate = new Ajv2020({ strict: true }).compile(schema);
    const example = {
      $schema: './node_modules/corridor/schemas/config.schema.json',
      profiles: 'profiles/',
      docs: 'documents/',
      failOn: 'error',
      maxWarnings: 0,
      baseline: 'corridor-baseline.json',
      outputs: [{ format: 'github' }, { format: 'sarif', file: 'corridor.sarif' }],
    };
    expect(validate(example)).toBe(true);
    expect(validate({ ...example, failOn: 'sometimes' })).toBe(false);
  });
});

describe('--output <format>:<file>', () => {
  it('writes several reports from one run, -f/-o keep their meaning', async () => {
    const dir = project();
    const base = [
      'matrix',
      '--no-config',
      '--profiles',
      join(dir, 'policy'),
      '--docs',
      join(dir, 'docs'),
    ];
    const run = await runCli([
      ...base,
      '-f',
      'github',
      '--output',
      `sarif:${join(dir, 'r.sarif')}`,
      '--output',
      `junit:${join(dir, 'r.xml')}`,
      '-o',
      join(dir, 'r.github'),
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(readFileSync(join(dir, 'r.github'), 'utf8')).toContain('::error');
    expect(JSON.parse(readFileSync(join(dir, 'r.sarif'), 'utf8'))).toHaveProperty(
      'version',
      '2.1.0',
    );
    expect(readFileSync(join(dir, 'r.xml'), 'utf8')).toContain('<testsuites');

    const only = await runCli([...base, '--output', `json:${join(dir, 'only.json')}`]);
    expect(only.stdout).toBe(''); // only the named report
    expect(existsSync(join(dir, 'only.json'))).toBe(true);
  });

  it('refuses an unknown format, two reports on stdout, or two plain files before the run', async () => {
    const dir = project();
    const base = [
      'matrix',
      '--no-config',
      '--profiles',
      join(dir, 'policy'),
      '--docs',
      join(dir, 'docs'),
    ];
    for (const [args, message] of [
      [['-f', 'yaml'], 'unknown --format "yaml"'],
      [['-f', 'json', '--output', 'sarif:-'], 'only one report can go to standard output'],
      [['-o', 'a', '-o', 'b'], 'name each extra report as --output <format>:<file>'],
      [['--fail-on', 'sometimes'], '--fail-on expects error, warning or never'],
    ] as const) {
      const run = await runCli([...base, ...args]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stdout).toBe('');
    }
  });
});

describe('rule levels in corridor.config.json', () => {
  it('sets a rule off, info, warning or error for every finding it reports; the gate follows', async () => {
    const dir = project({ profiles: 'policy', docs: 'docs', asOf: '2026-12-01' });
    const base = ['matrix', '--config', join(dir, 'corridor.config.json'), '-f', 'json'];
    const before = JSON.parse((await inDir(dir, () => runCli(base))).stdout) as MatrixResult;
    const rules = new Set(before.pairs.flatMap((p) => p.findings.map((f) => f.ruleId)));
    expect(rules.has('signature/required')).toBe(true);

    const levelled = project({
      profiles: 'policy',
      docs: 'docs',
      asOf: '2026-12-01',
      failOn: 'error',
      rules: { 'signature/required': 'off', 'document/receiver-rules': 'error' },
    });
    const run = await runCli([
      'matrix',
      '--config',
      join(levelled, 'corridor.config.json'),
      '-f',
      'json',
    ]);
    const after = JSON.parse(run.stdout) as MatrixResult;
    const findings = after.pairs.flatMap((p) => p.findings);
    expect(findings.some((f) => f.ruleId === 'signature/required')).toBe(false);
    const constraint = findings.filter((f) => f.ruleId === 'document/receiver-rules');
    expect(constraint.length).toBeGreaterThan(0);
    for (const finding of constraint) expect(finding.severity).toBe('error');
    expect(after.cells.find((c) => c.receiver === 'CC')?.status).toBe('fail');
    expect(after.cells.find((c) => c.receiver === 'BB')?.status).not.toBe('fail');
    expect(run.code).toBe(1);
  });

  it('refuses an unknown rule id or level', async () => {
    const typo = tempTree({ 'c.json': { rules: { 'signature/requird': 'off' } } });
    const run = await runCli(['matrix', '--config', join(typo, 'c.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('rules: no rule "signature/requird"');
    const level = tempTree({ 'c.json': { rules: { 'signature/required': 'fatal' } } });
    expect((await runCli(['matrix', '--config', join(level, 'c.json')])).code).toBe(2);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMPILED_CLI_ENTRY as MAIN } from '../helpers/compiled-cli.js';
import { resolveProbeImport } from '../helpers/resolve-probe.js';

/**
 * Runs the compiled CLI in a fresh process and lists the CommonJS packages it loaded (ESM imports of
 * CommonJS land in require.cache). ajv, node-forge and sm-crypto-v2 are CommonJS and only the
 * engine and the verifiers import them, so they show whether a command loaded those.
 */
function loadedPackages(args: string[]): { code: number; packages: Set<string> } {
  const script = `
    import { createRequire } from 'node:module';
    const { main } = await import(${JSON.stringify(MAIN)});
    process.stdout.write = () => true;
    const code = await main(['node', 'corridor', ...${JSON.stringify(args)}]);
    const paths = Object.keys(createRequire(import.meta.url).cache);
    const names = paths.flatMap((p) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(p)?.[1] ?? []);
    process.stderr.write(JSON.stringify({ code, names }));
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
  const report = JSON.parse(run.stderr.slice(run.stderr.lastIndexOf('{"code"'))) as {
    code: number;
    names: string[];
  };
  return { code: report.code, packages: new Set(report.names) };
}

const HEAVY = ['ajv', 'node-forge', 'sm-crypto-v2'];

describe('start-up: commands load their implementation only when they run', () => {
  it.each(['--help', 'check --help', 'verify --help', 'forecast --help'])(
    '`corridor %s` loads neither ajv nor the verifiers',
    (line) => {
      const { code, packages } = loadedPackages(line.split(' '));
      expect(code).toBe(0);
      expect(packages.has('commander')).toBe(true);
      for (const name of HEAVY) expect(packages.has(name), name).toBe(false);
    },
  );

  it('a one-thread matrix loads no worker pool (piscina), a two-thread one does', () => {
    const empty = mkdtempSync(join(tmpdir(), 'corridor-startup-empty-'));
    const out = join(empty, 'matrix.json');
    try {
      const one = loadedPackages([
        'matrix',
        '--docs',
        empty,
        '--jobs',
        '1',
        '-f',
        'json',
        '-o',
        out,
      ]);
      expect(one.code).toBe(0);
      expect(one.packages.has('ajv')).toBe(true);
      expect(one.packages.has('piscina')).toBe(false);
      const two = loadedPackages([
        'matrix',
        '--docs',
        empty,
        '--jobs',
        '2',
        '-f',
        'json',
        '-o',
        out,
      ]);
      expect(two.code).toBe(0);
      expect(two.packages.has('piscina')).toBe(true);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('a command that runs does load them (the probe can see them)', () => {
    const { code, packages } = loadedPackages(['profiles', 'lint']);
    expect(code).toBe(0);
    expect(packages.has('ajv')).toBe(true);
  });
});

/** ESM packages (pkijs, asn1js) never reach require.cache: a resolve hook names them. */
function resolvedEsm(args: string[]): { code: number; specifiers: Set<string> } {
  const script = `
    const { main } = await import(${JSON.stringify(MAIN)});
    process.stdout.write = () => true;
    const code = await main(['node', 'corridor', ...${JSON.stringify(args)}]);
    process.stderr.write('CODE ' + code + '\\n');
  `;
  const run = spawnSync(
    process.execPath,
    ['--import', resolveProbeImport('RESOLVE', 'specifier'), '--input-type=module', '-e', script],
    { encoding: 'utf8', env: { ...process.env, CI: '1' } },
  );
  const specifiers = new Set([...run.stderr.matchAll(/^RESOLVE (\S+)$/gm)].map((m) => m[1]!));
  return { code: Number(/^CODE (\d+)$/m.exec(run.stderr)?.[1]), specifiers };
}

describe('start-up: profiles list and show do without the certificate parser', () => {
  it.each([
    ['profiles', 'list'],
    ['profiles', 'show', 'RU'],
    ['profiles', 'lint'],
  ])('`corridor %s %s` loads pkijs only for lint', (...args) => {
    const { code, specifiers } = resolvedEsm(args);
    expect(code).toBe(0);
    expect(specifiers.has('ajv/dist/2020.js')).toBe(true); // the hook sees imports
    expect(specifiers.has('pkijs')).toBe(args[1] === 'lint');
  });
});

describe('start-up: a command loads only the report formats it writes', () => {
  const FORMATS = ['text', 'json', 'html', 'sarif', 'markdown'];
  const doc = 'fixtures/documents/EU/licence.xml';
  const check = ['check', doc, '--to', 'KZ', '--fail-on', 'never', '--as-of', '2026-12-01'];
  const sarif = join(tmpdir(), `corridor-startup-${process.pid}.sarif`);
  afterAll(() => rmSync(sarif, { force: true }));
  it.each([
    [['verify', doc, '-f', 'json'], []],
    [['verify', doc], []],
    [['--help'], []],
    [[...check, '-f', 'json'], ['json']],
    [
      [...check, '-f', 'html', '--output', `sarif:${sarif}`],
      ['html', 'sarif'],
    ],
  ])('`corridor %j` loads the formats %j', (args, loaded) => {
    const { code, specifiers } = resolvedEsm(args);
    expect(code).toBe(0);
    expect(specifiers.has('commander')).toBe(true); // the hook sees imports
    // report/index.js imports each format as `./<id>.js`.
    const formats = [...specifiers].flatMap((s) => /^\.\/([a-z]+)\.js$/.exec(s)?.[1] ?? []);
    expect(FORMATS.filter((id) => formats.includes(id))).toEqual(loaded);
  });
});

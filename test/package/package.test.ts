import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveProbeImport } from '../helpers/resolve-probe.js';

/**
 * The package as an adopter gets it: packed from this tree, installed from the tarball into a
 * scratch project (dependencies from npm's local cache; the registry only when the cache lacks
 * one), then the README's CI gate, `merge` and a TypeScript file importing the library API run
 * there — against the installed copy, never the source tree.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

function sh(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CI: '1', NO_COLOR: '1' },
  });
  if (result.error) throw result.error;
  return result;
}

function ok(result: SpawnSyncReturns<string>): string {
  if (result.status !== 0) {
    throw new Error(`exit ${result.status}\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

let scratch = '';
let packed: string[] = [];

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-package-'));
  // The build the package ships is made for the run by test/setup/build.global.ts.
  const pack = ok(
    sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT),
  );
  const info = JSON.parse(pack) as { filename: string; files: { path: string }[] }[];
  const tarball = join(dir, info[0]!.filename);
  packed = info[0]!.files.map((f) => f.path);

  scratch = join(dir, 'project');
  mkdirSync(scratch);
  writeFileSync(
    join(scratch, 'package.json'),
    JSON.stringify({ name: 'adopter', private: true, type: 'module' }),
  );
  // npm once stalled here, mid-extraction and idle, for over 10 minutes; a blocked spawnSync
  // keeps vitest from timing the hook out. So the install is bounded, and tried once more.
  const install = () =>
    spawnSync(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball],
      { cwd: scratch, encoding: 'utf8', env: { ...process.env, CI: '1' }, timeout: 100_000 },
    );
  let installed = install();
  if (installed.error) {
    rmSync(join(scratch, 'node_modules'), { recursive: true, force: true });
    installed = install();
  }
  if (installed.error) throw installed.error;
  ok(installed);
  for (const country of ['RU', 'EU', 'IN']) {
    cpSync(join(ROOT, 'fixtures', 'documents', country), join(scratch, 'documents', country), {
      recursive: true,
    });
  }
}, 240_000);

const corridor = (...args: string[]) =>
  sh(join(scratch, 'node_modules', '.bin', 'corridor'), args, scratch);

describe('the packed package', () => {
  it('ships the runtime files and no private keys or source maps', () => {
    expect(packed).toContain('schemas/baseline.schema.json');
    expect(packed).toContain('dist/index.js');
    expect(packed).toContain('dist/index.d.ts');
    expect(packed).toContain('dist/bundle/pool-worker.js');
    expect(packed).toContain('dist/bundle/matrix-worker.js');
    for (const script of ['verify', 'evaluate', 'corridor']) {
      expect(packed).toContain(`dist/bundle/${script}.cjs`);
      expect(packed).toContain(`dist/bundle/${script}.cjs.v8cache`);
    }
    expect(packed).toContain('profiles/RU.json');
    expect(packed.filter((p) => p.endsWith('.map'))).toEqual([]);
    expect(packed.filter((p) => /key\.pem$|PRIVATE/i.test(p))).toEqual([]);
    expect(packed.filter((p) => p.startsWith('fixtures/keys/'))).toEqual([]);
    for (const file of packed.filter((p) => p.endsWith('.pem'))) {
      expect(readFileSync(join(ROOT, file), 'utf8')).not.toContain('PRIVATE KEY');
    }
  });

  it('runs the README CI gate: baseline create, then matrix --baseline passes; without it fails', () => {
    ok(corridor('baseline', 'create', '--docs', 'documents/', '-o', 'corridor-baseline.json'));
    const gate = corridor(
      'matrix',
      '--docs',
      'documents/',
      '--baseline',
      'corridor-baseline.json',
      '--fail-on',
      'error',
      '--max-warnings',
      '0',
    );
    expect(gate.stderr).not.toContain('internal error');
    expect(gate.status).toBe(0);
    const ungated = corridor('matrix', '--docs', 'documents/', '--fail-on', 'error');
    expect(ungated.status).toBe(1);
  });

  it('refuses to regenerate fixtures or anchors inside the installed package', () => {
    const refused = corridor('fixtures', 'generate');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('would write into the installed package');
    expect(existsSync(join(scratch, 'node_modules', 'corridor', 'fixtures', 'keys'))).toBe(false);
    // --out alone still points the anchors at the package's profiles/anchors.
    expect(corridor('fixtures', 'generate', '--out', 'my-fixtures').stderr).toContain('--anchors');
  });

  it('merges shard results into one SARIF report', () => {
    for (const shard of ['1', '2']) {
      ok(
        corridor(
          'matrix',
          '--docs',
          'documents/',
          '--shard',
          `${shard}/2`,
          '--format',
          'json',
          '-o',
          `shard-${shard}.json`,
        ),
      );
    }
    ok(corridor('merge', 'shard-1.json', 'shard-2.json', '--format', 'sarif', '-o', 'out.sarif'));
    const sarif = JSON.parse(readFileSync(join(scratch, 'out.sarif'), 'utf8')) as {
      runs: { results: unknown[] }[];
    };
    expect(sarif.runs[0]!.results.length).toBeGreaterThan(0);
  });

  it('runs the CLI from its bundle, with the output of the compiled modules', () => {
    const installed = join(scratch, 'node_modules', 'corridor');
    // The compiled modules without the bundle: what bin/corridor.js runs when it is absent.
    const compiled = (...args: string[]) =>
      sh(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const { main } = await import(${JSON.stringify(join(installed, 'dist/cli/entry.js'))});` +
            `process.exitCode = await main(process.argv.slice(0, 1).concat(process.argv));`,
          '--',
          ...args,
        ],
        scratch,
      );
    const asOf = ['--as-of', '2026-12-01'];
    // One check writes every format (each loaded when written), to files per build.
    const FORMATS = ['json', 'markdown', 'csv', 'html', 'junit', 'sarif', 'github'];
    const everyFormat = (dir: string) => [
      'check',
      'documents/RU/customs-declaration.xml',
      'documents/EU/licence.xml',
      '--to',
      'all',
      ...asOf,
      '-f',
      'text',
      ...FORMATS.flatMap((f) => ['--output', `${f}:${dir}/report.${f}`]),
    ];
    mkdirSync(join(scratch, 'bundled'));
    mkdirSync(join(scratch, 'compiled'));
    const runs: [string[], string[]][] = [
      [everyFormat('bundled'), everyFormat('compiled')],
      // --jobs 2: the pool's worker thread runs from the bundle too.
      [
        ['matrix', '--docs', 'documents/', '-f', 'json', '--jobs', '2', ...asOf],
        ['matrix', '--docs', 'documents/', '-f', 'json', '--jobs', '1', ...asOf],
      ],
      ...[
        ['verify', 'documents/RU/licence.xml', 'documents/EU/licence.xml', '-f', 'json', ...asOf],
        // verify runs from a bundle of its own, with the verify command alone (cli/verify-main.ts):
        // its help, usage errors and the program's options as with every command declared.
        ['verify', '--help'],
        ['verify', '-V'],
        ['verify'],
        ['verify', 'documents/EU/licence.xml', '--bogus'],
        ['verify', 'documents/EU/licence.xml', '-f', 'xml'],
        // So do check and matrix, together (cli/evaluate-main.ts).
        ['check', '--help'],
        ['check', 'documents/EU/licence.xml', '--bogus'],
        ['matrix', '--help'],
        ['matrix', '--docs', 'documents/', '--bogus'],
        ['matrix', '--docs', 'documents/', '-f', 'xml'],
        ['profiles', 'list'],
        ['algorithms'],
        ['--help'],
      ].map((args): [string[], string[]] => [args, args]),
    ];
    for (const [args, same] of runs) {
      const [bundled, plain] = [corridor(...args), compiled(...same)];
      expect(bundled.stderr, args.join(' ')).toBe(plain.stderr);
      expect(bundled.status, args.join(' ')).toBe(plain.status);
      expect(bundled.stdout, args.join(' ')).toBe(plain.stdout);
    }
    for (const f of FORMATS) {
      const report = (dir: string) => readFileSync(join(scratch, dir, `report.${f}`), 'utf8');
      expect(report('bundled'), f).toBe(report('compiled').replaceAll('compiled/', 'bundled/'));
    }
  });

  it('runs every command from its script, compiled from the code cache', () => {
    const installed = join(scratch, 'node_modules', 'corridor');
    // In a fresh process with Node's default flags, as bin/corridor.js starts: V8 takes the
    // cache the build made, for both scripts.
    const loader = join(installed, 'dist', 'cli', 'script-bundle.cjs');
    const taken = sh(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { loadCliScript } = await import(${JSON.stringify(loader)});` +
          `for (const name of ['verify', 'evaluate', 'corridor']) {` +
          `  const { exports, cacheAccepted } = loadCliScript(name);` +
          `  console.log(name, cacheAccepted, typeof exports.main);` +
          `}`,
      ],
      scratch,
    );
    expect(taken.stdout).toBe(
      'verify true function\nevaluate true function\ncorridor true function\n',
    );
    /** The ES modules a run resolves (a hook prints each) and the CommonJS ones it required. */
    const loaded = (...args: string[]) => {
      const required =
        'data:text/javascript,import{createRequire}from"node:module";' +
        'process.on("exit",()=>process.stderr.write("\\nREQUIRED "+' +
        'Object.keys(createRequire(process.cwd()+"/").cache).join(",")))';
      const run = sh(
        process.execPath,
        [
          '--import',
          resolveProbeImport('RESOLVE', 'url'),
          '--import',
          required,
          join(installed, 'bin', 'corridor.js'),
          ...args,
        ],
        scratch,
      );
      return {
        status: run.status,
        resolved: [...run.stderr.matchAll(/^RESOLVE (\S+)$/gm)].map((m) => m[1]!),
        required: /^REQUIRED (.*)$/m.exec(run.stderr)?.[1]?.split(',') ?? [],
      };
    };
    /** The package's own files a run loaded, as ES modules or CommonJS ones. */
    const inPackage = (run: { resolved: string[]; required: string[] }) => [
      ...new Set(
        [...run.resolved, ...run.required]
          .filter((u) => u.includes('/node_modules/corridor/'))
          .map((u) => u.split('/corridor/')[1]),
      ),
    ];
    const verify = loaded('verify', 'documents/EU/licence.xml', '-f', 'json');
    expect(verify.status).toBe(0);
    // bin/corridor.js and the loader, no module of the CLI's ES bundle nor the compiled tree.
    const launcher = ['bin/corridor.js', 'dist/cli/script-bundle.cjs'];
    expect(inPackage(verify)).toEqual(launcher);
    const matrix = loaded(
      ...['matrix', '--docs', 'documents/', '-f', 'json', '--jobs', '1', '--fail-on', 'never'],
    );
    expect(matrix.status).toBe(0);
    expect(inPackage(matrix)).toEqual(launcher);
    // Inside the script, lazily imported modules stay lazy: a one-thread matrix loads no
    // worker pool (piscina, left outside the script), a two-thread one does.
    const packages = (paths: string[]) =>
      new Set(paths.flatMap((p) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(p)?.[1] ?? []));
    expect(packages(matrix.required).has('piscina')).toBe(false);
    const pooled = loaded(
      ...['matrix', '--docs', 'documents/', '-f', 'json', '--jobs', '2', '--fail-on', 'never'],
    );
    expect(pooled.status).toBe(0);
    expect(packages(pooled.required).has('piscina')).toBe(true);
    const check = loaded('check', 'documents/EU/licence.xml', '--to', 'RU', '--fail-on', 'never');
    expect(check.status).toBe(0);
    expect(inPackage(check)).toEqual(launcher);
    // The other commands, from the script of the whole program.
    ok(
      corridor(
        'matrix',
        '--docs',
        'documents/',
        '-f',
        'json',
        '-o',
        'm.json',
        '--fail-on',
        'never',
      ),
    );
    for (const args of [
      ['profiles', 'list'],
      ['merge', 'm.json', '-f', 'html', '-o', 'm.html'],
    ]) {
      const run = loaded(...args);
      expect(run.status, args.join(' ')).toBe(0);
      expect(inPackage(run), args.join(' ')).toEqual(launcher);
    }
  });

  it('verify from the bundle loads neither node:child_process nor node:perf_hooks', () => {
    // commander's child_process (for executable subcommands) and the global performance's
    // perf_hooks cost a few ms of every run; verify uses neither (scripts/bundle.ts,
    // util/clock.ts). Node's own list of the built-in modules loaded, printed at exit.
    const probe =
      'data:text/javascript,process.on("exit",()=>process.stderr.write(' +
      '"\\nBUILTINS "+process.moduleLoadList.join(",")))';
    const run = sh(
      process.execPath,
      [
        '--import',
        probe,
        join(scratch, 'node_modules', 'corridor', 'bin', 'corridor.js'),
        'verify',
        'documents/EU/licence.xml',
        '-f',
        'json',
        '--as-of',
        '2026-12-01',
      ],
      scratch,
    );
    expect(run.status, run.stderr).toBe(0);
    const builtins = /^BUILTINS (.*)$/m.exec(run.stderr)?.[1]?.split(',') ?? [];
    expect(builtins).toContain('NativeModule crypto');
    expect(builtins).not.toContain('NativeModule child_process');
    expect(builtins).not.toContain('NativeModule perf_hooks');
  });

  it('exports a typed library API that type-checks and runs', () => {
    writeFileSync(
      join(scratch, 'use.ts'),
      `import { check, format, loadProfiles, matrix, readDocument, verify, formatters,
  type MatrixResult } from 'corridor';
const profiles = loadProfiles();
const result: MatrixResult = matrix({ docs: 'documents', profiles, asOf: new Date('2026-12-01') });
const document = readDocument('documents/RU/licence.xml');
const checked = check(['documents/EU/licence.xml'], { to: ['RU'], profiles });
const verified = verify(['documents/EU/licence.xml']);
// Never called: only the type checker sees it.
export const typeError = () =>
  // @ts-expect-error docs is a folder path, not a number
  matrix({ docs: 42 });
console.log(JSON.stringify({
  cells: result.cells.length,
  format: document.format,
  findings: checked.pairs.flatMap((p) => p.findings).length,
  signatures: verified.results[0]?.signatures.length,
  formats: formatters.map((f) => f.id),
  sarif: JSON.parse(format(result, 'sarif')).version,
}));
`,
    );
    writeFileSync(
      join(scratch, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          typeRoots: [join(ROOT, 'node_modules', '@types')],
          types: ['node'],
          outDir: 'out',
        },
        files: ['use.ts'],
      }),
    );
    ok(sh(process.execPath, [TSC, '-p', 'tsconfig.json'], scratch));
    expect(existsSync(join(scratch, 'out', 'use.js'))).toBe(true);
    const out = JSON.parse(ok(sh(process.execPath, ['out/use.js'], scratch))) as {
      cells: number;
      format: string;
      findings: number;
      signatures: number;
      formats: string[];
      sarif: string;
    };
    expect(out.cells).toBeGreaterThan(0);
    expect(out.format).toBe('xml');
    expect(out.signatures).toBe(1);
    expect(out.formats).toContain('github');
    expect(out.sarif).toBe('2.1.0');
  });
});

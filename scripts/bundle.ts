/**
 * Bundles the CLI with esbuild into dist/bundle/ (`npm run build` runs it after tsc): three
 * CommonJS scripts, each with the V8 code cache bin/corridor.js runs it with (verify.cjs,
 * evaluate.cjs for check and matrix, corridor.cjs for the other commands), and the worker
 * threads' ES modules, with a chunk per lazy import (algorithm families, formats). The library
 * entry (dist/index.js from tsc) is not bundled.
 *
 *   node --import tsx scripts/bundle.ts [--outdir <dir>]   # default dist/bundle; any other
 *                                                         # folder two levels below the root
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire, isBuiltin } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// The run-time loader, compiled by tsc before this runs (`npm run build`): it says how a script
// is wrapped, and writes each script's code cache (writeCodeCacheOf).
const { wrapBundle } = createRequire(import.meta.url)(
  join(root, 'dist/cli/script-bundle.cjs'),
) as typeof import('../src/cli/script-bundle.cjs');
const index = process.argv.indexOf('--outdir');
const outdir = resolve(root, index > 0 ? process.argv[index + 1]! : 'dist/bundle');

// Loaded from node_modules at run time: they find files beside themselves (piscina its worker
// script, libxml2-wasm its .wasm), and serve's stack (fastify, pino) starts once per server.
const EXTERNAL = ['piscina', 'libxml2-wasm', 'fastify', '@fastify/multipart', 'pino'];

/**
 * commander requires node:child_process when it loads, for executable subcommands (it only
 * calls spawn), which corridor has none of: loading it (with net, stream, dgram…) was ~3-8 ms
 * CPU of every run. Its require gets an object whose spawn loads the module on first use.
 */
const commanderChildProcess: Plugin = {
  name: 'commander-lazy-child-process',
  setup(bundle) {
    bundle.onResolve({ filter: /^node:child_process$/ }, ({ importer }) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(importer)
        ? { path: 'child_process', namespace: 'commander-lazy' }
        : undefined,
    );
    bundle.onLoad({ filter: /.*/, namespace: 'commander-lazy' }, () => ({
      contents: "module.exports = { get spawn() { return require('node:child_process').spawn; } };",
      loader: 'js',
    }));
  },
};

rmSync(outdir, { recursive: true, force: true });
const options = {
  absWorkingDir: root,
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  plugins: [commanderChildProcess],
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  // Bundled CommonJS packages (ajv, node-forge, sm-crypto-v2) call require(); ESM has none.
  banner: {
    js: "import{createRequire as __cjsRequire}from'node:module';const require=__cjsRequire(import.meta.url);",
  },
  metafile: true,
  logLevel: 'warning',
} satisfies BuildOptions;
// The worker threads' modules: engine/pool.ts starts them by file URL, beside its own module:
// ./pool-worker.js (the service) and ./matrix-worker.js (`matrix --jobs`).
const result = await build({
  ...options,
  entryPoints: {
    'pool-worker': 'src/engine/pool-worker.ts',
    'matrix-worker': 'src/engine/matrix-worker.ts',
  },
});
// The CLI: `corridor verify`, `check` and `matrix` (bin/corridor.js picks them by the command)
// each from a CommonJS file of its own, every other command from one of the whole program, run
// with a V8 code cache (cli/script-bundle.cts). As ES modules, the code those commands use was
// split into ~30-45 chunks by which commands share each module, and every ES module loaded
// costs resolve, read, compile and link, with no cache of compiled code in Node 20. Lazily
// imported modules stay lazy inside a script: esbuild wraps each in a function run on first
// import. Against verify's, check's and matrix's ES module bundles (bench/startup.ts --before,
// 9 interleaved runs, CPU): a one-pair check -35 to -40 %, verify of one document -18 to -25 %,
// of 200 -17 %, matrix of the shipped corpus -19 %; peak RSS +5 to +8 MiB (the script's source
// and the deserialized code).
const scriptBundles = {
  // cli/verify-main.ts: the program with the verify command alone.
  verify: 'src/cli/verify-entry.ts',
  // cli/evaluate-main.ts: check and matrix.
  evaluate: 'src/cli/evaluate-entry.ts',
  // cli/main.ts: every command, for the others (profiles, algorithms, merge, serve…).
  corridor: 'src/cli/entry.ts',
};

// What each script's cache is made after (cli/script-bundle.cts writeCodeCache): runs over the
// shipped corpus, the README's main job among them, so that the cache holds what such a run
// compiles. Against a cache of the top level alone (paired runs): one-document check -10 % CPU,
// empty matrix -7 %, `check --help` +7 % (a larger cache to read).
const training = mkdtempSync(join(tmpdir(), 'corridor-training-'));
const corpus = join(root, 'fixtures', 'documents');
const corpusFiles = readdirSync(corpus, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.(xml|json)$/.test(f))
  .sort()
  .map((f) => join(corpus, f));
const TRAINING: Record<keyof typeof scriptBundles, string[][]> = {
  verify: [['verify', ...corpusFiles]],
  evaluate: [
    ['matrix', '--docs', corpus, '--jobs', '1', '-f', 'json', '-o', join(training, 'matrix.json')],
    ['check', join(corpus, 'EU', 'licence.xml'), '--to', 'all', '--fail-on', 'never'],
  ],
  corridor: [['profiles', 'list'], ['profiles', 'lint'], ['algorithms'], ['doctypes', 'list']],
};

const scripts = await Promise.all(
  Object.entries(scriptBundles).map(([name, entry]) =>
    build({
      ...options,
      entryPoints: { [name]: entry },
      outExtension: { '.js': '.cjs' },
      splitting: false,
      format: 'cjs',
      // CommonJS has require() of its own; import.meta.url is the script's own file URL, as
      // dist/bundle/<chunk>.js's is (the check below).
      banner: { js: "var __corridorModuleUrl=require('node:url').pathToFileURL(__filename).href;" },
      define: { 'import.meta.url': '__corridorModuleUrl' },
    }),
  ),
);
for (const [index, name] of (
  Object.keys(scriptBundles) as (keyof typeof scriptBundles)[]
).entries()) {
  const file = join(outdir, `${name}.cjs`);
  // esbuild's own count of the script's import() calls of modules left outside it.
  const output = Object.entries(scripts[index]!.metafile.outputs).find(([path]) =>
    path.endsWith(`/${name}.cjs`),
  )?.[1];
  const dynamic = (output?.imports ?? []).filter((i) => i.kind === 'dynamic-import').length;
  writeFileSync(file, wrapBundle(hostImports(readFileSync(file, 'utf8'), file, dynamic)));
  writeCodeCacheOf(file, TRAINING[name]);
}
rmSync(training, { recursive: true, force: true });

/**
 * A script's import() of a package left outside the bundle calls `__corridorImport`, the
 * loader's import() (cli/script-bundle.cts: a vm.Script has none of its own in Node 20). The
 * build stops unless it rewrote as many calls as esbuild reports (`expected`): one left would
 * fail at run time. `.import(` (a method, as xmlbuilder2's) is not a call of import().
 */
function hostImports(text: string, file: string, expected: number): string {
  let rewrites = 0;
  const rewritten = text.replace(/(?<![.\w$])import\("([^"]+)"\)/g, (_, specifier: string) => {
    if (!EXTERNAL.includes(specifier) && !isBuiltin(specifier)) {
      throw new Error(`${file}: import("${specifier}") of a module inside the bundle`);
    }
    rewrites++;
    return `__corridorImport(${JSON.stringify(specifier)})`;
  });
  if (rewrites !== expected) {
    throw new Error(`${file}: ${rewrites} import() calls rewritten, esbuild reports ${expected}`);
  }
  // cli/script-bundle.cts reads the script as latin1, exact for ASCII (esbuild escapes the rest).
  if (/[\u0080-\uffff]/.test(rewritten)) {
    throw new Error(`${file}: a character outside ASCII`);
  }
  return rewritten;
}

/**
 * The script's code cache, made after `runs` in a fresh Node process: one without this
 * script's loader hooks and with the V8 flags of a plain `node bin/corridor.js` run in this
 * environment, which is what V8 checks the cache against (cli/script-bundle.cts writeCodeCache).
 */
function writeCodeCacheOf(file: string, runs: string[][]): void {
  const loader = pathToFileURL(join(root, 'dist/cli/script-bundle.cjs')).href;
  const run = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `await (await import(${JSON.stringify(loader)})).writeCodeCache(` +
        `${JSON.stringify(file)}, ${JSON.stringify(runs)});`,
    ],
    // The training runs' reports go to this pipe, unread.
    { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  if (run.status !== 0) throw new Error(`code cache of ${file}: ${run.stderr}`);
}

// Paths computed from import.meta (`../../profiles`, `../../schemas/…`) resolve from
// dist/bundle/<chunk>.js as from dist/<folder>/<file>.js: only modules two levels below the
// package root may use them, or the bundle would look in the wrong folder (src/version.ts goes
// through util/package-file.ts). createRequire(import.meta.url) finds packages from anywhere.
for (const input of new Set([result, ...scripts].flatMap((r) => Object.keys(r.metafile.inputs)))) {
  if (!input.startsWith('src/') || input.split('/').length === 3) continue;
  const source = readFileSync(`${root}${input}`, 'utf8');
  if (/import\.meta/.test(source.replaceAll('createRequire(import.meta.url)', ''))) {
    throw new Error(`${input} reads import.meta but is not at src/<folder>/<file>.ts`);
  }
}

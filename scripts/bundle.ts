/**
 * Bundles the CLI with esbuild into dist/bundle/ (`npm run build` runs it after tsc):
 * bin/corridor.js runs dist/bundle/corridor.js when present. One file per entry plus chunks for
 * what the CLI imports lazily (commands' actions, formats, algorithm families), so a command
 * still loads only what it uses, but as a few modules instead of hundreds. The library entry
 * (dist/index.js from tsc) is not bundled.
 *
 *   node --import tsx scripts/bundle.ts [--outdir <dir>]   # default dist/bundle; any other
 *                                                         # folder two levels below the root
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
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
const result = await build({
  ...options,
  entryPoints: {
    corridor: 'src/cli/entry.ts',
    // engine/pool.ts starts them by file URL, beside its own module: ./pool-worker.js (the
    // service) and ./matrix-worker.js (`matrix --jobs`).
    'pool-worker': 'src/engine/pool-worker.ts',
    'matrix-worker': 'src/engine/matrix-worker.ts',
  },
});
// `corridor verify` (bin/corridor.js picks verify.js): a second build of the verify command
// alone, in the same folder, its chunks named apart. In the build above the code verify uses
// is split into ~30 chunks by which other commands share each module, and every module loaded
// costs ~1 ms CPU (resolve, read, compile, link): here only verify's own lazy imports split it.
const verify = await build({
  ...options,
  entryPoints: { verify: 'src/cli/verify-entry.ts' },
  chunkNames: 'verify-[name]-[hash]',
});

// `corridor check` and `corridor matrix` the same way, together (bin/corridor.js picks
// evaluate.js; cli/evaluate-main.ts).
const evaluate = await build({
  ...options,
  entryPoints: { evaluate: 'src/cli/evaluate-entry.ts' },
  chunkNames: 'ev-[name]-[hash]',
});

// Paths computed from import.meta (`../../profiles`, `../../schemas/…`) resolve from
// dist/bundle/<chunk>.js as from dist/<folder>/<file>.js: only modules two levels below the
// package root may use them, or the bundle would look in the wrong folder (src/version.ts goes
// through util/package-file.ts). createRequire(import.meta.url) finds packages from anywhere.
for (const input of new Set(
  [result, verify, evaluate].flatMap((r) => Object.keys(r.metafile.inputs)),
)) {
  if (!input.startsWith('src/') || input.split('/').length === 3) continue;
  const source = readFileSync(`${root}${input}`, 'utf8');
  if (/import\.meta/.test(source.replaceAll('createRequire(import.meta.url)', ''))) {
    throw new Error(`${input} reads import.meta but is not at src/<folder>/<file>.ts`);
  }
}

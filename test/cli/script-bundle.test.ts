import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';

/**
 * cli/script-bundle.cts, each step in a fresh process: V8 takes a code cache only under the
 * flags it was made with, so making and taking one must happen where nothing else set any.
 */
const LOADER = new URL('../../src/cli/script-bundle.cts', import.meta.url).href;
const dir = mkdtempSync(join(tmpdir(), 'corridor-script-bundle-'));
const bundle = join(dir, 'entry.cjs');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A script as scripts/bundle.ts writes one: CommonJS, with its dynamic import of a package
// outside it through __corridorImport, wrapped (wrapBundle).
const SOURCE = `
const { basename } = require('node:path');
const FACTOR = 6;
exports.main = (n) => n * FACTOR;
exports.file = basename(__filename);
exports.loadOs = () => __corridorImport('node:os').then((os) => typeof os.cpus);
`;

function node(script: string, flags: string[] = []) {
  const run = spawnSync(
    process.execPath,
    [...flags, '--import', 'tsx', '--input-type=module', '-e', script],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout;
}

/**
 * wrapBundle, as the build wraps a script: asked of the loader once (vitest does not load a
 * CommonJS TypeScript module itself).
 */
const [OPEN, CLOSE] = JSON.parse(
  node(
    `const { wrapBundle } = await import(${JSON.stringify(LOADER)});` +
      `console.log(JSON.stringify(wrapBundle('\\u0000').split('\\u0000')));`,
  ),
) as [string, string];
const wrapBundle = (text: string): string => `${OPEN}${text}${CLOSE}`;

const writeCache = (flags: string[] = [], training: string[][] = []) =>
  node(
    `await (await import(${JSON.stringify(LOADER)})).writeCodeCache(` +
      `${JSON.stringify(bundle)}, ${JSON.stringify(training)});`,
    flags,
  );

/** What a fresh process gets from loadScriptBundle: the cache verdict and the exports at work. */
function load(): { cacheAccepted: boolean | null; main: number; file: string; os: string } {
  return JSON.parse(
    node(`
      const { loadScriptBundle } = await import(${JSON.stringify(LOADER)});
      const { exports, cacheAccepted } = loadScriptBundle(${JSON.stringify(bundle)});
      const os = await exports.loadOs();
      console.log(JSON.stringify({ cacheAccepted: cacheAccepted ?? null, main: exports.main(7),
        file: exports.file, os }));
    `),
  ) as { cacheAccepted: boolean | null; main: number; file: string; os: string };
}

const WORKING = { main: 42, file: 'entry.cjs', os: 'function' };

describe('script bundles with a code cache (cli/script-bundle.cts)', () => {
  beforeEach(() => {
    rmSync(`${bundle}.v8cache`, { force: true });
    writeFileSync(bundle, wrapBundle(SOURCE));
  });

  it('runs without a cache, and V8 takes the one the build writes', () => {
    expect(load()).toEqual({ cacheAccepted: null, ...WORKING });
    writeCache();
    expect(load()).toEqual({ cacheAccepted: true, ...WORKING });
  });

  it('compiles from source when V8 refuses the cache: other flags, or bytes that are no cache', () => {
    writeCache(['--max-inlined-bytecode-size=61']);
    expect(load()).toEqual({ cacheAccepted: false, ...WORKING });
    writeFileSync(`${bundle}.v8cache`, Buffer.alloc(4096, 7));
    expect(load()).toEqual({ cacheAccepted: false, ...WORKING });
  });

  it('refuses a file that is not a script as the build writes one', () => {
    writeFileSync(bundle, SOURCE);
    expect(() => load()).toThrow('is not a script bundle as the build writes one');
  });

  it('offers no cache older than its script: a script rebuilt or edited after it runs as it is now', () => {
    writeCache();
    // Same length, other top level (what the cache holds compiled): V8 checks only the
    // source's length, so the date must decide.
    writeFileSync(bundle, wrapBundle(SOURCE.replace('FACTOR = 6', 'FACTOR = 7')));
    const later = new Date(Date.now() + 60_000);
    utimesSync(bundle, later, later);
    expect(load()).toEqual({ cacheAccepted: null, ...WORKING, main: 49 });
  });

  it('writes the cache after training runs, under the flags a run starts with', () => {
    // As the CLI's entries: main sets a V8 flag once its command is known, unless the training
    // asked it to keep them (util/v8-flags.ts); main's code is compiled only when it runs. The
    // cumulative budget, not the per-function one: lowering the per-function limit while an
    // optimizing job runs on another thread can fail a V8 check (JSInliner), and the tsx loader
    // of this test's process can have one running then (1 run in 3 crashed).
    writeFileSync(
      bundle,
      wrapBundle(`${SOURCE}
let kept = false;
exports.keepV8Flags = () => { kept = true; };
exports.main = async (argv) => {
  if (!kept) require('node:v8').setFlagsFromString('--max-inlined-bytecode-size-cumulative=101');
  return argv[2] === 'broken' ? 2 : 0;
};`),
    );
    writeCache([], [['check'], ['matrix']]);
    expect(load()).toMatchObject({ cacheAccepted: true, os: 'function' });
    rmSync(`${bundle}.v8cache`);
    expect(() => writeCache([], [['broken']])).toThrow('training run `corridor broken` exited 2');
    expect(load()).toMatchObject({ cacheAccepted: null });
  });
});

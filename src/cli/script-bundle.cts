import {
  closeSync,
  existsSync,
  fstatSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/**
 * Runs a CommonJS bundle of the CLI (scripts/bundle.ts: dist/bundle/verify.cjs, evaluate.cjs,
 * corridor.cjs) with V8's code cache, which the build writes beside it. Compiling the bundle is
 * the largest fixed cost of a short run; with the cache V8 deserializes what the build's runs
 * compiled instead of parsing 2-3 MB of source and compiling each function on first call.
 * Hand-written because Node 20 has no cache for ES modules (module.enableCompileCache is
 * Node 22) and vm.SourceTextModule needs --experimental-vm-modules, while vm.Script takes
 * `cachedData` as Node's own CommonJS loader wraps a file. V8 checks the cache against its
 * version, its flags and the source's length, and compiles from source when it refuses it: a
 * missing, stale or refused cache costs time, never a different result.
 *
 * CommonJS, as bin/corridor.js is: a run that never meets an ES module never starts Node's ES
 * module loader, ~8-10 ms of wall time of every run (one-document verify: 199.5 -> 189.7 ms,
 * medians of 21 interleaved runs); an ES launcher or an import() of this loader costs it.
 *
 * Only the CLI's own program is run so (loadCliScript: three names, in the package's own
 * dist/bundle/), as `import()` runs its other files; nothing read from a document, a profile or
 * a folder the user names, and the cache is written by the build only, never at run time
 * (test/hostile/validator-cache.test.ts).
 */

/** The wrapper's parameters: CommonJS's five, then the bundle's import() of external packages. */
const PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname', '__corridorImport'];
const WRAPPER_OPEN = `(function (${PARAMETERS.join(', ')}) {`;
const WRAPPER_CLOSE = '\n})';

/**
 * A bundle's text as the build writes it to its file: one function of PARAMETERS, as Node's own
 * CommonJS loader wraps a file, so that the loader compiles the file's text as it is read.
 * Wrapping it at run time made a third copy of the 2 MB source (the read buffer, its text, the
 * text wrapped): ~550 more page faults, and 7 % of the CPU of a one-document verify on the
 * machine measured, where a fresh page costs ~12 µs (median ratio of 21 interleaved runs).
 */
export function wrapBundle(text: string): string {
  return `${WRAPPER_OPEN}${text}${WRAPPER_CLOSE}`;
}

/**
 * The bundle's `import()` of a package left outside it (libxml2-wasm; scripts/bundle.ts
 * rewrites those calls to this parameter). A vm.Script has no import() of its own in Node 20:
 * `importModuleDynamically` is lost when the script comes from a code cache, and its
 * main-context loader is experimental (a warning on every run).
 */
const hostImport = (specifier: string): Promise<unknown> => import(specifier);

export interface LoadedBundle {
  /** What the bundle's entry exports. */
  readonly exports: Record<string, unknown>;
  /** Whether V8 took the code cache; undefined when there was none to offer. */
  readonly cacheAccepted: boolean | undefined;
}

/** Where the build puts a bundle's code cache. */
function codeCacheFile(bundle: string): string {
  return `${bundle}.v8cache`;
}

/**
 * Reads a whole file into `scratch` when it fits (a new buffer otherwise) and returns the bytes
 * read, a view of the buffer used.
 */
function readInto(file: string, scratch?: Buffer): Buffer {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const buffer = scratch && scratch.length >= size ? scratch : Buffer.allocUnsafeSlow(size);
    let length = 0;
    while (length < size) {
      const read = readSync(fd, buffer, length, size - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** The cache file, unless absent or older than the bundle (rebuilt or edited since). */
function freshCodeCache(bundle: string): string | undefined {
  const file = codeCacheFile(bundle);
  try {
    return statSync(file).mtimeMs < statSync(bundle).mtimeMs ? undefined : file;
  } catch {
    return undefined;
  }
}

/**
 * Compiles `bundle`, from its code cache when there is one (`cache`, the file). The script's
 * text is read into one buffer and the cache after it into the same buffer: V8 takes both as
 * the compile starts, and a second buffer would be ~250-500 more fresh pages, each a page fault
 * (~12 µs on the machine measured, where a one-document verify made ~4,800 faults in all). An
 * unreadable cache is no cache.
 */
function compile(bundle: string, cache: string | undefined): { script: Script; offered: boolean } {
  const scratch = readInto(bundle);
  // The build writes ASCII (esbuild escapes the rest; scripts/bundle.ts checks), which latin1
  // decodes as is, by a copy: reading the 2 MB as UTF-8 took ~3 ms more (7 against 10 ms).
  const source = scratch.toString('latin1');
  if (!source.startsWith(WRAPPER_OPEN) || !source.endsWith(WRAPPER_CLOSE))
    throw new Error(`${bundle} is not a script bundle as the build writes one (wrapBundle)`);
  let cachedData: Buffer | undefined;
  if (cache !== undefined) {
    try {
      cachedData = readInto(cache, Buffer.from(scratch.buffer, scratch.byteOffset));
    } catch {
      cachedData = undefined;
    }
  }
  return {
    script: new Script(source, { filename: bundle, cachedData }),
    offered: cachedData !== undefined,
  };
}

function run(script: Script, bundle: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(
    module.exports,
    module.exports,
    createRequire(bundle),
    module,
    bundle,
    dirname(bundle),
    hostImport,
  );
  return module.exports;
}

/**
 * The CLI's script for `entry` (bin/corridor.js), from the package's dist/bundle/ beside this
 * module's dist/cli/; undefined when the build made none (tsc alone).
 */
export function loadCliScript(entry: 'verify' | 'evaluate' | 'corridor'): LoadedBundle | undefined {
  const file = join(__dirname, '..', 'bundle', `${entry}.cjs`);
  return existsSync(file) ? loadScriptBundle(file) : undefined;
}

/** Compiles (from the cache when V8 takes it) and runs `bundle`; returns its exports. */
export function loadScriptBundle(bundle: string): LoadedBundle {
  const { script, offered } = compile(bundle, freshCodeCache(bundle));
  const exports = run(script, bundle);
  return { exports, cacheAccepted: offered ? script.cachedDataRejected !== true : undefined };
}

/**
 * Writes `bundle`'s code cache after running its top level and then each command line of
 * `training` (arguments after `corridor`), so that the cache holds what those runs compiled:
 * the modules they load and the functions they call, each compiled lazily, on first use,
 * otherwise. The build calls it in a fresh process: V8 takes a cache only under the flags it
 * was made with, every run starts with V8's own, and the training keeps them so (the bundle's
 * keepV8Flags; the CLI sets flags of its own once a command is known, cli/heap-policy.ts,
 * cli/jit-policy.ts). A training run that ends in an internal or usage error (exit code 2)
 * fails the build: the cache would not hold what it should.
 */
export async function writeCodeCache(
  bundle: string,
  training: readonly (readonly string[])[] = [],
): Promise<void> {
  const { script } = compile(bundle, undefined);
  const exports = run(script, bundle);
  if (training.length > 0) {
    const keepV8Flags = exports['keepV8Flags'] as () => void;
    const main = exports['main'] as (argv: string[]) => Promise<number>;
    keepV8Flags();
    for (const args of training) {
      const code = await main(['node', 'corridor', ...args]);
      if (code === 2) throw new Error(`training run \`corridor ${args.join(' ')}\` exited 2`);
    }
  }
  const file = codeCacheFile(bundle);
  writeFileSync(`${file}.tmp`, script.createCachedData());
  renameSync(`${file}.tmp`, file);
}

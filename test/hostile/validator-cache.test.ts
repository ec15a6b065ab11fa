/**
 * Issue #15, item 1: compiled validators used to be cached on disk as code and loaded with
 * `new Function`; replacing a cached file with `return true` made a wrong INN pass RU → RU.
 * The cache is gone: nothing under its old folders is read, and no source file turns text
 * into code.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempTree } from '../helpers/tmp.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WRONG_INN = join(ROOT, 'fixtures/negative/wrong-taxpayer-id.xml');

afterEach(() => {
  vi.unstubAllEnvs();
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.c?ts$/.test(path) ? [path] : [];
  });
}

describe('validator cache (code from disk)', () => {
  it('a cache folder full of `return true` validators does not change the verdict', async () => {
    // Names as the old cache wrote them (sha256 hex) and a few others, all "valid".
    const poison = 'module.exports = function validate() { return true; };';
    const files: Record<string, string> = {};
    for (let i = 0; i < 32; i++) files[`${i.toString(16).padStart(64, '0')}.cjs`] = poison;
    const dir = tempTree(files);
    vi.stubEnv('CORRIDOR_CACHE', '1');
    vi.stubEnv('CORRIDOR_CACHE_DIR', dir);
    const run = await runCli(['check', WRONG_INN, '--from', 'RU', '--to', 'RU', '-f', 'json']);
    expect(run.code).toBe(1);
    const output = JSON.parse(run.stdout) as {
      pairs: Array<{ status: string; findings: Array<{ ruleId: string; message: string }> }>;
    };
    expect(output.pairs[0]?.status).toBe('fail');
    expect(output.pairs[0]?.findings.map((f) => f.message)).toContainEqual(
      expect.stringMatching(/ru-taxpayer-id: .*\/declarant\/taxpayerId does not match/),
    );
    // Nothing was written there either.
    expect(readdirSync(dir).sort()).toEqual(Object.keys(files).sort());
  });

  it('no source file compiles text into code (new Function, eval, vm)', () => {
    const offenders = sourceFiles(join(ROOT, 'src')).filter((file) =>
      /\bnew Function\s*\(|\beval\s*\(|from 'node:vm'/.test(readFileSync(file, 'utf8')),
    );
    // The one exception runs the CLI's own program, as Node runs its other files: the script
    // bundles the build writes into the package (cli/script-bundle.cts), by three fixed names,
    // with the code cache the build made. bin/corridor.js and the build call it; no module of
    // the program does, so no document, profile or path given at run time reaches it.
    expect(offenders.map((f) => f.slice(ROOT.length))).toEqual(['src/cli/script-bundle.cts']);
    const importers = sourceFiles(join(ROOT, 'src')).filter((file) =>
      /script-bundle\.c?js'/.test(readFileSync(file, 'utf8')),
    );
    expect(importers).toEqual([]);
    const loader = readFileSync(join(ROOT, 'src/cli/script-bundle.cts'), 'utf8');
    expect(loader).toMatch(/join\(__dirname, '\.\.', 'bundle', `\$\{entry\}\.cjs`\)/);
    expect(readFileSync(join(ROOT, 'bin/corridor.js'), 'utf8')).toContain('loadCliScript(entry)');
  });
});

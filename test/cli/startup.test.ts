import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/**
 * Runs the CLI in a fresh process and lists the CommonJS packages it loaded (ESM imports of
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
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    {
      encoding: 'utf8',
      env: { ...process.env, CI: '1' },
    },
  );
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

  it('a command that runs does load them (the probe can see them)', () => {
    const { code, packages } = loadedPackages(['profiles', 'lint']);
    expect(code).toBe(0);
    expect(packages.has('ajv')).toBe(true);
  });
});

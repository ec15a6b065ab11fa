import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

/**
 * Every module `entry` loads at start, through static (not `import type`, not `import()`)
 * imports: source files under src/ and package names.
 */
function staticClosure(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(resolve(SRC, file), 'utf8');
    const specifiers = [
      ...text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms),
      ...text.matchAll(/^import\s+'([^']+)'/gm),
    ].map((m) => m[1]!);
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) {
        visit(
          relative(SRC, resolve(dirname(resolve(SRC, file)), specifier.replace(/\.js$/, '.ts'))),
        );
      } else if (!specifier.startsWith('node:')) {
        packages.add(/^(@[^/]+\/)?[^/]+/.exec(specifier)![0]);
      }
    }
  };
  visit(entry);
  return { files, packages };
}

/** Code that only documents or keys of a family need (util/lazy.ts loads it then). */
const FAMILY_CODE =
  /^crypto\/(schemes\/(gost|sm2|bign)\.ts|(sm3|streebog|gostr3411-94)\.ts|(gost28147|belt|bash)\/|gost\/(?!oids\.ts)|bign\/(?!spki\.ts)|sm2\/(curve|sign)\.ts)/;
const FAMILY_PACKAGES = ['sm-crypto-v2', '@noble/curves', '@noble/ciphers', 'libxml2-wasm'];
const SERVICE_PACKAGES = ['fastify', '@fastify/multipart', 'pino', 'piscina'];

describe('start-up: what check and verify load before they know their documents', () => {
  it.each([
    'cli/main.ts',
    'cli/verify-main.ts',
    'cli/evaluate-main.ts',
    'cli/actions/check.ts',
    'cli/actions/verify.ts',
  ])('%s imports no algorithm family code, libxml2 nor the service statically', (entry) => {
    const { files, packages } = staticClosure(entry);
    expect([...files].filter((f) => FAMILY_CODE.test(f))).toEqual([]);
    for (const name of [...FAMILY_PACKAGES, ...SERVICE_PACKAGES]) {
      expect(packages.has(name), name).toBe(false);
    }
  });

  it('the library entry and the service’s workers load every family up front (crypto/eager.ts)', () => {
    for (const entry of ['index.ts', 'engine/pool-worker.ts']) {
      const { files, packages } = staticClosure(entry);
      expect(files.has('crypto/eager.ts'), entry).toBe(true);
      expect(files.has('crypto/schemes/gost.ts'), entry).toBe(true);
      expect(packages.has('sm-crypto-v2'), entry).toBe(true);
      expect(packages.has('pkijs'), entry).toBe(true);
    }
  });

  it('a matrix’s worker imports no family code, libxml2, pkijs nor the service’s handlers statically', () => {
    const { files, packages } = staticClosure('engine/matrix-worker.ts');
    expect([...files].filter((f) => FAMILY_CODE.test(f))).toEqual([]);
    expect(files.has('serve/handle-task.ts')).toBe(false);
    for (const name of [...FAMILY_PACKAGES, 'pkijs', 'fastify', 'pino']) {
      expect(packages.has(name), name).toBe(false);
    }
  });

  it('verify, check and matrix import pkijs only when a certificate or CRL needs it (pki/pkijs.ts)', () => {
    for (const entry of [
      'cli/main.ts',
      'cli/verify-main.ts',
      'cli/evaluate-main.ts',
      'cli/actions/verify.ts',
    ]) {
      expect(staticClosure(entry).packages.has('pkijs'), entry).toBe(false);
    }
  });
});

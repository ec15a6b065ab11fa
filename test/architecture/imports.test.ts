import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

/** Runtime (not `import type`) relative imports of every source file, as paths under src/. */
function runtimeImports(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8');
        const targets = [
          ...text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'(\.[^']+)'/gms),
        ].map((m) =>
          relative(SRC, resolve(dirname(path), (m[1] as string).replace(/\.js$/, '.ts'))),
        );
        graph.set(relative(SRC, path), targets);
      }
    }
  };
  walk(SRC);
  return graph;
}

describe('module structure', () => {
  const graph = runtimeImports();

  it('the rule-id tables and limits are leaf modules', () => {
    expect(graph.get('rule-ids.ts')).toEqual([]);
    expect(graph.get('limits.ts')).toEqual(['xml/dom.ts']);
  });

  it('security/ and jose/ never import documents/ at run time, and security/ never imports jose/', () => {
    const offending = [...graph].flatMap(([file, targets]) =>
      targets
        .filter(
          (t) =>
            ((file.startsWith('security/') || file.startsWith('jose/')) &&
              t.startsWith('documents/')) ||
            (file.startsWith('security/') && t.startsWith('jose/')),
        )
        .map((t) => `${file} -> ${t}`),
    );
    expect(offending).toEqual([]);
  });
});

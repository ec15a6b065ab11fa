import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { constraintAjv } from '../../src/constraints/constraints.js';
import { evaluatePair } from '../../src/engine/evaluate.js';
import { loadDocument } from '../../src/engine/run.js';
import { loadProfiles } from '../../src/profiles/load.js';

/**
 * A run compiles the constraints it evaluates: one document checked for one receiver compiles
 * its sender's and that receiver's, not the other receivers' (issue #14: start-up). The shipped
 * profiles' schemas are never compiled (src/generated/constraint-validators.ts), so the profiles
 * here are copies whose schemas carry a `$comment`: as a user's edited profiles would be.
 */
function editedProfiles(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'corridor-lazy-compile-')), 'profiles');
  cpSync('profiles', dir, { recursive: true });
  for (const name of readdirSync(dir).filter((n) => /^[A-Z-]+\.json$/.test(n))) {
    const file = join(dir, name);
    const profile = JSON.parse(readFileSync(file, 'utf8')) as {
      documents?: Record<string, { constraints?: Array<{ schema?: Record<string, unknown> }> }>;
    };
    for (const policy of Object.values(profile.documents ?? {}))
      for (const constraint of policy.constraints ?? [])
        if (constraint.schema) constraint.schema['$comment'] = 'a copy';
    writeFileSync(file, JSON.stringify(profile));
  }
  return dir;
}

describe('constraints compiled on use', () => {
  it('check of an EU declaration for RU compiles RU’s constraints, not CN’s, IN’s or KZ’s', () => {
    const compile = vi.spyOn(constraintAjv(), 'compile');
    const set = loadProfiles(editedProfiles());
    const schemaOf = (profile: string, id: string): string => {
      const constraint = set.profiles
        .get(profile)
        ?.documents?.['customs-declaration']?.constraints?.find((c) => c.id === id);
      expect(constraint?.schema).toBeDefined();
      return JSON.stringify(constraint?.schema);
    };
    const compiled = () => new Set(compile.mock.calls.map(([schema]) => JSON.stringify(schema)));
    const others = [
      schemaOf('CN', 'cn-uscc'),
      schemaOf('IN', 'in-gstin-pan'),
      schemaOf('KZ', 'kz-bin-iin'),
    ];
    const ours = schemaOf('RU', 'ru-taxpayer-id');
    expect(others.filter((schema) => compiled().has(schema))).toEqual([]);
    expect(compiled().has(ours)).toBe(false); // loading checks schemas without compiling them

    const asOf = new Date('2026-12-01T00:00:00Z');
    const { document, verifications } = loadDocument(
      'fixtures/documents/EU/customs-declaration.xml',
      undefined,
      asOf,
    );
    const sender = set.profiles.get('EU')!;
    const pair = evaluatePair(
      { document, verifications, senderId: 'EU', sender },
      set.profiles.get('RU')!,
      asOf,
    );
    expect(pair.receiver).toBe('RU');
    expect(compiled().has(ours)).toBe(true);
    expect(others.filter((schema) => compiled().has(schema))).toEqual([]);
  });
});

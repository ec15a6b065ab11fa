import { describe, expect, it } from 'vitest';
import { loadProfiles, ProfileError } from '../../src/profiles/load.js';
import { UserError } from '../../src/util/errors.js';
import { tempTree } from '../helpers/tmp.js';

const base = {
  id: 'EAEU',
  name: 'Baseline',
  kind: 'baseline',
  version: '1',
  sources: [{ id: 'treaty', title: 'Treaty' }],
  signature: {
    required: true,
    methods: [{ algorithm: 'rsa-sha256', source: 'treaty' }],
    digests: [{ algorithm: 'sha256' }],
  },
  documents: {
    licence: {
      accepted: true,
      constraints: [
        { id: 'number', schema: { required: ['licenceNumber'] } },
        { id: 'currency', schema: { required: ['currency'] } },
      ],
    },
  },
};

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ProfileError)
      return error.problems.map((p) => `${p.pointer}: ${p.message}`);
    throw error;
  }
  throw new Error('expected a ProfileError');
}

describe('profile loading', () => {
  it('resolves extends: objects merge, arrays replace, constraints accumulate by id', () => {
    const dir = tempTree({
      'EAEU.json': base,
      'RU.json': {
        id: 'RU',
        name: 'Russia',
        kind: 'jurisdiction',
        version: '2',
        extends: 'EAEU',
        sources: [{ id: 'fz', title: 'Federal law' }],
        signature: { methods: [{ algorithm: 'gost2012-256' }] },
        documents: {
          licence: {
            constraints: [
              { id: 'currency', disabled: true },
              { id: 'inn', schema: { required: ['licensee'] } },
            ],
          },
        },
      },
    });
    const ru = loadProfiles(dir).profiles.get('RU');
    expect(ru?.lineage).toEqual(['EAEU', 'RU']);
    expect(ru?.version).toBe('2');
    // The child's method list replaces the parent's; untouched keys are inherited.
    expect(ru?.signature?.methods?.map((m) => m.algorithm)).toEqual(['gost2012-256']);
    expect(ru?.signature?.required).toBe(true);
    expect(ru?.signature?.digests?.map((d) => d.algorithm)).toEqual(['sha256']);
    expect(ru?.documents?.licence?.constraints?.map((c) => c.id)).toEqual(['number', 'inn']);
    expect(ru?.documents?.licence?.accepted).toBe(true);
    expect(ru?.sources?.map((s) => s.id)).toEqual(['treaty', 'fz']);
  });

  it('resolves several parents left to right', () => {
    const dir = tempTree({
      'EAEU.json': base,
      'SCO.json': {
        id: 'SCO',
        name: 'SCO',
        kind: 'baseline',
        version: '1',
        signature: { methods: [{ algorithm: 'ecdsa-sha256' }] },
      },
      'KZ.json': {
        id: 'KZ',
        name: 'Kazakhstan',
        kind: 'jurisdiction',
        version: '1',
        extends: ['EAEU', 'SCO'],
      },
    });
    const kz = loadProfiles(dir).profiles.get('KZ');
    expect(kz?.lineage).toEqual(['EAEU', 'SCO', 'KZ']);
    expect(kz?.signature?.methods?.map((m) => m.algorithm)).toEqual(['ecdsa-sha256']);
    expect(kz?.signature?.required).toBe(true);
  });

  it('reports an extends cycle with the path of the cycle', () => {
    const dir = tempTree({
      'A.json': { id: 'AA', name: 'A', kind: 'jurisdiction', version: '1', extends: 'BB' },
      'B.json': { id: 'BB', name: 'B', kind: 'jurisdiction', version: '1', extends: 'AA' },
    });
    const problems = problemsOf(() => loadProfiles(dir));
    expect(problems.some((p) => /extends cycle: (AA → BB → AA|BB → AA → BB)/.test(p))).toBe(true);
  });

  it('reports a self-extending profile and an unknown parent', () => {
    const dir = tempTree({
      'A.json': { id: 'AA', name: 'A', kind: 'jurisdiction', version: '1', extends: 'AA' },
      'B.json': { id: 'BB', name: 'B', kind: 'jurisdiction', version: '1', extends: ['AA', 'ZZ'] },
    });
    const problems = problemsOf(() => loadProfiles(dir));
    expect(problems).toContain('/extends: extends cycle: AA → AA');
    expect(problems).toContain('/extends/1: extends unknown profile ZZ');
  });

  it('names the file, the JSON pointer and what was expected for schema errors', () => {
    const dir = tempTree({
      'RU.json': {
        id: 'RU',
        name: 'Russia',
        kind: 'country',
        version: '1',
        signature: { methods: [{ algorithm: 'gost2012-256', minKeyBits: '256' }], colour: 'red' },
      },
    });
    try {
      loadProfiles(dir);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ProfileError);
      const problems = (error as ProfileError).problems;
      expect(problems.every((p) => p.file.endsWith('RU.json'))).toBe(true);
      const byPointer = Object.fromEntries(problems.map((p) => [p.pointer, p.message]));
      expect(byPointer['/kind']).toMatch(/expected one of .*jurisdiction/);
      expect(byPointer['/signature/methods/0/minKeyBits']).toMatch(/expected integer/);
      expect(byPointer['/signature/colour']).toMatch(/unknown property/);
    }
  });

  it('gives a line and column for broken JSON', () => {
    const dir = tempTree({ 'RU.json': '{\n  "id": "RU",\n  "name": \n}' });
    expect(() => loadProfiles(dir)).toThrow(/RU\.json:4:1: invalid JSON/);
  });

  it('refuses duplicate ids, missing folders and missing anchor files', () => {
    const dup = tempTree({ 'a.json': base, 'b.json': base });
    expect(problemsOf(() => loadProfiles(dup))[0]).toMatch(/duplicate profile id EAEU/);
    expect(() => loadProfiles('/nonexistent/profiles')).toThrow(UserError);
    const anchors = tempTree({
      'RU.json': {
        id: 'RU',
        name: 'Russia',
        kind: 'jurisdiction',
        version: '1',
        signature: { trustAnchors: [{ file: 'anchors/missing.pem' }] },
      },
    });
    expect(problemsOf(() => loadProfiles(anchors))).toEqual([
      '/signature/trustAnchors/0/file: trust anchor file not found or unreadable: missing.pem',
    ]);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { constraintAjv, constraintSetFor } from '../../src/constraints/constraints.js';
import { loadProfiles, ProfileError } from '../../src/profiles/load.js';
import { tempTree } from '../helpers/tmp.js';

/**
 * Load checks constraint schemas without compiling most of them (compiling waits for the first
 * evaluation). Whatever compiling would refuse must still stop the load, naming file and pointer.
 */
const withConstraint = (schema: unknown) =>
  tempTree({
    'AA.json': {
      id: 'AA',
      name: 'AA',
      kind: 'jurisdiction',
      version: '1',
      documents: { licence: { accepted: true, constraints: [{ id: 'c1', schema }] } },
    },
  });

function loadProblem(dir: string): string {
  try {
    loadProfiles(dir);
  } catch (error) {
    if (!(error instanceof ProfileError)) throw error;
    return error.problems.map((p) => `${p.file.split('/').pop()}#${p.pointer}: ${p.message}`)[0]!;
  }
  return 'loaded';
}

describe('constraint schemas are checked at load', () => {
  it.each([
    ['a keyword of the wrong type', { type: 'strin' }, /schema is invalid: .*type/],
    [
      'a malformed pattern',
      { properties: { a: { pattern: '([a-z' } } },
      /Invalid regular expression/,
    ],
    [
      'a malformed patternProperties key',
      { patternProperties: { '(': {} } },
      /Invalid regular expression/,
    ],
    ['an unknown code list', { $ref: 'urn:corridor:code-list:nonesuch' }, /nonesuch/],
    ['a local $ref to nothing', { $ref: '#/$defs/missing' }, /missing/],
    ['a definition that is not a schema', { $defs: { p: 5 }, $ref: '#/$defs/p' }, /invalid/],
    [
      'a percent-encoded $ref to nothing',
      { $defs: { 'a%20b': {} }, $ref: '#/$defs/a%20b' },
      /a%20b|a b/,
    ],
    ['a misspelt corridor keyword', { 'x-corridor-comapre': {} }, /unknown keyword/],
    [
      'a comparison text cannot make',
      { 'x-corridor-compare': { left: '/a', op: '<', right: '/b', as: 'text' } },
      /== or != only/,
    ],
    ['an unknown $schema', { $schema: 'https://example.invalid/s' }, /invalid schema/],
  ])('%s stops the load with file and pointer', (_name, schema, message) => {
    const problem = loadProblem(withConstraint(schema));
    expect(problem).toMatch(/^AA\.json#\/documents: .*constraint c1 has an invalid schema: /);
    expect(problem).toMatch(message);
  });

  it('a valid schema loads uncompiled, compiles on first use and reports what it finds', () => {
    const schema = {
      $defs: { country: { $ref: 'urn:corridor:code-list:iso3166-alpha2' } },
      required: ['licenceNumber'],
      properties: {
        issuingCountry: { $ref: '#/$defs/country' },
        lazyProbe: { const: 'q-9137' }, // a schema no other test uses
      },
    };
    const compile = vi.spyOn(constraintAjv(), 'compile');
    const ours = () =>
      compile.mock.calls.filter(([s]) => JSON.stringify(s) === JSON.stringify(schema)).length;
    try {
      const set = loadProfiles(withConstraint(schema));
      expect(ours()).toBe(0);
      const violations = constraintSetFor(set.profiles.get('AA')!).evaluate('licence', {
        issuingCountry: 'XX',
      });
      expect(ours()).toBe(1);
      expect(violations.map((v) => v.pointer).sort()).toEqual([
        '/issuingCountry',
        '/licenceNumber',
      ]);
    } finally {
      compile.mockRestore();
    }
  });
});

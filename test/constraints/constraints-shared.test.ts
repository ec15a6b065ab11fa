import { describe, expect, it, vi } from 'vitest';
import { constraintAjv, constraintSetFor } from '../../src/constraints/constraints.js';
import { loadProfiles } from '../../src/profiles/load.js';
import { tempTree } from '../helpers/tmp.js';

const profile = (id: string, extra: object = {}) => ({
  id,
  name: id,
  kind: 'jurisdiction',
  version: '1',
  ...extra,
});

describe('constraint schemas shared between profiles', () => {
  it('an inherited constraint compiles once, and each profile still reports its own', () => {
    // A schema no other test uses, so the module-wide cache cannot already hold it.
    const schema = { required: ['licenceNumber'], properties: { shared: { const: 'x-4711' } } };
    const dir = tempTree({
      'BASE.json': profile('BASE', {
        kind: 'baseline',
        documents: { licence: { accepted: true, constraints: [{ id: 'number', schema }] } },
      }),
      'AA.json': profile('AA', { extends: 'BASE' }),
      'BB.json': profile('BB', {
        extends: 'BASE',
        documents: {
          licence: {
            constraints: [
              { id: 'number', disabled: true },
              { id: 'bb-number', description: 'BB needs a number', severity: 'warning', schema },
            ],
          },
        },
      }),
    });
    const compile = vi.spyOn(constraintAjv(), 'compile');
    const compiledOurs = () =>
      compile.mock.calls.filter(([s]) => JSON.stringify(s) === JSON.stringify(schema)).length;
    const set = loadProfiles(dir);
    // Load only checks the schema against the meta-schema; compiling waits for evaluation.
    expect(compiledOurs()).toBe(0);

    const violations = (id: string) =>
      constraintSetFor(set.profiles.get(id)!).evaluate('licence', { holder: 'n/a' });
    expect(violations('AA')).toEqual([
      expect.objectContaining({
        constraintId: 'number',
        severity: 'error',
        pointer: '/licenceNumber',
      }),
    ]);
    expect(violations('BB')).toEqual([
      expect.objectContaining({
        constraintId: 'bb-number',
        severity: 'warning',
        message: 'BB needs a number: /licenceNumber is required but missing',
      }),
    ]);
    expect(
      constraintSetFor(set.profiles.get('AA')!).evaluate('licence', { licenceNumber: 'L-1' }),
    ).toEqual([]);
    expect(compiledOurs()).toBe(1); // three profiles carry it
    compile.mockRestore();
  });
});

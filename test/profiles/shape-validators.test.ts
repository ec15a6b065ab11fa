import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectSameVerdict, mutated, type Validator } from '../helpers/validator-differential.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import {
  checkAgainstMeta,
  constraintAjv,
  sharedValidator,
} from '../../src/constraints/constraints.js';
import { loadCodeLists } from '../../src/constraints/code-lists.js';
import { loadProfiles } from '../../src/profiles/load.js';
import { codeTable, doctype, profile } from '../../src/generated/shape-validators.js';
import { generatedShapeValidators } from '../../scripts/lib/shape-validators-source.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const json = (file: string): unknown => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));
const shipped = (dir: string): unknown[] =>
  readdirSync(join(ROOT, dir))
    .filter((n) => n.endsWith('.json') && !n.endsWith('.schema.json'))
    .map((n) => json(`${dir}/${n}`));

// The build-time validators against the same schema compiled at run time by the constraints'
// ajv instance, as corridor did before: same verdict, same error objects.
const cases: Array<[string, Validator, Validator, unknown[]]> = [
  [
    'profile',
    profile as unknown as Validator,
    sharedValidator(json('profiles/profile.schema.json') as object) as Validator,
    shipped('profiles'),
  ],
  [
    'doctype',
    doctype as unknown as Validator,
    sharedValidator(json('doctypes/doctype.schema.json') as object) as Validator,
    shipped('doctypes'),
  ],
  [
    'code table',
    codeTable as unknown as Validator,
    sharedValidator(json('doctypes/code-tables/code-table.schema.json') as object) as Validator,
    shipped('doctypes/code-tables'),
  ],
];

/** What a mutation puts in place of a value: nothing, null, text, empty containers, or `more`. */
function replacement(...more: Array<fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.string(),
    fc.constant({}),
    fc.constant([]),
    ...more,
  );
}

describe('shape validators generated at build time', () => {
  it('are up to date with the schemas (npm run gen:validators)', () => {
    const committed = readFileSync(join(ROOT, 'src/generated/shape-validators.ts'), 'utf8');
    expect(committed === generatedShapeValidators()).toBe(true);
  });

  for (const [name, generated, compiled, files] of cases) {
    it(`${name}: every shipped file passes both`, () => {
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        expect(generated(file)).toBe(true);
        expect(compiled(file)).toBe(true);
      }
    });

    it(`${name}: broken files get the same verdict and errors from both`, () => {
      let rejected = 0;
      fc.assert(
        fc.property(
          fc.nat(files.length - 1),
          fc.array(fc.nat(40), { minLength: 1, maxLength: 6 }),
          replacement(fc.integer(), fc.constant({ unexpected: true })),
          (index, path, replacement) => {
            const value = mutated(files[index], path, replacement);
            if (!expectSameVerdict(generated, compiled, value)) rejected++;
          },
        ),
        { numRuns: 300, seed: 14 },
      );
      // The property must have met broken files, not only harmless edits.
      expect(rejected).toBeGreaterThan(50);
    });
  }
});

describe('meta-schema check generated at build time', () => {
  // A fresh instance with ajv's own meta-schema check, as constraintAjv had before.
  const reference = new Ajv2020({ allErrors: true, strict: false, ownProperties: true });
  const schemas = [...loadProfiles().profiles.values()]
    .flatMap((p) => Object.values(p.documents ?? {}))
    .flatMap((policy) => policy?.constraints ?? [])
    .map((c) => c.schema as unknown);
  const verdict = (check: () => void): string => {
    try {
      check();
      return 'valid';
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  };

  it('accepts every code list corridor registers', () => {
    for (const list of loadCodeLists()) {
      expect(verdict(() => checkAgainstMeta(constraintAjv(), list))).toBe('valid');
    }
  });

  it('gives ajv validateSchema verdict and message on broken constraint schemas', () => {
    expect(schemas.length).toBeGreaterThan(10);
    let rejected = 0;
    fc.assert(
      fc.property(
        fc.nat(schemas.length - 1),
        fc.array(fc.nat(40), { minLength: 1, maxLength: 5 }),
        replacement(
          fc.integer({ min: -3, max: 3 }),
          fc.constant('[unclosed'),
          fc.constant('https://json-schema.org/draft/2020-12/schema'),
          fc.constant('http://json-schema.org/draft-07/schema#'),
        ),
        (index, path, replacement) => {
          const schema = mutated(schemas[index], path, replacement);
          const ours = verdict(() => checkAgainstMeta(constraintAjv(), schema));
          const theirs = verdict(() => reference.validateSchema(schema as object, true));
          expect(ours).toBe(theirs);
          if (ours !== 'valid') rejected++;
        },
      ),
      { numRuns: 400, seed: 14 },
    );
    expect(rejected).toBeGreaterThan(50);
  });
});

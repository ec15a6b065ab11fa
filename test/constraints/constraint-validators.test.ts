import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectSameVerdict, mutated, type Validator } from '../helpers/validator-differential.js';
import { codeListsDigest } from '../../src/constraints/code-lists.js';
import { COMPARE_KEYWORD } from '../../src/constraints/cross-field.js';
import {
  checkAgainstMeta,
  constraintAjv,
  sharedValidator,
} from '../../src/constraints/constraints.js';
import { readDocumentFile } from '../../src/documents/read.js';
import {
  CODE_LISTS_DIGEST,
  SHIPPED_CONSTRAINTS,
} from '../../src/generated/constraint-validators.js';
import {
  generatedConstraintValidators,
  shippedConstraintSchemas,
} from '../../scripts/lib/constraint-validators-source.js';

const ROOT = new URL('../../', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** The models of the shipped sample documents: what the constraints are evaluated on. */
const models = files(join(ROOT, 'fixtures/documents'))
  .map((file) => readDocumentFile(file).model)
  .filter((model) => model !== undefined && model !== null);

describe('constraint validators generated at build time', () => {
  const schemas = shippedConstraintSchemas();

  it('are up to date with the shipped profiles and code lists (npm run gen:validators)', () => {
    const committed = readFileSync(join(ROOT, 'src/generated/constraint-validators.ts'), 'utf8');
    expect(committed === generatedConstraintValidators()).toBe(true);
    expect(CODE_LISTS_DIGEST).toBe(codeListsDigest());
    expect(SHIPPED_CONSTRAINTS.size).toBe(schemas.length);
  });

  it('hold only schemas that pass the meta-schema check, which loading them then skips', () => {
    for (const schema of schemas)
      expect(() => checkAgainstMeta(constraintAjv(), schema)).not.toThrow();
    // Not shipped: still checked, and refused.
    expect(() => checkAgainstMeta(constraintAjv(), { minLength: 'three' })).toThrow(
      /schema is invalid/,
    );
  });

  it('serve the shipped schemas; any other schema is compiled at run time', () => {
    expect(schemas.length).toBeGreaterThan(10);
    for (const schema of schemas)
      expect(sharedValidator(schema)).toBe(SHIPPED_CONSTRAINTS.get(JSON.stringify(schema)));
    const other = { properties: { code: { pattern: '^[0-9]{4}$' } } };
    const compiled = sharedValidator(other) as Validator;
    expect([...SHIPPED_CONSTRAINTS.values()]).not.toContain(compiled);
    expect(compiled({ code: '12' })).toBe(false);
  });

  it('give the verdict and errors of the same schema compiled at run time', () => {
    expect(models.length).toBeGreaterThan(10);
    const pairs = schemas.map((schema) => ({
      generated: SHIPPED_CONSTRAINTS.get(JSON.stringify(schema)) as unknown as Validator,
      compiled: constraintAjv().compile(schema) as Validator,
    }));
    let rejected = 0;
    fc.assert(
      fc.property(
        fc.nat(models.length - 1),
        fc.array(fc.nat(40), { maxLength: 7 }),
        fc.oneof(
          fc.constant(undefined),
          fc.constant(null),
          fc.string(),
          fc.stringMatching(/^[0-9A-Z]{0,12}$/),
          fc.integer(),
          fc.constant({}),
          fc.constant([]),
        ),
        (index, path, replacement) => {
          const value =
            path.length === 0 ? models[index] : mutated(models[index], path, replacement);
          for (const { generated, compiled } of pairs)
            if (!expectSameVerdict(generated, compiled, value)) rejected++;
        },
      ),
      { numRuns: 300, seed: 14 },
    );
    // The property must have met documents the constraints refuse, not only valid ones.
    expect(rejected).toBeGreaterThan(50);
  });

  it('carry x-corridor-compare: the same errors as the keyword compiled at run time', () => {
    const comparing = schemas.filter((schema) => JSON.stringify(schema).includes(COMPARE_KEYWORD));
    expect(comparing.length).toBeGreaterThanOrEqual(3);
    // A model that breaks every shipped comparison: net mass over gross, a licence number whose
    // country and year characters disagree with the issuing country and date.
    const model = {
      goods: [{ netMass: '12.5', grossMass: '10' }],
      goodsItems: [{ netMass: '12.5', grossMass: '10' }],
      licenceNumber: 'LC-RU-29-0001',
      issuingCountry: 'KZ',
      issueDate: '2026-01-15',
    };
    const keywords = new Set<unknown>();
    for (const schema of comparing) {
      const generated = SHIPPED_CONSTRAINTS.get(JSON.stringify(schema)) as unknown as Validator;
      const compiled = constraintAjv().compile(schema) as Validator;
      expect(generated).toBeDefined();
      expectSameVerdict(generated, compiled, model);
      for (const error of (generated.errors ?? []) as Array<{ keyword?: unknown }>)
        keywords.add(error.keyword);
    }
    expect(keywords).toContain(COMPARE_KEYWORD);
  });
});

import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { formatToString } from '../../src/report/index.js';
import { describe, expect, it } from 'vitest';
import { jsonFormatter } from '../../src/report/json.js';
import { checkResult, context, matrixResult } from './fixture.js';

const schema: unknown = JSON.parse(
  readFileSync(new URL('../../schemas/matrix-output.schema.json', import.meta.url), 'utf8'),
);

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  return ajv.compile(schema as object);
}

describe('json formatter', () => {
  it('round-trips the result exactly', () => {
    const output = formatToString(jsonFormatter, matrixResult, context);
    expect(JSON.parse(output)).toEqual(matrixResult);
    expect(output).toBe(`${JSON.stringify(matrixResult, null, 2)}\n`);
  });

  it('validates against schemas/matrix-output.schema.json for check and matrix results', () => {
    const validate = validator();
    for (const result of [matrixResult, checkResult]) {
      const ok = validate(JSON.parse(formatToString(jsonFormatter, result, context)));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('the schema rejects results that break the contract', () => {
    const validate = validator();
    const parsed = (): typeof matrixResult =>
      JSON.parse(formatToString(jsonFormatter, matrixResult, context)) as typeof matrixResult;

    const badSeverity = parsed();
    (badSeverity.pairs[1]!.findings[0] as { severity: string }).severity = 'fatal';
    expect(validate(badSeverity)).toBe(false);

    const missingCounts = parsed() as unknown as { cells: Array<Record<string, unknown>> };
    delete missingCounts.cells[0]!.counts;
    expect(validate(missingCounts)).toBe(false);

    const badKind = { ...parsed(), kind: 'audit' };
    expect(validate(badKind)).toBe(false);

    const zeroLine = parsed();
    zeroLine.pairs[1]!.findings[0]!.location.line = 0;
    expect(validate(zeroLine)).toBe(false);

    const extra = { ...parsed(), extra: true };
    expect(validate(extra)).toBe(false);
  });
});

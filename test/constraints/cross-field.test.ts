import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { ModelObject } from '../../src/documents/model.js';
import { compareMetaSchema } from '../../src/constraints/compare-arguments.js';
import { constraintAjv, constraintSetFor } from '../../src/constraints/constraints.js';
import {
  addCompareKeyword,
  compareDecimals,
  unknownCorridorKeywords,
} from '../../src/constraints/cross-field.js';
import { run } from '../../src/engine/run.js';
import { modelToXml } from '../../src/fixtures/model-to-xml.js';
import { sampleModels, type SampleType } from '../../src/fixtures/sample-models.js';
import { definitionByType } from '../../src/documents/types/index.js';
import { loadProfiles, ProfileError } from '../../src/profiles/load.js';
import { jurisdiction } from '../helpers/documents.js';
import { tempTree } from '../helpers/tmp.js';

function ajvWithKeyword(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addCompareKeyword(ajv);
  return ajv;
}

/** An independent decimal order: both sides scaled to a common number of places with BigInt. */
function bigIntOrder(a: string, b: string): number {
  const [ai = '', af = ''] = a.split('.');
  const [bi = '', bf = ''] = b.split('.');
  const places = Math.max(af.length, bf.length);
  const x = BigInt(ai + af.padEnd(places, '0'));
  const y = BigInt(bi + bf.padEnd(places, '0'));
  return x === y ? 0 : x < y ? -1 : 1;
}

describe('compareDecimals: exact order of decimal strings', () => {
  it('treats equal values written differently as equal, and orders by value, not text', () => {
    expect(compareDecimals('1250.50', '1250.5')).toBe(0);
    expect(compareDecimals('007', '7.000')).toBe(0);
    expect(compareDecimals('0', '0.0')).toBe(0);
    expect(compareDecimals('9', '10')).toBe(-1);
    expect(compareDecimals('0.51', '0.6')).toBe(-1);
    expect(compareDecimals('1180', '1250.5')).toBe(-1);
    expect(compareDecimals('1250.51', '1250.5')).toBe(1);
    // Beyond float precision: 2^53 + 1 vs 2^53, and a difference in the 30th decimal.
    expect(compareDecimals('9007199254740993', '9007199254740992')).toBe(1);
    expect(compareDecimals('0.000000000000000000000000000001', '0')).toBe(1);
    expect(compareDecimals('0.30', '0.3')).toBe(0);
  });

  it('refuses what is not a plain non-negative decimal', () => {
    for (const bad of ['', '.5', '5.', '-1', '1e3', '1,5', ' 1', '0x10', 'NaN', '١٢'])
      expect(compareDecimals(bad, '1'), bad).toBeUndefined();
  });

  it('agrees with a BigInt oracle on random decimals', () => {
    let seed = 20261121;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const digits = (n: number) =>
      Array.from({ length: n }, () => String(next() % 10)).join('') || '0';
    const decimal = () =>
      next() % 3 === 0
        ? digits(1 + (next() % 25))
        : `${digits(1 + (next() % 25))}.${digits(1 + (next() % 25))}`;
    for (let i = 0; i < 3000; i++) {
      const a = decimal();
      // Near misses matter most: half of the pairs share a prefix.
      const b =
        i % 2 === 0
          ? decimal()
          : a.slice(0, Math.max(1, a.length - 1 - (next() % 3))) + digits(next() % 3);
      const expected = /^\d+(\.\d+)?$/.test(b) ? bigIntOrder(a, b) : undefined;
      expect(compareDecimals(a, b), `${a} vs ${b}`).toBe(expected);
    }
  });
});

describe('x-corridor-compare keyword', () => {
  const masses = {
    type: 'object',
    properties: {
      items: {
        type: 'array',
        items: {
          'x-corridor-compare': { left: '/net', op: '<=', right: '/gross', as: 'decimal' },
        },
      },
    },
  };

  it('passes when the comparison holds, fails at the left field with both values otherwise', () => {
    const validate = ajvWithKeyword().compile(masses);
    expect(
      validate({
        items: [
          { net: '1180', gross: '1250.5' },
          { net: '5.0', gross: '5' },
        ],
      }),
    ).toBe(true);
    expect(
      validate({
        items: [
          { net: '1', gross: '2' },
          { net: '1250.51', gross: '1250.5' },
        ],
      }),
    ).toBe(false);
    expect(validate.errors).toHaveLength(1);
    expect(validate.errors?.[0]).toMatchObject({
      keyword: 'x-corridor-compare',
      instancePath: '/items/1/net',
      message: '"1250.51" must be at most /items/1/gross "1250.5"',
    });
  });

  it('leaves missing, non-string and malformed values to other constraints', () => {
    const validate = ajvWithKeyword().compile(masses);
    for (const item of [
      {},
      { net: '5' },
      { gross: '5' },
      { net: 5, gross: 4 },
      { net: { v: '5' }, gross: '4' },
      { net: '5 kg', gross: '4' },
      { net: '1'.repeat(300) + 'x', gross: '4' },
      { net: null, gross: '4' },
    ]) {
      expect(validate({ items: [item] }), JSON.stringify(item).slice(0, 60)).toBe(true);
    }
  });

  it('compares hostile values in linear time and quotes them cut short', () => {
    const validate = ajvWithKeyword().compile(masses);
    const huge = '9'.repeat(1 << 20);
    // Runs of zeros are where a trimming regex would go quadratic.
    const zeros = `1.${'0'.repeat(1 << 20)}1`;
    const items = [
      ...Array.from({ length: 10 }, () => ({ net: huge, gross: '1' })),
      { net: zeros, gross: '1' },
      { net: `${'0'.repeat(1 << 20)}2`, gross: '1' },
      { net: zeros, gross: `1.${'0'.repeat(1 << 20)}2` },
    ];
    expect(validate({ items })).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toEqual(
      Array.from({ length: 12 }, (_, i) => `/items/${i}/net`),
    );
    expect(validate.errors?.[0]?.message).toBe(
      `"${'9'.repeat(40)}…" must be at most /items/0/gross "1"`,
    );
  });

  it('never reaches inherited members through a pointer', () => {
    const validate = ajvWithKeyword().compile({
      'x-corridor-compare': { left: '/constructor', op: '==', right: '/a', as: 'text' },
    });
    expect(validate({ a: 'x' })).toBe(true);
    const proto = ajvWithKeyword().compile({
      'x-corridor-compare': { left: '/__proto__/x', op: '==', right: '/a', as: 'text' },
    });
    expect(proto({ a: 'y' })).toBe(true);
  });

  it('compares slices as text and dates in calendar order; escaped pointer tokens work', () => {
    const ajv = ajvWithKeyword();
    const slice = ajv.compile({
      'x-corridor-compare': {
        left: { field: '/number', from: 3, to: 5 },
        op: '==',
        right: '/a~1b',
        as: 'text',
      },
    });
    expect(slice({ number: '001RU26', 'a/b': 'RU' })).toBe(true);
    expect(slice({ number: '001KZ26', 'a/b': 'RU' })).toBe(false);
    expect(slice.errors?.[0]?.message).toBe('characters 4–5 "KZ" must equal /a~1b "RU"');
    expect(slice({ number: '001R', 'a/b': 'RU' })).toBe(true); // too short: format's business
    const dates = ajv.compile({
      'x-corridor-compare': { left: '/from', op: '<', right: '/until', as: 'date' },
    });
    expect(dates({ from: '2026-11-02', until: '2027-11-01' })).toBe(true);
    expect(dates({ from: '2027-11-02', until: '2027-11-01' })).toBe(false);
    expect(dates({ from: '2 Nov 2027', until: '2027-11-01' })).toBe(true);
  });

  it('quotes document values escaped and cut in messages', () => {
    const validate = ajvWithKeyword().compile({
      'x-corridor-compare': { left: '/a', op: '==', right: '/b', as: 'text' },
    });
    expect(validate({ a: 'x\u001b[31m', b: 'y'.repeat(100) })).toBe(false);
    const message = validate.errors?.[0]?.message ?? '';
    expect(message).toContain('"x\\u001b[31m"');
    expect(message).not.toContain('\u001b');
    expect(message).toContain(`"${'y'.repeat(40)}…"`);
  });

  it('refuses malformed comparisons when the schema compiles', () => {
    const ajv = ajvWithKeyword();
    const bad = [
      { left: '/a', op: '=~', right: '/b', as: 'text' },
      { left: '/a', op: '<', right: '/b', as: 'text' },
      { left: 'a', op: '==', right: '/b', as: 'text' },
      { left: '/a', op: '==', right: '/b' },
      { left: '/a', op: '==', right: '/b', as: 'number' },
      { left: { field: '/a', from: 5, to: 5 }, op: '==', right: '/b', as: 'text' },
      { left: { field: '/a', start: 1 }, op: '==', right: '/b', as: 'text' },
      { left: '/a', op: '==', right: '/b', as: 'text', code: 'a == b' },
    ];
    for (const comparison of bad)
      expect(
        () => ajv.compile({ 'x-corridor-compare': comparison }),
        JSON.stringify(comparison),
      ).toThrow();
  });

  it('refuses malformed arguments with the message ajv gave compiling the metaSchema itself', () => {
    // The reference: the keyword as ajv compiled its arguments' schema at every start before
    // (issue #14), with the constraints' instance options; ours runs the build-time validator.
    const reference = new Ajv2020({ allErrors: true, strict: false, ownProperties: true });
    reference.addKeyword({
      keyword: 'x-corridor-compare',
      type: 'object',
      schemaType: 'object',
      metaSchema: compareMetaSchema,
      compile: () => () => true,
    });
    const ours = constraintAjv();
    const message = (ajv: Ajv2020, schema: object): string => {
      try {
        ajv.compile(schema);
        return 'compiled';
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    };
    const malformed = [
      { left: '/a', op: '=~', right: '/b', as: 'text' },
      { left: 'a', op: '==', right: '/b', as: 'text' },
      { left: '/a', op: '==', right: '/b' },
      {},
      { left: 1, op: 2, right: null, as: [] },
      { left: { field: 'a', from: -1, to: 1001, start: 1 }, op: '==', right: '/b', as: 'date' },
      { left: { from: 1.5 }, op: '==', right: { field: '/b/~1c' }, as: 'decimal', code: 'x' },
    ];
    for (const comparison of malformed) {
      const schema = { properties: { items: { items: { 'x-corridor-compare': comparison } } } };
      const expected = message(reference, schema);
      expect(expected, JSON.stringify(comparison)).toMatch(
        /^keyword "x-corridor-compare" value is invalid at path "#\/properties\/items\/items": data/,
      );
      expect(message(ours, schema), JSON.stringify(comparison)).toBe(expected);
    }
    // Well-formed arguments pass both.
    const fine = { left: { field: '/a', from: 0, to: 3 }, op: '==', right: '/b', as: 'text' };
    expect(message(ours, { 'x-corridor-compare': fine })).toBe('compiled');
    expect(message(reference, { 'x-corridor-compare': fine })).toBe('compiled');
  });

  it('finds misspelt x-corridor-* keywords anywhere in a schema', () => {
    expect(unknownCorridorKeywords({ 'x-corridor-compare': {} })).toEqual([]);
    expect(
      unknownCorridorKeywords({ properties: { a: { items: { 'x-corridor-comapre': {} } } } }),
    ).toEqual(['x-corridor-comapre']);
  });
});

describe('cross-field checks in profiles', () => {
  const withConstraint = (schema: object) =>
    tempTree({
      'AA.json': jurisdiction('AA', {
        documents: {
          'customs-declaration': { accepted: true, constraints: [{ id: 'mass', schema }] },
        },
      }),
    });

  it('a misspelt keyword or a malformed comparison stops the profile load', () => {
    const problems = (dir: string) => {
      try {
        loadProfiles(dir);
      } catch (error) {
        if (error instanceof ProfileError) return error.problems.map((p) => p.message).join('\n');
        throw error;
      }
      return '';
    };
    expect(problems(withConstraint({ 'x-corridor-comapre': {} }))).toMatch(
      /constraint mass has an invalid schema: unknown keyword x-corridor-comapre/,
    );
    expect(
      problems(
        withConstraint({ 'x-corridor-compare': { left: '/a', op: '>', right: '/b', as: 'text' } }),
      ),
    ).toMatch(/constraint mass has an invalid schema: .*compares with == or != only/);
  });

  const shipped = loadProfiles();
  const violated = (id: string, type: SampleType, change: (m: ModelObject) => void) => {
    const model = structuredClone(sampleModels(id)[type]);
    change(model);
    return constraintSetFor(shipped.profiles.get(id) as never)
      .evaluate(type, model)
      .map((v) => `${v.constraintId} ${v.pointer}`);
  };
  const item = (m: ModelObject) => (m['goodsItems'] as ModelObject[])[0] as ModelObject;

  it('EAEU: net mass at most gross mass, exactly; missing masses left to eaeu-required', () => {
    expect(violated('RU', 'customs-declaration', (m) => (item(m)['netMass'] = '1250.50'))).toEqual(
      [],
    );
    expect(violated('KZ', 'customs-declaration', (m) => (item(m)['netMass'] = '1250.51'))).toEqual([
      'eaeu-net-mass /goodsItems/0/netMass',
    ]);
    expect(violated('RU', 'customs-declaration', (m) => delete item(m)['grossMass'])).toEqual([
      'eaeu-required /goodsItems/0/grossMass',
    ]);
    expect(violated('RU', 'customs-declaration', (m) => (item(m)['netMass'] = '1,300'))).toEqual([
      'quantities /goodsItems/0/netMass',
    ]);
    // Outside the EAEU baseline the check is not claimed.
    expect(violated('CN', 'customs-declaration', (m) => (item(m)['netMass'] = '9999'))).toEqual([]);
  });

  it('EAEU: licence number country part is the issuing country, year part the application year', () => {
    const number = (id: string, value: string, issueDate?: string) =>
      violated(id, 'licence', (m) => {
        m['licenceNumber'] = value;
        if (issueDate) m['issueDate'] = issueDate;
      });
    expect(number('RU', '001RU26001000123')).toEqual([]);
    expect(number('BY', '002RU26014000045')).toEqual([
      'eaeu-licence-number-country /licenceNumber',
    ]);
    // Characters 6–7 are the year the application was registered: applied for in 2025 and
    // issued in 2026 is right; an application year after the issue year is not.
    expect(number('KZ', '003KZ25007000318', '2026-01-15')).toEqual([]);
    expect(number('KZ', '003KZ25007000318', '2025-01-31')).toEqual([]);
    expect(number('KZ', '003KZ27007000318', '2026-11-02')).toEqual([
      'eaeu-licence-number-year /licenceNumber',
    ]);
    // A malformed number gets one finding (its format), not three.
    expect(number('AM', '001AM2600200007')).toEqual(['eaeu-licence-number /licenceNumber']);
    // A malformed issue date is the dates rule's finding; the year is not compared.
    expect(number('KG', '001KG26003000052', '02.11.2026')).not.toContain(
      'eaeu-licence-number-year /licenceNumber',
    );
  });

  it('end to end: the finding points at the NetMass element with the profile’s hint', () => {
    const model = structuredClone(sampleModels('RU')['customs-declaration']);
    item(model)['netMass'] = '1300';
    const dir = tempTree({});
    const file = join(dir, 'decl.xml');
    writeFileSync(file, modelToXml(model, definitionByType('customs-declaration')));
    const result = run({
      kind: 'check',
      profiles: shipped,
      files: [file],
      asOf: new Date('2026-11-21T00:00:00Z'),
      receivers: ['KZ'],
    });
    const finding = result.pairs[0]?.findings.find(
      (f) => f.data?.['constraint'] === 'eaeu-net-mass',
    );
    expect(finding).toMatchObject({
      ruleId: 'document/receiver-rules',
      messageId: 'violation',
      severity: 'error',
    });
    expect(finding?.message).toContain('"1300" must be at most /goodsItems/0/grossMass "1250.5"');
    expect(finding?.location.path).toMatch(/NetMass/);
    expect(finding?.location.line).toBeGreaterThan(1);
    expect(finding?.hint).toMatch(/net mass .* cannot exceed the gross mass/);
  });
});

import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalizeJson, JcsError } from '../../src/jose/jcs.js';

// The JCS reference implementation (erdtman/canonicalize) is CommonJS; its typings declare an
// ES default export, so it is loaded the CommonJS way.
const canonicalizeReference = createRequire(import.meta.url)('canonicalize') as (
  value: unknown,
) => string | undefined;

/** The double whose IEEE 754 bits are `hex`. */
function double(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe('JCS (RFC 8785)', () => {
  it('canonicalizes the RFC 8785 §3.2.2 sample object', () => {
    const text =
      '{\n  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n' +
      '  "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",\n' +
      '  "literals": [null, true, false]\n}';
    expect(canonicalizeJson(JSON.parse(text))).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts member names by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const text =
      '{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh",' +
      '"1":"One","\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control",' +
      '"\\u00f6":"Latin Small Letter O With Diaeresis"}';
    // 😀 (U+1F600, surrogates D83D DE00) sorts before U+FB33 by code unit, after it by code point.
    expect(canonicalizeJson(JSON.parse(text))).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control",' +
        '"ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign",' +
        '"😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  // RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical text.
  const numbers: Array<[string, string]> = [
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ];
  it.each(numbers)('serializes the double 0x%s as %s (Appendix B)', (bits, expected) => {
    expect(canonicalizeJson(double(bits))).toBe(expected);
    expect(canonicalizeJson([double(bits)])).toBe(`[${expected}]`);
  });

  it.each([
    ['NaN', '7fffffffffffffff'],
    ['Infinity', '7ff0000000000000'],
  ])('refuses %s (Appendix B: no JSON form)', (_name, bits) => {
    expect(() => canonicalizeJson({ n: double(bits) })).toThrow(JcsError);
  });

  it('refuses a number JSON.parse overflows to Infinity, naming where it is', () => {
    const error = catchJcs(() => canonicalizeJson(JSON.parse('{"a":[1,{"b":1e400}]}')));
    expect(error.pointer).toBe('/a/1/b');
    expect(error.message).toMatch(/IEEE 754/);
  });

  it('refuses lone surrogates in values and in names (not I-JSON), accepts pairs', () => {
    expect(catchJcs(() => canonicalizeJson(JSON.parse('{"x":"\\ud800"}'))).pointer).toBe('/x');
    expect(catchJcs(() => canonicalizeJson(JSON.parse('{"\\udc00":1}'))).message).toMatch(
      /lone surrogate/,
    );
    expect(canonicalizeJson(JSON.parse('"\\ud83d\\ude00"'))).toBe('"😀"');
  });

  it('refuses values that are not JSON and cyclic input, never loops', () => {
    expect(() => canonicalizeJson({ a: undefined })).toThrow(JcsError);
    expect(() => canonicalizeJson({ a: 1n })).toThrow(JcsError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalizeJson(cyclic)).toThrow(/cyclic/);
  });

  it('handles 100 000 levels of nesting without exhausting the call stack', () => {
    const depth = 100_000;
    const text = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    expect(canonicalizeJson(JSON.parse(text))).toBe(text);
  });

  it('agrees with the reference JCS implementation (canonicalize) on random JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        // Both receive the same value; JSON.parse(JSON.stringify()) drops -0 the way a parser would.
        const json = JSON.parse(JSON.stringify(value)) as unknown;
        expect(canonicalizeJson(json)).toBe(canonicalizeReference(json));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with canonicalize on objects with unusual names and doubles', () => {
    const name = fc.string({ unit: 'binary', maxLength: 6 }).filter((s) => !/\p{Cs}/u.test(s));
    const leaf = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), name, fc.boolean());
    fc.assert(
      fc.property(fc.dictionary(name, fc.oneof(leaf, fc.array(leaf))), (value) => {
        expect(canonicalizeJson(value)).toBe(canonicalizeReference(value));
      }),
      { numRuns: 500 },
    );
  });
});

function catchJcs(run: () => unknown): JcsError {
  try {
    run();
  } catch (error) {
    if (error instanceof JcsError) return error;
    throw error;
  }
  throw new Error('expected a JcsError');
}

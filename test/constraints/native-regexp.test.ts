import fc from 'fast-check';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { nativeRegExp } from '../../src/constraints/native-regexp.js';
import { linearRegExp } from '../../src/constraints/linear-regexp.js';
import { shippedConstraintSchemas } from '../../scripts/lib/constraint-validators-source.js';

/** Every `pattern` in a schema. */
function patternsOf(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const item of value) patternsOf(item, into);
  else if (value !== null && typeof value === 'object')
    for (const [key, member] of Object.entries(value)) {
      if (key === 'pattern' && typeof member === 'string') into.add(member);
      else patternsOf(member, into);
    }
  return into;
}

const shipped = [...patternsOf(shippedConstraintSchemas(), new Set())];

/** Characters a test string is made of: the pattern's own, digits, letters and some others. */
function alphabetOf(pattern: string): string[] {
  return [...new Set([...pattern.replace(/\\[dw]/g, ''), ...'0189aZz_.-:/ é\n\u2028'])];
}

/** Strings near what the pattern matches: its own characters, in runs of any length. */
const stringsFor = (pattern: string) =>
  fc.oneof(
    fc.string({ unit: fc.constantFrom(...alphabetOf(pattern)), maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
  );

describe('profile patterns on V8’s engine (constraints/native-regexp.ts)', () => {
  it('runs most shipped profile patterns natively', () => {
    const native = shipped.filter((pattern) => nativeRegExp(pattern) !== undefined);
    expect(shipped.length).toBeGreaterThan(10);
    expect(native.length / shipped.length).toBeGreaterThan(0.8);
  });

  it('gives RE2’s verdict for every shipped pattern it runs', () => {
    for (const pattern of shipped) {
      const native = nativeRegExp(pattern);
      if (!native) continue;
      const re2 = RE2JS.compile(pattern);
      fc.assert(
        fc.property(stringsFor(pattern), (text) => native.test(text) === re2.test(text)),
        { numRuns: 300 },
      );
    }
  });

  it('leaves to RE2 every pattern that can backtrack, and what reads differently', () => {
    const refused = [
      '^(\\w+\\s?)+$', // the issue #15 pattern
      '^(a+)+$',
      '^(a|a)*$',
      '^(?:a|ab)*c$',
      '^\\d*\\d*$',
      '^\\d+\\d+$',
      '^[a-z]+[a-z0-9]*$',
      '^\\d{1,20}\\d$',
      '^(\\d+)?\\d$',
      '^\\d+(\\d)?$',
      '^(\\.\\d+)?\\.\\d$',
      '^([0-9]+)+x$',
      '(a+)+', // not anchored
      '^a|b$', // an alternation outside a group is not anchored
      '^(?=a)a$', // lookaround
      '^(a)\\1$', // backreference
      '^(?<n>a)$',
      '^a+?$', // lazy
      '^a.*b$', // `.`: line terminators differ
      '^\\s+$', // `\s`: Unicode spaces in V8, ASCII in RE2
      '^[^a]+$', // negated class
      '^\\p{L}+$',
      '^\\u00e9$',
      '^😀$',
    ];
    for (const pattern of refused) expect(nativeRegExp(pattern), pattern).toBeUndefined();
  });

  it('accepts the shapes profiles use', () => {
    for (const pattern of [
      '^\\d{9}$',
      '^\\d+(\\.\\d+)?$',
      '^(?:\\d{10}|\\d{12})$',
      '^(?:\\d{1,20}|\\d{1,19}\\.\\d|\\d{1,18}\\.\\d{2})$',
      '^[0-9A-Z]{3}[A-Z]{2}\\d{2}[0-9A-Z]{3}[0-9A-Z]{6}$',
      '^[A-Za-z_][\\w.-]*$',
    ])
      expect(nativeRegExp(pattern), pattern).toBeInstanceOf(RegExp);
  });

  it('matches random patterns of the subset as RE2 does', () => {
    // Patterns built from the subset's pieces; those it accepts must agree with RE2.
    const atom = fc.constantFrom('a', 'b', '\\d', '\\w', '[a-c]', '[0-9.]', '\\.', '-', 'é');
    const quantifier = fc.constantFrom('', '', '?', '*', '+', '{2}', '{1,3}', '{2,}');
    const item = fc.tuple(atom, quantifier).map(([a, q]) => a + q);
    const sequence = fc.array(item, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));
    const body = fc.oneof(
      sequence,
      fc.tuple(sequence, sequence).map(([a, b]) => `${a}(${b})?`),
      fc.array(sequence, { minLength: 2, maxLength: 3 }).map((alts) => `(?:${alts.join('|')})`),
    );
    let accepted = 0;
    fc.assert(
      fc.property(
        body,
        fc.array(
          fc.string({
            unit: fc.constantFrom('a', 'b', 'c', '0', '5', '.', '-', 'é', '_', 'Z'),
            maxLength: 12,
          }),
          {
            minLength: 20,
            maxLength: 20,
          },
        ),
        (source, texts) => {
          const pattern = `^${source}$`;
          const native = nativeRegExp(pattern);
          if (!native) return true;
          accepted++;
          const re2 = RE2JS.compile(pattern);
          return texts.every((text) => native.test(text) === re2.test(text));
        },
      ),
      { numRuns: 500 },
    );
    expect(accepted).toBeGreaterThan(50);
  });

  it('finishes on long hostile input for every pattern it runs', () => {
    // A backtracking blow-up would not finish: each shipped pattern on 20,000 characters of
    // its own alphabet, then one that breaks the match.
    for (const pattern of shipped) {
      const native = nativeRegExp(pattern);
      if (!native) continue;
      for (const c of alphabetOf(pattern)) native.test(c.repeat(20_000) + '!');
    }
  });

  it('is what the constraint engine uses, with RE2 still judging which patterns are allowed', () => {
    expect(linearRegExp('^\\d{9}$').test('123456789')).toBe(true);
    expect(linearRegExp('^\\d{9}$').test('12345678')).toBe(false);
    expect(() => linearRegExp('^(?=a)a$')).toThrow(/linear-time engine/);
  });
});

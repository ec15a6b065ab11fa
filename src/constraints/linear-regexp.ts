import { RE2JS } from 're2js';
import { nativeRegExp } from './native-regexp.js';

/**
 * Regular expressions of profiles (`pattern`, `patternProperties`) run on RE2 (re2js, a pure
 * JavaScript port): matching time is linear in the input, so no pattern can backtrack
 * catastrophically — `^(\w+\s?)+$` on a 35-character field hung `check` past 60 s on V8's
 * engine (issue #15). RE2 has no lookaround or backreferences; a profile using them is refused
 * when it loads, naming the pattern. A pattern of the deterministic subset native-regexp.ts
 * accepts (most profile patterns) is tested on V8's engine instead, 5-20 times faster, in
 * linear time too and with the same verdicts.
 */
export interface LinearRegExp {
  test(text: string): boolean;
  toString(): string;
}

/**
 * Compiled patterns by source: load checks every profile's patterns (isLinearRegExp) and ajv
 * compiles the same ones again when a constraint is first evaluated. A compiled RE2JS pattern
 * holds no match state (each test makes its own matcher), so one serves every validator.
 */
const compiled = new Map<string, RE2JS>();
const MAX_COMPILED = 10_000;

function compileRe2(pattern: string): RE2JS {
  let re = compiled.get(pattern);
  if (!re) {
    re = RE2JS.compile(pattern);
    if (compiled.size < MAX_COMPILED) compiled.set(pattern, re);
  }
  return re;
}

function compileLinear(pattern: string): LinearRegExp {
  try {
    // Compiled on RE2 whichever engine runs it: RE2 says which patterns a profile may use.
    const re = compileRe2(pattern);
    const engine = nativeRegExp(pattern) ?? re;
    // ajv keys its compiled patterns by toString(): it must differ from pattern to pattern.
    return { test: (text: string) => engine.test(text), toString: () => `/${pattern}/re2` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Invalid regular expression ${JSON.stringify(pattern)} for the linear-time engine (RE2: no lookaround, no backreferences): ${reason}`,
      { cause: error },
    );
  }
}

/**
 * ajv's `code.regExp` engine: (pattern, flags) → an object with `test`. `code` names it in
 * standalone code (src/generated/constraint-validators.ts imports it under that name).
 */
export const linearRegExp = Object.assign((pattern: string) => compileLinear(pattern), {
  code: 'linearRegExp',
});

/**
 * linearRegExp for the validators generated at build time (src/generated/constraint-validators.ts),
 * whose module makes every pattern of the shipped profiles when it loads: compiled on first
 * use instead (RE2 compiling them all was ~29 ms of every start, most never used by a run).
 * Their patterns compiled when the module was generated, so none fails late.
 */
export const deferredLinearRegExp = Object.assign(
  (pattern: string): LinearRegExp => {
    let engine: RE2JS | RegExp | undefined;
    return {
      test: (text: string) => (engine ??= nativeRegExp(pattern) ?? compileRe2(pattern)).test(text),
      toString: () => `/${pattern}/re2`,
    };
  },
  { code: 'deferredLinearRegExp' },
);

/** True when `pattern` compiles on the linear-time engine. */
export function isLinearRegExp(pattern: string): boolean {
  try {
    compileRe2(pattern);
    return true;
  } catch {
    return false;
  }
}

import { RE2JS } from 're2js';

/**
 * Regular expressions of profiles (`pattern`, `patternProperties`) run on RE2 (re2js, a pure
 * JavaScript port): matching time is linear in the input, so no pattern can backtrack
 * catastrophically — `^(\w+\s?)+$` on a 35-character field hung `check` past 60 s on V8's
 * engine (issue #15). RE2 has no lookaround or backreferences; a profile using them is refused
 * when it loads, naming the pattern.
 */
export interface LinearRegExp {
  test(text: string): boolean;
  toString(): string;
}

function compileLinear(pattern: string): LinearRegExp {
  try {
    const re = RE2JS.compile(pattern);
    // ajv keys its compiled patterns by toString(): it must differ from pattern to pattern.
    return { test: (text: string) => re.test(text), toString: () => `/${pattern}/re2` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Invalid regular expression ${JSON.stringify(pattern)} for the linear-time engine (RE2: no lookaround, no backreferences): ${reason}`,
      { cause: error },
    );
  }
}

/** ajv's `code.regExp` engine: (pattern, flags) → an object with `test`. */
export const linearRegExp = Object.assign((pattern: string) => compileLinear(pattern), {
  code: 'RE2JS.compile',
});

/** True when `pattern` compiles on the linear-time engine. */
export function isLinearRegExp(pattern: string): boolean {
  try {
    RE2JS.compile(pattern);
    return true;
  } catch {
    return false;
  }
}

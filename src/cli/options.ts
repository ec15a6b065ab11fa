import { writeFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { totalsOf, type MatrixResult, type Severity } from '../engine/types.js';
import { formatIds } from '../report/index.js';
import { UserError } from '../util/errors.js';
import { flatString } from '../util/flat-strings.js';

export type FailOn = 'error' | 'warning' | 'never';

/** `--as-of YYYY-MM-DD` → that day, 00:00 UTC; default: today. */
export function parseAsOf(value: string | undefined): Date {
  if (value === undefined) return new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
    throw new UserError(`--as-of expects a date as YYYY-MM-DD, got "${value}"`);
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new UserError(`--as-of: not a calendar date: "${value}"`);
  }
  return date;
}

export function parseFailOn(value: string | undefined, fallback: FailOn): FailOn {
  const v = value ?? fallback;
  if (v !== 'error' && v !== 'warning' && v !== 'never') {
    throw new UserError(`--fail-on expects error, warning or never, got "${v}"`);
  }
  return v;
}

export function parseList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Exit code of a run: 1 when a finding reaches the --fail-on level. */
export function exitCodeFor(result: MatrixResult, failOn: FailOn): 0 | 1 {
  if (failOn === 'never') return 0;
  const failing: Severity[] = failOn === 'warning' ? ['error', 'warning'] : ['error'];
  const { findings } = totalsOf(result);
  return failing.some((severity) => findings[severity] > 0) ? 1 : 0;
}

/** Writes to `-o <file>` or stdout. */
export function emit(text: string, output: string | undefined): void {
  const body = text.endsWith('\n') ? text : `${text}\n`;
  if (output) {
    try {
      writeFileSync(output, body);
    } catch {
      throw new UserError(`cannot write output file: ${output}`);
    }
  } else {
    process.stdout.write(body);
  }
}

export function useColor(output: string | undefined): boolean {
  return !output && process.stdout.isTTY === true && !process.env['NO_COLOR'];
}

export const FORMAT_HELP = () => `output format: ${formatIds.join(', ')}`;

/** Paths inside the working directory are shown relative to it (reports stay portable). */
export function displayPaths(files: readonly string[]): string[] {
  const cwd = process.cwd();
  return files.map((file) => {
    const shown = relative(cwd, file);
    // In one piece: a run keeps every path to its end (util/flat-strings.ts).
    return shown && !shown.startsWith('..') && !isAbsolute(shown) ? flatString(shown) : file;
  });
}

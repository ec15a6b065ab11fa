import type { MatrixResult } from '../engine/types.js';
import { getFormatter, formatters, type FormatContext, type Formatter } from '../report/index.js';
import { ruleMetas } from '../rules/docs.js';
import { UserError } from '../util/errors.js';
import { openOutput } from './output.js';

/** The formatter of a `--format`, or a UserError listing the formats. */
export function formatterFor(format: string): Formatter {
  const formatter = getFormatter(format);
  if (!formatter) {
    throw new UserError(
      `unknown --format "${format}" (available: ${formatters.map((f) => f.id).join(', ')})`,
    );
  }
  return formatter;
}

/**
 * Writes a `check`/`matrix`/`merge` result in a `--format` to `-o <file>` or stdout, piece by
 * piece. Its own file because it needs the rule registry (every rule module): only commands
 * that format results load it.
 */
export function writeResult(
  result: MatrixResult,
  format: string,
  color: boolean,
  output: string | undefined,
  extra: Pick<FormatContext, 'reportFiles'> & { docsBaseUri?: string } = {},
): void {
  const formatter = formatterFor(format);
  const out = openOutput(output);
  formatter.write(result, out, {
    rules: ruleMetas(extra.docsBaseUri),
    color,
    cwd: process.cwd(),
    ...(extra.reportFiles ? { reportFiles: extra.reportFiles } : {}),
  });
  out.close();
}

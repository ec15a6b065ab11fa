import type { MatrixResult } from '../engine/types.js';
import { formatIds, loadFormatter, type FormatContext, type Formatter } from '../report/index.js';
import { ruleMetas } from '../rules/docs.js';
import { UserError } from '../util/errors.js';
import { openOutput } from './output.js';

/** The formatter of a `--format` (its module loaded now), or a UserError listing the formats. */
export async function formatterFor(format: string): Promise<Formatter> {
  const formatter = await loadFormatter(format);
  if (!formatter) {
    throw new UserError(`unknown --format "${format}" (available: ${formatIds.join(', ')})`);
  }
  return formatter;
}

/**
 * Writes a `check`/`matrix`/`merge` result in a `--format` to `-o <file>` or stdout, piece by
 * piece. Its own file because it needs the rule registry (every rule module): only commands
 * that format results load it.
 */
export async function writeResult(
  result: MatrixResult,
  format: string,
  color: boolean,
  output: string | undefined,
  extra: Pick<FormatContext, 'reportFiles'> & { docsBaseUri?: string } = {},
): Promise<void> {
  const formatter = await formatterFor(format);
  const out = openOutput(output);
  formatter.write(result, out, {
    rules: ruleMetas(extra.docsBaseUri),
    color,
    cwd: process.cwd(),
    ...(extra.reportFiles ? { reportFiles: extra.reportFiles } : {}),
  });
  out.close();
}

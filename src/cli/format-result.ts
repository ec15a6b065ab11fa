import type { MatrixResult } from '../engine/types.js';
import { getFormatter, formatters } from '../report/index.js';
import { RULES } from '../rules/index.js';
import { UserError } from '../util/errors.js';

/**
 * Renders a `check`/`matrix`/`merge` result in a `--format`. Its own file because it needs the
 * rule registry (every rule module): only commands that format results load it.
 */
export function formatResult(result: MatrixResult, format: string, color: boolean): string {
  const formatter = getFormatter(format);
  if (!formatter) {
    throw new UserError(
      `unknown --format "${format}" (available: ${formatters.map((f) => f.id).join(', ')})`,
    );
  }
  return formatter.format(result, {
    rules: RULES.map((r) => ({
      id: r.id,
      description: r.description,
      defaultSeverity: r.defaultSeverity,
    })),
    color,
    cwd: process.cwd(),
  });
}

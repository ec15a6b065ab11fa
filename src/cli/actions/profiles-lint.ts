import { formatProblem, loadProfiles } from '../../profiles/load.js';
import { lintProfiles } from '../../profiles/lint.js';
import { emit } from '../options.js';
import type { CommandResult } from '../result.js';

// Apart from profiles.ts: `profiles list` and `show` do without the certificate parser.

/** `corridor profiles lint [dir]`. */
export function profilesLintAction(dir: string | undefined): CommandResult {
  const set = loadProfiles(dir);
  const report = lintProfiles(set);
  const lines = report.errors.map((p) => `error  ${formatProblem(p)}`);
  lines.push(
    `${set.profiles.size} profiles, ${report.errors.length} errors, ${report.unconfirmed.length} unconfirmed facts (marked "confirmed": false)`,
  );
  emit(lines.join('\n'), undefined);
  return { exitCode: report.errors.length > 0 ? 2 : 0 };
}

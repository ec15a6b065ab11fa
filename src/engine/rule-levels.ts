import type { ProfileSet } from '../profiles/load.js';
import { UserError } from '../util/errors.js';
import { buildCells } from './cells.js';
import { statusOf } from './evaluate.js';
import { attachRoutes } from './routes.js';
import type { MatrixResult, PairResult, Severity } from './types.js';

/** A rule's level set by the user, as ESLint and Spectral rulesets do: `off` drops it. */
export type RuleLevel = 'off' | Severity;

export const RULE_LEVELS: readonly RuleLevel[] = ['off', 'info', 'warning', 'error'];

/** Refuses ids no rule has (a typo would silently change nothing) and unknown levels. */
export function checkRuleLevels(
  levels: Readonly<Record<string, string>>,
  knownIds: readonly string[],
  where: string,
): Record<string, RuleLevel> {
  for (const [id, level] of Object.entries(levels)) {
    if (!knownIds.includes(id)) throw new UserError(`${where}: no rule "${id}"`);
    if (!RULE_LEVELS.includes(level as RuleLevel)) {
      throw new UserError(`${where}: ${id}: level must be off, info, warning or error`);
    }
  }
  return levels as Record<string, RuleLevel>;
}

/**
 * Every finding of a rule the user levelled gets that severity (`off`: dropped); pair statuses,
 * cells and routes are recomputed from what remains, as a baseline does. Before the baseline
 * and the gate, so both judge the severities the user asked for.
 */
export function applyRuleLevels(
  result: MatrixResult,
  levels: Readonly<Record<string, RuleLevel>>,
  options: { profiles: ProfileSet; asOf: Date },
): MatrixResult {
  if (Object.keys(levels).length === 0) return result;
  const pairs = result.pairs.map((pair): PairResult => {
    const findings = pair.findings.flatMap((finding) => {
      const level = levels[finding.ruleId];
      if (level === undefined) return [finding];
      return level === 'off' ? [] : [{ ...finding, severity: level }];
    });
    return { ...pair, findings, status: statusOf(findings) };
  });
  return {
    ...result,
    pairs,
    cells: attachRoutes(buildCells(pairs), options.profiles, options.asOf),
  };
}

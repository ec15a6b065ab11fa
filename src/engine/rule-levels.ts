import { UserError } from '../util/errors.js';
import type { Severity } from './types.js';

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
 * The level of a rule for one receiver: the config file's (`rules`) over the receiver
 * profile's (`rules`, merged along `extends`) over none (the rule's own severities).
 */
export function ruleLevelFor(
  ruleId: string,
  configLevels: Readonly<Record<string, RuleLevel>> | undefined,
  receiver: { rules?: Readonly<Record<string, RuleLevel>> },
): RuleLevel | undefined {
  return configLevels?.[ruleId] ?? receiver.rules?.[ruleId];
}

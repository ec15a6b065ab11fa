import type { Severity } from '../engine/types.js';
import type { DocumentRuleContext, Rule, RuleContext, RuleReport } from './types.js';

/**
 * Messages every rule has: the summary the engine writes when a rule reports more than
 * `--max-findings-per-rule` findings for one pair (engine/findings-cap.ts).
 */
export const SHARED_MESSAGES = {
  moreFindings:
    '{{count}} more {{ruleId}} findings not listed ({{counts}}; the first {{max}} are shown, --max-findings-per-rule)',
} as const;

export type SharedMessageId = keyof typeof SHARED_MESSAGES;

/** `docs/rules/<area>/<name>.md`: the rule's page in the repository and the package. */
export function ruleDocsPath(id: string): string {
  return `docs/rules/${id}.md`;
}

/** What a rule file states: its id, severity, messages, and the check over context `C`. */
interface RuleDefinition<M extends string, C> {
  id: string;
  defaultSeverity: Severity;
  meta: { description: string; messages: Readonly<Record<M, string>> };
  check(context: C): RuleReport<M>[];
}

/**
 * A rule with its `meta` completed: the docs URL follows from the id, and the shared messages
 * are added. The message ids a rule's `check` may report are typed from its own templates.
 */
export function defineRule<M extends string>(
  rule: RuleDefinition<M, RuleContext>,
): Rule<M | SharedMessageId> {
  return {
    id: rule.id,
    defaultSeverity: rule.defaultSeverity,
    meta: {
      description: rule.meta.description,
      docs: { url: ruleDocsPath(rule.id) },
      messages: { ...rule.meta.messages, ...SHARED_MESSAGES },
    },
    check: rule.check,
  };
}

/**
 * A rule whose reports cannot depend on the receiver: its check sees no receiver and no trust
 * (DocumentRuleContext), and the engine runs it once per document instead of once per pair.
 */
export function defineDocumentRule<M extends string>(
  rule: RuleDefinition<M, DocumentRuleContext>,
): Rule<M | SharedMessageId> {
  return { ...defineRule(rule), scope: 'document' };
}

import type { SourceLocation } from '../documents/model.js';
import type { DocumentRuleContext, RuleReport } from '../rules/types.js';
import { PROBLEM_TO_SECURITY_RULE, type SecurityRuleId } from './ids.js';
import { problemMessages } from '../rules/messages.js';

export interface SecurityExplanation {
  /** What the attack is, prefixed to the underlying problem's message. */
  attack: string;
  hint: string;
  /** The same attack in a JSON document's JWS/CT signature, where it takes another form. */
  jws?: { attack: string; hint: string };
}

/**
 * The message templates of a security rule: one per problem id mapped to it, which is the
 * finding's message id, its text "attack: the problem's own text [problem id]".
 */
export function securityMessages(ruleId: SecurityRuleId): Record<string, string> {
  const ids = [...PROBLEM_TO_SECURITY_RULE].filter(([, rule]) => rule === ruleId).map(([id]) => id);
  return problemMessages(ids, '{{attack}}: ');
}

/**
 * The reports of one security rule: every document problem and every signature problem that
 * `PROBLEM_TO_SECURITY_RULE` maps to it, once each (a document-wide problem repeated on every
 * signature is reported once), prefixed with the attack it answers.
 */
export function mappedProblemReports(
  ruleId: SecurityRuleId,
  context: DocumentRuleContext,
  explanation: SecurityExplanation,
): RuleReport[] {
  const reports: RuleReport[] = [];
  const seen = new Set<string>();
  const { attack, hint } =
    context.document.format === 'json' && explanation.jws ? explanation.jws : explanation;
  const add = (
    problemId: string,
    message: string,
    location: SourceLocation | undefined,
    offset: number | undefined,
  ) => {
    if (PROBLEM_TO_SECURITY_RULE.get(problemId) !== ruleId) return;
    const key = `${message}\u0000${offset ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    reports.push({
      messageId: problemId,
      data: { attack, detail: message },
      ...(location ? { location } : {}),
      hint,
    });
  };
  for (const problem of context.document.problems) {
    add(problem.ruleId, problem.message, problem.location, problem.location?.pos?.offset);
  }
  context.document.signatures.forEach((signature, index) => {
    for (const problem of context.verifications[index]?.problems ?? []) {
      const location = { path: signature.path, pos: problem.pos ?? signature.pos };
      add(problem.ruleId, problem.message, location, problem.pos?.offset);
    }
  });
  return reports;
}

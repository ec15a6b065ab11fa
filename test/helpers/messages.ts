import type { Finding } from '../../src/engine/types.js';
import { placeholders, renderMessage } from '../../src/rules/messages.js';
import { ruleById } from '../../src/rules/index.js';

/**
 * What is wrong with the findings' messages, one line each: a rule the registry lacks, a message
 * id its rule's meta does not list, a placeholder without data, a text that is not its rendered
 * template. Empty when every finding is as test/rules/meta.test.ts requires.
 */
export function messageProblems(findings: Iterable<Finding>): string[] {
  const problems = new Set<string>();
  for (const finding of findings) {
    const where = `${finding.ruleId} ${finding.messageId}`;
    const rule = ruleById(finding.ruleId);
    if (!rule) {
      problems.add(`${where}: no such rule`);
      continue;
    }
    const template = rule.meta.messages[finding.messageId];
    if (template === undefined) {
      problems.add(`${where}: message id not in the rule's meta.messages`);
      continue;
    }
    for (const name of placeholders(template)) {
      if (finding.data?.[name] === undefined) problems.add(`${where}: no data for {{${name}}}`);
    }
    if (finding.message !== renderMessage(template, finding.data))
      problems.add(`${where}: text is not the rendered template`);
  }
  return [...problems].sort();
}

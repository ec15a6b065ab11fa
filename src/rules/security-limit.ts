import { SECURITY_RULES } from '../security/ids.js';
import { mappedProblemReports, securityMessages } from '../security/reports.js';
import { defineDocumentRule } from './define.js';

/** The engine's own (engine/evaluate.ts): rule evaluation ran out of the document's time. */
export const TIME_BUDGET_MESSAGE =
  'time budget of {{limit}} ms used up after {{elapsed}} ms of rule evaluation, before rule {{rule}}: the remaining rules were not evaluated';

/**
 * Resource exhaustion (CWE-400/CWE-770): oversized files, deep nesting, element and attribute
 * floods, huge base64 values, many signatures or references (each a full canonicalization)
 * and slow documents. Every bound is checked before the work it protects; exceeding one is a
 * finding for that document and the run goes on with the next.
 */
export const securityLimit = defineDocumentRule({
  id: SECURITY_RULES.limit,
  defaultSeverity: 'error',
  meta: {
    description:
      'The document stays within corridor’s resource limits (size, depth, counts, base64 lengths, signatures, references, time).',
    messages: {
      ...securityMessages(SECURITY_RULES.limit),
      timeBudget: TIME_BUDGET_MESSAGE,
    },
  },
  check: (context) =>
    mappedProblemReports(SECURITY_RULES.limit, context, {
      attack: 'resource limit exceeded (denial of service)',
      hint: 'Split the document or shrink the value named; the limits are generous for genuine documents (raise the size limit with --max-bytes).',
    }),
});

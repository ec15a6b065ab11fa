import { SECURITY_RULES } from '../security/ids.js';
import { mappedProblemReports } from '../security/reports.js';
import type { Rule } from './types.js';

/**
 * Resource exhaustion (CWE-400/CWE-770): oversized files, deep nesting, element and attribute
 * floods, huge base64 values, many signatures or references (each a full canonicalization)
 * and slow documents. Every bound is checked before the work it protects; exceeding one is a
 * finding for that document and the run goes on with the next.
 */
export const securityLimit: Rule = {
  id: SECURITY_RULES.limit,
  description:
    'The document stays within corridor’s resource limits (size, depth, counts, base64 lengths, signatures, references, time).',
  defaultSeverity: 'error',
  check: (context) =>
    mappedProblemReports(SECURITY_RULES.limit, context, {
      attack: 'resource limit exceeded (denial of service)',
      hint: 'Split the document or shrink the value named; the limits are generous for genuine documents (raise the size limit with --max-bytes).',
    }),
};

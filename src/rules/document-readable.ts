import type { Rule } from './types.js';

/** Problems found while reading the document: not well-formed, DTD, limits, unknown type. */
export const documentReadable: Rule = {
  id: 'document/readable',
  description: 'The document is well-formed, free of DTDs, within limits, and of a known type.',
  defaultSeverity: 'error',
  check: ({ document }) =>
    document.problems.map((problem) => ({
      message: `${problem.message} [${problem.ruleId}]`,
      location: problem.location,
      hint: problem.hint,
    })),
};

import { DOCUMENT_PROBLEMS } from '../rule-ids.js';
import { defineDocumentRule } from './define.js';
import { problemMessages } from './messages.js';

/** Problems found while reading the document: not well-formed, DTD, limits, unknown type. */
export const documentReadable = defineDocumentRule({
  id: 'document/readable',
  defaultSeverity: 'error',
  meta: {
    description: 'The document is well-formed, free of DTDs, within limits, and of a known type.',
    // One message per reader problem: its id is the finding's message id, its text the detail.
    messages: problemMessages(
      Object.values(DOCUMENT_PROBLEMS).filter((id) => id !== DOCUMENT_PROBLEMS.schemaValid),
    ),
  },
  check: ({ document }) =>
    document.problems.map((problem) => ({
      // document/schema-valid's problems are in schemaProblems, never here.
      messageId: problem.ruleId as Exclude<typeof problem.ruleId, 'document/schema-valid'>,
      data: { detail: problem.message },
      location: problem.location,
      hint: problem.hint,
    })),
});

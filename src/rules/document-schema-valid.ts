import { defineRule } from './define.js';

/**
 * The business document is valid against the XSD of its own version (doctypes/*.json `xsd`),
 * checked once per document with libxml2. The receiver decides whether errors count as
 * errors (`schemaValidity: "required"`, the default) or warnings (`"warn"`).
 */
export const documentSchemaValid = defineRule({
  id: 'document/schema-valid',
  defaultSeverity: 'error',
  meta: {
    description: 'The document is valid against the XML Schema of its format and version.',
    // libxml2's text (or why no schema was applied), as doctypes/xsd.ts words it.
    messages: { schema: '{{detail}}' },
  },
  check: ({ document, receiver }) => {
    const problems = document.schemaProblems ?? [];
    if (problems.length === 0 || !document.type) return [];
    const warnOnly = receiver.documents?.[document.type]?.schemaValidity === 'warn';
    return problems.map((problem) => {
      const severity = problem.severity ?? 'error';
      return {
        messageId: 'schema' as const,
        data: { detail: problem.message },
        location: problem.location,
        hint: problem.hint,
        severity: warnOnly && severity === 'error' ? 'warning' : severity,
      };
    });
  },
});

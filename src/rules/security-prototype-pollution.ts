import { SECURITY_RULES } from '../security/ids.js';
import { mappedProblemReports, securityMessages } from '../security/reports.js';
import { defineDocumentRule } from './define.js';

/**
 * Prototype pollution (CWE-1321): a member (JSON) or element (XML) named `__proto__`, or
 * `prototype` inside `constructor`. corridor reads it as plain data, so its own rules see
 * what it holds; but a JavaScript receiver that copies or merges the document by assignment
 * would set an object's prototype instead: fields vanish from its checks, or reach every
 * object. No document type defines such a name, so the document is refused.
 */
export const securityPrototypePollution = defineDocumentRule({
  id: SECURITY_RULES.prototypePollution,
  defaultSeverity: 'error',
  meta: {
    description:
      'No member or element named "__proto__" (or "prototype" inside "constructor"): a prototype-pollution payload for JavaScript receivers.',
    messages: {
      ...securityMessages(SECURITY_RULES.prototypePollution),
    },
  },
  check: (context) =>
    mappedProblemReports(SECURITY_RULES.prototypePollution, context, {
      attack: 'prototype pollution (CWE-1321)',
      hint: 'Rename the field: no corridor document type has a "__proto__" member or a "constructor" holding "prototype".',
    }),
});

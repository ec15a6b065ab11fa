import { SECURITY_RULES } from '../security/ids.js';
import { mappedProblemReports, securityMessages } from '../security/reports.js';
import { defineDocumentRule } from './define.js';

/**
 * CVE-2025-29775 (xml-crypto): a comment inside DigestValue made the library read only the
 * text before it, so an attacker could swap the value a verifier compared with. corridor
 * refuses any non-text node inside DigestValue, SignatureValue or X509Certificate.
 */
export const securityValueTampering = defineDocumentRule({
  id: SECURITY_RULES.valueTampering,
  defaultSeverity: 'error',
  meta: {
    description:
      'DigestValue, SignatureValue and X509Certificate hold only text (CVE-2025-29775: a comment truncated the value).',
    messages: {
      ...securityMessages(SECURITY_RULES.valueTampering),
    },
  },
  check: (context) =>
    mappedProblemReports(SECURITY_RULES.valueTampering, context, {
      attack: 'value tampering (CVE-2025-29775)',
      hint: 'A base64 value must be plain text; a comment, element or processing instruction inside it is how forged values slip past a reader that takes the first text node.',
    }),
});

import { SECURITY_RULES } from '../security/ids.js';
import { mappedProblemReports, securityMessages } from '../security/reports.js';
import { defineDocumentRule } from './define.js';

/**
 * XML signature wrapping (XSW, McIntosh & Austel 2005; Somorovsky et al. 2012, e.g.
 * CVE-2012-5575 class): the verifier checks one element while the application reads another.
 * Judged against each signature's scope (security/wrapping.ts): an ID naming two elements, a
 * signed copy of the document root below a forged root, signed content hidden inside a
 * ds:Signature, or a signed element with an unsigned namesake a reader would find instead.
 * A signature over part of the document is not wrapping by itself: the fields it leaves out
 * are signature/unsigned-content.
 */
export const securitySignatureWrapping = defineDocumentRule({
  id: SECURITY_RULES.signatureWrapping,
  defaultSeverity: 'error',
  meta: {
    description:
      'What a signature signs is what a reader reads: one element per ID, no signed copy hidden below a forged root, inside a ds:Signature, or beside an unsigned namesake (XML signature wrapping).',
    messages: {
      ...securityMessages(SECURITY_RULES.signatureWrapping),
    },
  },
  check: (context) =>
    mappedProblemReports(SECURITY_RULES.signatureWrapping, context, {
      attack: 'XML signature wrapping',
      hint: 'The signed element was moved or duplicated while the content read is elsewhere. Sign the whole document (Reference URI="") or elements by IDs that occur once, and keep signed content where it is read.',
      jws: {
        attack: 'JSON signature wrapping (duplicate member names)',
        hint: 'A JSON object with a member name written twice is read differently by different parsers: the verifier may check one value while the application uses the other. Write each member once (I-JSON, RFC 7493).',
      },
    }),
});

import { SECURITY_RULES } from '../security/ids.js';
import { mappedProblemReports } from '../security/reports.js';
import type { Rule } from './types.js';

/**
 * XML signature wrapping (XSW, McIntosh & Austel 2005; Somorovsky et al. 2012, e.g.
 * CVE-2012-5575 class): the verifier checks one element while the application reads another —
 * the signed element moved under a new root, a second element carrying the same ID, or a
 * sibling signed instead of the root. corridor reads the root, so only a signature over the
 * root counts, and an ID naming two elements is refused.
 */
export const securitySignatureWrapping: Rule = {
  id: SECURITY_RULES.signatureWrapping,
  description:
    'The signature covers the root element corridor reads, and its Reference names one element (XML signature wrapping).',
  defaultSeverity: 'error',
  check: (context) =>
    mappedProblemReports(SECURITY_RULES.signatureWrapping, context, {
      attack: 'XML signature wrapping',
      hint: 'The signed element was moved, duplicated, or a sibling was signed while the content read is elsewhere. Sign the whole document (Reference URI="") or its root by a unique ID.',
      jws: {
        attack: 'JSON signature wrapping (duplicate member names)',
        hint: 'A JSON object with a member name written twice is read differently by different parsers: the verifier may check one value while the application uses the other. Write each member once (I-JSON, RFC 7493).',
      },
    }),
};

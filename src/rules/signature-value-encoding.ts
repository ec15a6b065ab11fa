import { XMLDSIG_RULES } from '../signature/problems.js';
import { signatureLocation } from './signature-facts.js';
import type { RuleReport } from './types.js';
import { defineDocumentRule } from './define.js';
import { problemMessages } from './messages.js';

/**
 * A SignatureValue that verifies only when read off its standard layout (ECDSA written as
 * DER, r‖s trimmed or zero-padded): a strict receiver (xmlsec, .NET) refuses it.
 */
export const signatureValueEncoding = defineDocumentRule({
  id: 'signature/value-encoding',
  defaultSeverity: 'warning',
  meta: {
    description: 'The SignatureValue is laid out as the standard says (ECDSA: r‖s of fixed size).',
    // The verifier's text says which layout it read the value off.
    messages: problemMessages([XMLDSIG_RULES.nonconformantEncoding]),
  },
  check: ({ document, verifications }) => {
    const reports: RuleReport<typeof XMLDSIG_RULES.nonconformantEncoding>[] = [];
    document.signatures.forEach((signature, index) => {
      for (const p of verifications[index]?.problems ?? []) {
        if (p.ruleId !== XMLDSIG_RULES.nonconformantEncoding) continue;
        reports.push({
          messageId: XMLDSIG_RULES.nonconformantEncoding,
          data: { detail: p.message },
          location: signatureLocation(signature, 'SignatureValue'),
          hint: 'Emit ECDSA SignatureValue as r‖s, each half left-padded to the size of the curve order (RFC 9231 §2.3.6); strict receivers reject other layouts.',
        });
      }
    });
    return reports;
  },
});

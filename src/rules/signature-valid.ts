import type { RuleReport } from './types.js';
import { defineDocumentRule } from './define.js';
import { signatureLocation } from './signature-facts.js';

const messages = {
  invalid: 'signature does not verify: {{reasons}}',
  invalidUnexplained: 'signature does not verify',
  notVerifiable: 'signature recognised, not verifiable here: {{reasons}}',
  notVerifiableUnexplained: 'signature recognised, not verifiable here',
};

/**
 * The cryptographic verdict, computed once per document. A signature that cannot be verified
 * here is never reported as valid: it is a warning saying so. The verifier's problems are the
 * reasons: their texts with their ids, and the ids alone in `data.problems`.
 */
export const signatureValid = defineDocumentRule({
  id: 'signature/valid',
  defaultSeverity: 'error',
  meta: {
    description: 'Each signature verifies cryptographically (digests and signature value).',
    messages,
  },
  check: ({ document, verifications }) => {
    const reports: RuleReport<keyof typeof messages>[] = [];
    document.signatures.forEach((signature, index) => {
      const verification = verifications[index];
      if (!verification || verification.valid === true) return;
      const reasons = verification.problems.map((p) => `${p.message} [${p.ruleId}]`).join('; ');
      const data = {
        reasons,
        problems: [...new Set(verification.problems.map((p) => p.ruleId))].join(' '),
      };
      if (verification.valid === false) {
        // The first Reference whose digest differs, else the signature value.
        const changed = verification.references?.findIndex((r) => r.digestValid === false) ?? -1;
        reports.push({
          messageId: reasons ? 'invalid' : 'invalidUnexplained',
          data,
          location: signatureLocation(
            signature,
            changed >= 0 ? `Reference[${changed + 1}]/DigestValue` : 'SignatureValue',
          ),
          hint: 'The signed content or the signature was changed after signing, or the wrong key is named. Re-sign the final document.',
        });
      } else {
        reports.push({
          severity: 'warning',
          messageId: reasons ? 'notVerifiable' : 'notVerifiableUnexplained',
          data,
          location: signatureLocation(signature),
          hint: 'corridor cannot check this signature; verify it with the receiver’s own tools before relying on it.',
        });
      }
    });
    return reports;
  },
});

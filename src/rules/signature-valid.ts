import type { Rule, RuleReport } from './types.js';
import { signatureLocation } from './signature-facts.js';

/**
 * The cryptographic verdict, computed once per document. A signature that cannot be verified
 * here is never reported as valid: it is a warning saying so.
 */
export const signatureValid: Rule = {
  id: 'signature/valid',
  description: 'Each signature verifies cryptographically (digests and signature value).',
  defaultSeverity: 'error',
  check: ({ document, verifications }) => {
    const reports: RuleReport[] = [];
    document.signatures.forEach((signature, index) => {
      const verification = verifications[index];
      if (!verification || verification.valid === true) return;
      const reasons = verification.problems.map((p) => `${p.message} [${p.ruleId}]`).join('; ');
      if (verification.valid === false) {
        // The first Reference whose digest differs, else the signature value.
        const changed = verification.references?.findIndex((r) => r.digestValid === false) ?? -1;
        reports.push({
          message: `signature does not verify${reasons ? `: ${reasons}` : ''}`,
          location: signatureLocation(
            signature,
            changed >= 0 ? `Reference[${changed + 1}]/DigestValue` : 'SignatureValue',
          ),
          hint: 'The signed content or the signature was changed after signing, or the wrong key is named. Re-sign the final document.',
        });
      } else {
        reports.push({
          severity: 'warning',
          message: `signature recognised, not verifiable here${reasons ? `: ${reasons}` : ''}`,
          location: signatureLocation(signature),
          hint: 'corridor cannot check this signature; verify it with the receiver’s own tools before relying on it.',
        });
      }
    });
    return reports;
  },
};

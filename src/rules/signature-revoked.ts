import { receiverRevocation } from '../engine/revocation-check.js';
import { XMLDSIG_RULES } from '../rule-ids.js';
import { signatureLocation } from './signature-facts.js';
import type { Rule, RuleReport } from './types.js';

const ERRORS = new Set<string>([XMLDSIG_RULES.certificateRevoked, XMLDSIG_RULES.revocationUnknown]);
const WARNINGS = new Set<string>([XMLDSIG_RULES.crlExpired, XMLDSIG_RULES.crlNotYetValid]);

/**
 * Offline revocation (`--crl`, `--require-revocation`, and the receiver profile's `crls` and
 * `requireRevocation`), on the as-of date: a revoked signer or intermediate is an error, as is a certificate without a current
 * CRL when revocation is required; a stale or not-yet-valid CRL is a warning. Distribution
 * points are named, never fetched.
 */
export const signatureRevoked: Rule = {
  id: 'signature/revoked',
  description:
    'No certificate of the signer’s path is revoked on the as-of date (given CRLs; nothing fetched).',
  defaultSeverity: 'error',
  check: ({ document, verifications, receiver, asOf, memo }) => {
    const reports: RuleReport[] = [];
    document.signatures.forEach((signature, index) => {
      const verification = verifications[index];
      // The receiver's own CRLs and requireRevocation (profile), once per document and receiver.
      const own = memo.once(verifications, `revocation ${index} ${receiver.id}`, () =>
        receiverRevocation(verification, receiver, asOf),
      );
      for (const p of [...(verification?.problems ?? []), ...own]) {
        const error = ERRORS.has(p.ruleId);
        if (!error && !WARNINGS.has(p.ruleId)) continue;
        reports.push({
          ...(error ? {} : { severity: 'warning' as const }),
          message: `${p.message} [${p.ruleId}]`,
          location: signatureLocation(signature, 'KeyInfo'),
          hint:
            p.ruleId === XMLDSIG_RULES.certificateRevoked
              ? 'The signing certificate (or one of its issuers) was revoked: re-sign with a valid certificate.'
              : 'Give the issuers’ current CRLs with --crl or the profile’s signature.crls (corridor never downloads them).',
        });
      }
    });
    return reports;
  },
};

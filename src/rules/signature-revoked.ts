import { receiverRevocation } from '../engine/revocation-check.js';
import { XMLDSIG_RULES } from '../rule-ids.js';
import { signatureLocation } from './signature-facts.js';
import type { RuleReport } from './types.js';
import { defineRule } from './define.js';
import { problemMessages } from './messages.js';

const ERRORS = [XMLDSIG_RULES.certificateRevoked, XMLDSIG_RULES.revocationUnknown] as const;
const WARNINGS = [XMLDSIG_RULES.crlExpired, XMLDSIG_RULES.crlNotYetValid] as const;
type RevocationProblemId = (typeof ERRORS)[number] | (typeof WARNINGS)[number];

function isOneOf<T extends string>(list: readonly T[], id: string): id is T {
  return (list as readonly string[]).includes(id);
}

/**
 * Offline revocation (`--crl`, `--require-revocation`, and the receiver profile's `crls` and
 * `requireRevocation`), on the as-of date: a revoked signer or intermediate is an error, as is a certificate without a current
 * CRL when revocation is required; a stale or not-yet-valid CRL is a warning. Distribution
 * points are named, never fetched.
 */
export const signatureRevoked = defineRule({
  id: 'signature/revoked',
  defaultSeverity: 'error',
  meta: {
    description:
      'No certificate of the signer’s path is revoked on the as-of date (given CRLs; nothing fetched).',
    messages: problemMessages<RevocationProblemId>([...ERRORS, ...WARNINGS]),
  },
  check: ({ document, verifications, receiver, asOf, memo }) => {
    const reports: RuleReport<RevocationProblemId>[] = [];
    document.signatures.forEach((signature, index) => {
      const verification = verifications[index];
      // The receiver's own CRLs and requireRevocation (profile), once per document and receiver.
      const own = memo.once(verifications, `revocation ${index} ${receiver.id}`, () =>
        receiverRevocation(verification, receiver, asOf),
      );
      for (const p of [...(verification?.problems ?? []), ...own]) {
        const id = p.ruleId;
        const error = isOneOf(ERRORS, id);
        if (!error && !isOneOf(WARNINGS, id)) continue;
        reports.push({
          ...(error ? {} : { severity: 'warning' as const }),
          messageId: id as RevocationProblemId,
          data: { detail: p.message },
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
});

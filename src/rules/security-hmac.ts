import { SECURITY_RULES } from '../security/ids.js';
import { mappedProblemReports, securityMessages } from '../security/reports.js';
import { defineDocumentRule } from './define.js';

/**
 * HMAC "signatures": a MAC verifies under a shared secret, so it names no signer; verifiers
 * that accept it are open to key confusion (a public key used as the HMAC secret) and, with
 * HMACOutputLength, to truncation (CVE-2009-0217). corridor refuses every HMAC method.
 */
export const securityHmac = defineDocumentRule({
  id: SECURITY_RULES.hmac,
  defaultSeverity: 'error',
  meta: {
    description:
      'No HMAC SignatureMethod (a shared secret identifies no signer; CVE-2009-0217 truncation, key confusion).',
    messages: {
      ...securityMessages(SECURITY_RULES.hmac),
    },
  },
  check: (context) =>
    mappedProblemReports(SECURITY_RULES.hmac, context, {
      attack: 'HMAC instead of a signature',
      hint: 'Cross-border documents must carry a public-key signature; an HMAC proves only that someone holding the shared secret (or a public key used as one) computed it.',
      jws: {
        attack: 'HMAC instead of a signature (HS256/384/512)',
        hint: 'Cross-border documents must carry a public-key signature (e.g. RS256, PS256, ES256); an HMAC proves only that someone holding the shared secret computed it.',
      },
    }),
});

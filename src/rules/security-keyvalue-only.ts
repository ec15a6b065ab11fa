import { SECURITY_RULES } from '../security/ids.js';
import { mappedProblemReports, securityMessages } from '../security/reports.js';
import { defineDocumentRule } from './define.js';

/**
 * A bare KeyValue is self-asserted: an attacker re-signs altered content with a fresh key and
 * ships that key alongside. The signature then verifies and proves nothing about the sender
 * (the CVE-2024-32962 class without even a certificate). Such signatures are never valid.
 */
export const securityKeyValueOnly = defineDocumentRule({
  id: SECURITY_RULES.keyValueOnly,
  defaultSeverity: 'error',
  meta: {
    description: 'A signature whose only key is a bare KeyValue proves integrity, not who signed.',
    messages: {
      ...securityMessages(SECURITY_RULES.keyValueOnly),
    },
  },
  check: (context) =>
    mappedProblemReports(SECURITY_RULES.keyValueOnly, context, {
      attack: 'bare KeyValue (self-asserted key)',
      hint: 'Anyone can sign with a fresh key and put it in KeyValue. Sign with a certificate (X509Data) issued under the receiver’s trust anchors.',
      jws: {
        attack: 'bare jwk (self-asserted key)',
        hint: 'Anyone can sign with a fresh key and put it in the jwk header. Sign with a certificate chain (x5c) issued under the receiver’s trust anchors.',
      },
    }),
});

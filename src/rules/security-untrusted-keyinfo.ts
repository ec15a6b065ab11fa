import { SECURITY_RULES } from '../security/ids.js';
import { signatureLocation } from './signature-facts.js';
import type { RuleReport } from './types.js';
import { defineRule } from './define.js';

/**
 * CVE-2024-32962 (xml-crypto): the certificate in KeyInfo was used to verify by default, so
 * anyone could sign with a key of their own and ship its certificate. A signature that
 * verifies only with the certificate it carries identifies no one until that certificate
 * chains to an anchor. Where the receiver has anchors, `signature/trusted` judges the chain
 * (and this rule stays silent, so nothing is reported twice); where it has none, this rule
 * says that nothing ties the key to a signer.
 */
export const securityUntrustedKeyInfo = defineRule({
  id: SECURITY_RULES.untrustedKeyInfo,
  defaultSeverity: 'warning',
  meta: {
    description:
      'A signature verified with the certificate from its own KeyInfo is not accepted as an identity unless it chains to a trust anchor (CVE-2024-32962).',
    messages: {
      ownCertificate:
        'the signature verifies only with the certificate it carries ({{subject}}), and {{receiver}} has no trust anchors to chain it to: anyone can make such a signature (CVE-2024-32962 class)',
    },
  },
  check: ({ document, verifications, receiver }) => {
    if (receiver.anchors.length > 0) return [];
    const severity = receiver.signature?.requireTrustedSigner === true ? 'error' : 'warning';
    const reports: RuleReport<'ownCertificate'>[] = [];
    document.signatures.forEach((signature, index) => {
      const verification = verifications[index];
      if (verification?.valid !== true || verification.keySource !== 'x509') return;
      reports.push({
        severity,
        messageId: 'ownCertificate',
        data: { subject: verification.signer?.subject ?? 'no subject', receiver: receiver.id },
        location: signatureLocation(signature, 'KeyInfo'),
        hint: `Give ${receiver.id} trust anchors (signature.trustAnchors) so that signers are checked, or verify with \`corridor verify --trust <ca.pem>\`.`,
      });
    });
    return reports;
  },
});

import type { RuleReport } from './types.js';
import { defineRule } from './define.js';
import { signatureLocation } from './signature-facts.js';

/**
 * Identity, per receiver: a key in KeyInfo proves integrity only; the signer is trusted when
 * its certificate chains to one of the receiver's anchors on the as-of date.
 */
export const signatureTrusted = defineRule({
  id: 'signature/trusted',
  defaultSeverity: 'error',
  meta: {
    description:
      'The signer’s certificate chains to one of the receiver’s trust anchors on the as-of date.',
    messages: { untrusted: 'signer not trusted by {{receiver}}: {{reason}}' },
  },
  check: (context) => {
    const { document, receiver } = context;
    if (receiver.anchors.length === 0) return [];
    const severity = receiver.signature?.requireTrustedSigner === false ? 'warning' : 'error';
    const reports: RuleReport<'untrusted'>[] = [];
    document.signatures.forEach((signature, index) => {
      const trust = context.trust(index);
      if (trust.trusted) return;
      reports.push({
        severity,
        messageId: 'untrusted',
        data: { receiver: receiver.id, reason: trust.reason },
        location: signatureLocation(signature, 'KeyInfo'),
        hint: `Sign with a certificate issued under ${receiver.id}'s trust anchors, or have the document re-signed by a gateway ${receiver.id} trusts.`,
      });
    });
    return reports;
  },
});

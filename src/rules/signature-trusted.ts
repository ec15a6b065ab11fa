import type { Rule, RuleReport } from './types.js';
import { signatureLocation } from './signature-facts.js';

/**
 * Identity, per receiver: a key in KeyInfo proves integrity only; the signer is trusted when
 * its certificate chains to one of the receiver's anchors on the as-of date.
 */
export const signatureTrusted: Rule = {
  id: 'signature/trusted',
  description:
    'The signer’s certificate chains to one of the receiver’s trust anchors on the as-of date.',
  defaultSeverity: 'error',
  check: (context) => {
    const { document, receiver } = context;
    if (receiver.anchors.length === 0) return [];
    const severity = receiver.signature?.requireTrustedSigner === false ? 'warning' : 'error';
    const reports: RuleReport[] = [];
    document.signatures.forEach((signature, index) => {
      const trust = context.trust(index);
      if (trust.trusted) return;
      reports.push({
        severity,
        message: `signer not trusted by ${receiver.id}: ${trust.reason}`,
        location: signatureLocation(signature, 'KeyInfo'),
        hint: `Sign with a certificate issued under ${receiver.id}'s trust anchors, or have the document re-signed by a gateway ${receiver.id} trusts.`,
      });
    });
    return reports;
  },
};

import { algorithmByUri } from '../algorithms/registry.js';
import type { AlgorithmEntry } from '../algorithms/types.js';
import { signatureLocation } from './signature-facts.js';
import type { RuleReport } from './types.js';
import { defineRule } from './define.js';

/**
 * Algorithms whose standing is settled whatever a profile says: MD5 and RIPEMD-160 are
 * broken (an error even when the signature verifies), DSA is legacy (a warning: profiles
 * decide whether they still take it). The registry's `strength` is the single source.
 */
export const signatureAlgorithmStrength = defineRule({
  id: 'signature/algorithm-strength',
  defaultSeverity: 'error',
  meta: {
    description:
      'The signature does not rely on a broken algorithm (MD5, RIPEMD-160); legacy ones (DSA) are flagged.',
    messages: {
      broken: '{{algorithm}} is broken: whatever the signature verifies to, it proves little',
      legacy: '{{algorithm}} is a legacy algorithm, kept for old documents',
    },
  },
  check: ({ document }) => {
    const reports: RuleReport<'broken' | 'legacy'>[] = [];
    for (const signature of document.signatures) {
      const used: Array<{ entry: AlgorithmEntry; where: string }> = [];
      const method = algorithmByUri(signature.signatureMethod);
      if (method) used.push({ entry: method, where: 'SignedInfo/SignatureMethod' });
      for (const reference of signature.references) {
        const entry = algorithmByUri(reference.digestMethod);
        if (entry) used.push({ entry, where: 'SignedInfo/Reference/DigestMethod' });
      }
      const seen = new Set<string>();
      for (const { entry, where } of used) {
        if (!entry.strength || seen.has(entry.id)) continue;
        seen.add(entry.id);
        const broken = entry.strength === 'broken';
        reports.push({
          ...(broken ? {} : { severity: 'warning' as const }),
          messageId: broken ? 'broken' : 'legacy',
          data: { algorithm: entry.name },
          location: signatureLocation(signature, where),
          hint: broken
            ? 'Re-sign with SHA-256 or stronger (e.g. rsa-sha256, ecdsa-sha256).'
            : 'New signatures should use RSA, ECDSA or EdDSA; check the receiver still accepts it.',
        });
      }
    }
    return reports;
  },
});

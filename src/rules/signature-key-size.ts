import type { Rule, RuleReport } from './types.js';
import { signatureLocation, signatureMethodMatches } from './signature-facts.js';

export const signatureKeySize: Rule = {
  id: 'signature/key-size',
  description: 'The signing key is at least the receiver’s minimum size for the algorithm.',
  defaultSeverity: 'error',
  check: (context) => {
    const reports: RuleReport[] = [];
    for (const { signature, match } of signatureMethodMatches(context)) {
      if (match.outcome !== 'rejected') continue;
      for (const failure of match.failures) {
        if (failure.aspect !== 'key-size') continue;
        reports.push({
          message: `${match.algorithm.name} key of ${failure.actualBits} bits is below ${context.receiver.id}'s minimum of ${failure.minKeyBits}`,
          location: signatureLocation(signature, 'KeyInfo'),
          hint: `Sign with a key of at least ${failure.minKeyBits} bits.`,
        });
      }
    }
    return reports;
  },
};

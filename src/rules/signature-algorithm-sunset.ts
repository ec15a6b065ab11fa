import type { Rule, RuleReport } from './types.js';
import { signatureLocation, signatureMethodMatches } from './signature-facts.js';

export const signatureAlgorithmSunset: Rule = {
  id: 'signature/algorithm-sunset',
  description:
    'The signature algorithm is inside the receiver’s validity window on the as-of date.',
  defaultSeverity: 'error',
  check: (context) => {
    const reports: RuleReport[] = [];
    for (const { signature, match } of signatureMethodMatches(context)) {
      if (match.outcome !== 'rejected') continue;
      for (const failure of match.failures) {
        if (failure.aspect !== 'date') continue;
        const window = [
          failure.notBefore && `from ${failure.notBefore}`,
          failure.notAfter && `until ${failure.notAfter}`,
        ]
          .filter(Boolean)
          .join(' ');
        reports.push({
          message: `${context.receiver.id} accepts ${match.algorithm.name} only ${window}; as of ${context.asOf.toISOString().slice(0, 10)} it does not`,
          location: signatureLocation(signature, 'SignedInfo/SignatureMethod'),
          hint: 'Move to an algorithm the receiver accepts on that date.',
        });
      }
    }
    return reports;
  },
};

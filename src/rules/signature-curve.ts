import type { Rule, RuleReport } from './types.js';
import { signatureLocation, signatureMethodMatches } from './signature-facts.js';

export const signatureCurve: Rule = {
  id: 'signature/curve',
  description: 'The signing key’s curve / parameter set is one the receiver allows.',
  defaultSeverity: 'error',
  check: (context) => {
    const reports: RuleReport[] = [];
    for (const { signature, match } of signatureMethodMatches(context)) {
      if (match.outcome !== 'rejected') continue;
      for (const failure of match.failures) {
        if (failure.aspect !== 'curve') continue;
        reports.push({
          message: `${match.algorithm.name} key on ${failure.actual} is not an allowed parameter set for ${context.receiver.id} (allowed: ${failure.curves.join(', ')})`,
          location: signatureLocation(signature, 'KeyInfo'),
          hint: 'Issue the signing key on one of the allowed curves.',
        });
      }
    }
    return reports;
  },
};

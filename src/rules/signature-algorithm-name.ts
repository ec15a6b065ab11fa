import type { Rule, RuleReport } from './types.js';
import { signatureLocation, signatureMethodMatches } from './signature-facts.js';

/** Same algorithm, different URI: a receiver that matches URIs as strings rejects it. */
export const signatureAlgorithmName: Rule = {
  id: 'signature/algorithm-name',
  description: 'The SignatureMethod URI is the name the receiver knows the algorithm by.',
  defaultSeverity: 'error',
  check: (context) => {
    const reports: RuleReport[] = [];
    for (const { signature, match } of signatureMethodMatches(context)) {
      if (match.outcome !== 'rejected') continue;
      for (const failure of match.failures) {
        if (failure.aspect !== 'name') continue;
        reports.push({
          message: `${context.receiver.id} knows ${match.algorithm.name} as ${failure.acceptedUris.join(' or ')}, not ${signature.signatureMethod}`,
          location: signatureLocation(signature, 'SignedInfo/SignatureMethod'),
          hint: `Same algorithm, different name: emit Algorithm="${failure.acceptedUris[0]}".`,
        });
      }
    }
    return reports;
  },
};

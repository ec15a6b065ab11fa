import type { Rule, RuleReport } from './types.js';
import { acceptedList } from './policy-match.js';
import { signatureLocation, signatureMethodMatches } from './signature-facts.js';
import { clipQuoted } from '../util/clip.js';

export const signatureMethodAccepted: Rule = {
  id: 'signature/method-accepted',
  description: 'The receiver accepts the signature algorithm (SignatureMethod).',
  defaultSeverity: 'error',
  check: (context) => {
    const reports: RuleReport[] = [];
    for (const { signature, match } of signatureMethodMatches(context)) {
      const location = signatureLocation(signature, 'SignedInfo/SignatureMethod');
      // Only a finding needs the list spelled out.
      const accepted = (): string =>
        acceptedList(context.receiver.signature?.methods, context.asOf);
      if (match.outcome === 'unknown-uri') {
        reports.push({
          message: `unknown signature algorithm ${clipQuoted(match.uri)}`,
          location,
          hint: `Use an algorithm ${context.receiver.id} accepts: ${accepted()}.`,
        });
      } else if (match.outcome === 'not-listed') {
        reports.push({
          message: `${context.receiver.id} does not accept ${match.algorithm.name} signatures (accepts: ${accepted()})`,
          location,
          hint: `Sign for ${context.receiver.id} with ${accepted()}, or route the document through a gateway that re-signs it.`,
        });
      } else if (match.outcome === 'accepted' && match.level !== 'error') {
        reports.push({
          severity: match.level,
          message: `${context.receiver.id} accepts this signature algorithm but discourages it${match.entry.note ? `: ${match.entry.note}` : ''}`,
          location,
          hint: `Prefer ${accepted()}.`,
        });
      }
    }
    return reports;
  },
};

import type { RuleReport } from './types.js';
import { defineRule } from './define.js';
import { acceptedList, policyIdentity } from './policy-match.js';
import { signatureLocation, signatureMethodMatches } from './signature-facts.js';
import { clipQuoted } from '../util/clip.js';

const messages = {
  unknown: 'unknown signature algorithm {{uri}}',
  notListed: '{{receiver}} does not accept {{algorithm}} signatures (accepts: {{accepted}})',
  discouraged: '{{receiver}} accepts this signature algorithm but discourages it',
  discouragedNote: '{{receiver}} accepts this signature algorithm but discourages it: {{note}}',
};

export const signatureMethodAccepted = defineRule({
  id: 'signature/method-accepted',
  defaultSeverity: 'error',
  meta: {
    description: 'The receiver accepts the signature algorithm (SignatureMethod).',
    messages,
  },
  check: (context) => {
    const receiver = context.receiver.id;
    const reports: RuleReport<keyof typeof messages>[] = [];
    for (const { signature, match } of signatureMethodMatches(context)) {
      const location = signatureLocation(signature, 'SignedInfo/SignatureMethod');
      // Only a finding needs the list spelled out.
      const methods = context.receiver.signature?.methods;
      const accepted = (): string =>
        methods
          ? context.memo.once(policyIdentity(methods), 'accepted', () =>
              acceptedList(methods, context.asOf),
            )
          : acceptedList(methods, context.asOf);
      if (match.outcome === 'unknown-uri') {
        reports.push({
          messageId: 'unknown',
          data: { uri: clipQuoted(match.uri) },
          location,
          hint: `Use an algorithm ${context.receiver.id} accepts: ${accepted()}.`,
        });
      } else if (match.outcome === 'not-listed') {
        reports.push({
          messageId: 'notListed',
          data: { receiver, algorithm: match.algorithm.name, accepted: accepted() },
          location,
          hint: `Sign for ${context.receiver.id} with ${accepted()}, or route the document through a gateway that re-signs it.`,
        });
      } else if (match.outcome === 'accepted' && match.level !== 'error') {
        reports.push({
          severity: match.level,
          messageId: match.entry.note ? 'discouragedNote' : 'discouraged',
          data: { receiver, note: match.entry.note ?? '' },
          location,
          hint: `Prefer ${accepted()}.`,
        });
      }
    }
    return reports;
  },
});

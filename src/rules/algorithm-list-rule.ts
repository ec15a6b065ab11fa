import type { Rule, RuleReport } from './types.js';
import { acceptedList } from './policy-match.js';
import { matchAlgorithm } from './policy-match.js';
import { policyFor, signatureLocation, usedUris } from './signature-facts.js';
import { signingDayOf, signingWindowMessage } from './signing-day.js';
import { clipQuoted } from '../util/clip.js';

/**
 * Digests, canonicalizations and transforms are all "is this URI on the receiver's list, on
 * this date, under this name": one rule shape, three rules. A receiver without a list for the
 * kind does not restrict it.
 */
export function algorithmListRule(options: {
  id: string;
  kind: 'digest' | 'canonicalization' | 'transform';
  noun: string;
  description: string;
}): Rule {
  return {
    id: options.id,
    description: options.description,
    defaultSeverity: 'error',
    check: (context) => {
      const policy = policyFor(context, options.kind);
      if (!policy) return [];
      const reports: RuleReport[] = [];
      const seen = new Set<string>();
      for (const use of usedUris(context, options.kind)) {
        const key = `${use.signature.path}|${use.uri}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const index = context.document.signatures.indexOf(use.signature);
        const signing = signingDayOf(use.signature, context.verifications[index]);
        // Receivers sharing a list share the verdict: once per document and list.
        const match = context.memo.once(policy, `${use.uri} ${signing.day ?? ''}`, () =>
          matchAlgorithm(use.uri, policy, context.asOf, {}, signing.day),
        );
        const location = signatureLocation(use.signature, use.where);
        // Only a finding needs the list spelled out.
        const accepted = (): string => acceptedList(policy, context.asOf);
        if (match.outcome === 'unknown-uri') {
          reports.push({
            message: `unknown ${options.noun} ${clipQuoted(use.uri)}`,
            location,
            hint: `Use one of: ${accepted()}.`,
          });
        } else if (match.outcome === 'not-listed') {
          reports.push({
            message: `${context.receiver.id} does not accept the ${options.noun} ${match.algorithm.name} (accepts: ${accepted()})`,
            location,
            hint: `Use one of: ${accepted()}.`,
          });
        } else if (match.outcome === 'rejected') {
          for (const failure of match.failures) {
            if (failure.aspect === 'name') {
              reports.push({
                message: `${context.receiver.id} knows the ${options.noun} ${match.algorithm.name} as ${failure.acceptedUris.join(' or ')}, not ${clipQuoted(use.uri)}`,
                location,
                hint: `Same algorithm, different name: emit Algorithm="${failure.acceptedUris[0]}".`,
              });
            } else if (failure.aspect === 'date' && failure.window === 'signing') {
              reports.push({
                message: signingWindowMessage(
                  `${context.receiver.id} accepts the ${options.noun} ${match.algorithm.name}`,
                  failure,
                  signing,
                ),
                location,
                hint: `Use one of: ${accepted()}.`,
              });
            } else if (failure.aspect === 'date') {
              reports.push({
                message: `${context.receiver.id} accepts the ${options.noun} ${match.algorithm.name} only${failure.notBefore ? ` from ${failure.notBefore}` : ''}${failure.notAfter ? ` until ${failure.notAfter}` : ''}`,
                location,
                hint: `Use one of: ${accepted()}.`,
              });
            }
          }
        } else if (match.level !== 'error') {
          reports.push({
            severity: match.level,
            message: `${context.receiver.id} accepts the ${options.noun} ${algorithmName(use.uri)} but discourages it${match.entry.note ? `: ${match.entry.note}` : ''}`,
            location,
          });
        }
      }
      return reports;
    },
  };
}

function algorithmName(uri: string): string {
  return acceptedList([{ algorithm: uri }]);
}

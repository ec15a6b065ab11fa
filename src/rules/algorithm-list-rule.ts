import type { SourceLocation } from '../documents/model.js';
import type { Rule, RuleContext, RuleReport } from './types.js';
import { defineRule } from './define.js';
import { acceptedList, matchAlgorithm, policyIdentity } from './policy-match.js';
import { policyFor, signatureLocation, usedUris, type UriUse } from './signature-facts.js';
import {
  dateWindow,
  signingDayOf,
  signingWindowMessages,
  signingWindowReport,
  type SigningDay,
} from './signing-day.js';

type UriKind = 'digest' | 'canonicalization' | 'transform';
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
  const noun = options.noun;
  const messages = {
    unknown: `unknown ${noun} {{uri}}`,
    notListed: `{{receiver}} does not accept the ${noun} {{algorithm}} (accepts: {{accepted}})`,
    otherName: `{{receiver}} knows the ${noun} {{algorithm}} as {{acceptedUris}}, not {{uri}}`,
    outsideWindow: `{{receiver}} accepts the ${noun} {{algorithm}} only {{window}}`,
    ...signingWindowMessages(`{{receiver}} accepts the ${noun} {{algorithm}}`),
    discouraged: `{{receiver}} accepts the ${noun} {{algorithm}} but discourages it`,
    discouragedNote: `{{receiver}} accepts the ${noun} {{algorithm}} but discourages it: {{note}}`,
  };
  return defineRule({
    id: options.id,
    defaultSeverity: 'error',
    meta: { description: options.description, messages },
    check: (context) => {
      const policy = policyFor(context, options.kind);
      if (!policy) return [];
      const receiver = context.receiver.id;
      const identity = policyIdentity(policy);
      const reports: RuleReport<keyof typeof messages>[] = [];
      for (const { use, signing, matchKey, location } of usesOf(context, options.kind)) {
        // Receivers sharing a list share the verdict: once per document and list.
        const match = context.memo.once(identity, matchKey, () =>
          matchAlgorithm(use.uri, policy, context.asOf, {}, signing.day),
        );
        // Only a finding needs the list spelled out.
        const accepted = (): string =>
          context.memo.once(identity, 'accepted', () => acceptedList(policy, context.asOf));
        if (match.outcome === 'unknown-uri') {
          reports.push({
            messageId: 'unknown',
            data: { uri: clipQuoted(use.uri) },
            location,
            hint: `Use one of: ${accepted()}.`,
          });
        } else if (match.outcome === 'not-listed') {
          reports.push({
            messageId: 'notListed',
            data: { receiver, algorithm: match.algorithm.name, accepted: accepted() },
            location,
            hint: `Use one of: ${accepted()}.`,
          });
        } else if (match.outcome === 'rejected') {
          for (const failure of match.failures) {
            if (failure.aspect === 'name') {
              reports.push({
                messageId: 'otherName',
                data: {
                  receiver,
                  algorithm: match.algorithm.name,
                  acceptedUris: failure.acceptedUris.join(' or '),
                  uri: clipQuoted(use.uri),
                },
                location,
                hint: `Same algorithm, different name: emit Algorithm="${failure.acceptedUris[0]}".`,
              });
            } else if (failure.aspect === 'date' && failure.window === 'signing') {
              const { messageId, data } = signingWindowReport(failure, signing);
              reports.push({
                messageId,
                data: { receiver, algorithm: match.algorithm.name, ...data },
                location,
                hint: `Use one of: ${accepted()}.`,
              });
            } else if (failure.aspect === 'date') {
              reports.push({
                messageId: 'outsideWindow',
                data: {
                  receiver,
                  algorithm: match.algorithm.name,
                  window: dateWindow(failure.notBefore, failure.notAfter),
                },
                location,
                hint: `Use one of: ${accepted()}.`,
              });
            }
          }
        } else if (match.level !== 'error') {
          reports.push({
            severity: match.level,
            messageId: match.entry.note ? 'discouragedNote' : 'discouraged',
            data: { receiver, algorithm: algorithmName(use.uri), note: match.entry.note ?? '' },
            location,
          });
        }
      }
      return reports;
    },
  });
}

interface DocumentUse {
  use: UriUse;
  signing: SigningDay;
  /** The memo key of the use's verdict under one list: URI and signing day. */
  matchKey: string;
  location: SourceLocation;
}

/**
 * The document's distinct (signature, URI) uses of one kind, with their signing day and
 * location: they depend on the document only, so they are found once per document, not once
 * per receiver.
 */
function usesOf(context: RuleContext, kind: UriKind): DocumentUse[] {
  return context.memo.once(context.document, `algorithm uses ${kind}`, () => {
    const uses: DocumentUse[] = [];
    const seen = new Set<string>();
    for (const use of usedUris(context, kind)) {
      const key = `${use.signature.path}|${use.uri}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const index = context.document.signatures.indexOf(use.signature);
      const signing = signingDayOf(use.signature, context.verifications[index]);
      uses.push({
        use,
        signing,
        matchKey: `${use.uri} ${signing.day ?? ''}`,
        location: signatureLocation(use.signature, use.where),
      });
    }
    return uses;
  });
}

function algorithmName(uri: string): string {
  return acceptedList([{ algorithm: uri }]);
}

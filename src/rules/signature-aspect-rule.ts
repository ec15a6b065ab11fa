import type { SignatureInfo, SignatureVerification } from '../signature/types.js';
import type { Failure } from './policy-match.js';
import type { AlgorithmEntry } from '../algorithms/types.js';
import { signatureMethodMatches } from './signature-facts.js';
import type { Rule, RuleContext, RuleReport } from './types.js';
import { defineRule, type SharedMessageId } from './define.js';

type Aspect = Failure['aspect'];

/**
 * The receiver lists the signature algorithm, but no entry passes on one aspect (its name, the
 * key size, the curve, the date window): one rule per aspect, each explaining only its own.
 */
export function signatureAspectRule<A extends Aspect, M extends string>(options: {
  id: string;
  description: string;
  messages: Readonly<Record<M, string>>;
  aspect: A;
  report: (
    failure: Extract<Failure, { aspect: A }>,
    context: {
      rule: RuleContext;
      algorithm: AlgorithmEntry;
      signature: SignatureInfo;
      verification?: SignatureVerification;
    },
  ) => RuleReport<M>;
}): Rule<M | SharedMessageId> {
  return defineRule({
    id: options.id,
    defaultSeverity: 'error',
    meta: { description: options.description, messages: options.messages },
    check: (context) => {
      const reports: RuleReport<M>[] = [];
      for (const { signature, verification, match } of signatureMethodMatches(context)) {
        if (match.outcome !== 'rejected') continue;
        for (const failure of match.failures) {
          if (failure.aspect !== options.aspect) continue;
          reports.push(
            options.report(failure as Extract<Failure, { aspect: A }>, {
              rule: context,
              algorithm: match.algorithm,
              signature,
              verification,
            }),
          );
        }
      }
      return reports;
    },
  });
}

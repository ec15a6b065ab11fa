import type { Rule, RuleReport } from './types.js';

/** The receiver's or the sender's document constraints, evaluated with compiled schemas. */
export function constraintRule(options: {
  id: string;
  side: 'sender' | 'receiver';
  description: string;
}): Rule {
  return {
    id: options.id,
    description: options.description,
    defaultSeverity: 'error',
    check: (context) => {
      const profile = options.side === 'receiver' ? context.receiver : context.sender;
      const { document } = context;
      if (!profile || !document.type) return [];
      // The sender's own rules are the same for every receiver; report them on the domestic
      // pair and on foreign pairs alike, but not twice when sender and receiver coincide.
      if (options.side === 'sender' && profile.id === context.receiver.id) return [];
      const set = context.constraints(profile);
      if (!set) return [];
      const reports: RuleReport[] = [];
      for (const violation of set.evaluate(document.type, document.model)) {
        const where = options.side === 'receiver' ? profile.id : `its origin ${profile.id}`;
        reports.push({
          severity: violation.severity,
          message: `${where} rule ${violation.constraintId}: ${violation.message}`,
          location: document.locate(violation.pointer),
          hint: violation.hint,
        });
      }
      return reports;
    },
  };
}

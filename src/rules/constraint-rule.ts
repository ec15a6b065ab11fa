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
      const hidden = (pointer: string) =>
        document.encryptedPointers.some((p) => pointer === p || pointer.startsWith(`${p}/`));
      let unchecked = 0;
      for (const violation of set.evaluate(
        document.type,
        document.model,
        document.documentFormat?.id,
      )) {
        // Encrypted content cannot be read here: its rules are not checked, and we say so.
        if (hidden(violation.pointer)) {
          unchecked++;
          continue;
        }
        const where = options.side === 'receiver' ? profile.id : `its origin ${profile.id}`;
        reports.push({
          severity: violation.severity,
          message: `${where} rule ${violation.constraintId}: ${violation.message}`,
          location: document.locate(violation.pointer),
          hint: violation.hint,
        });
      }
      if (unchecked > 0) {
        reports.push({
          severity: 'info',
          message: `${unchecked} ${profile.id} rule check(s) on encrypted content (${document.encryptedPointers.join(', ')}) not evaluated`,
          location: document.locate(document.encryptedPointers[0] ?? ''),
        });
      }
      return reports;
    },
  };
}

import type { Rule, RuleReport } from './types.js';
import { matchPointers } from '../constraints/pointers.js';

/**
 * Data-localisation rules belong to the sender: a field that must not leave the jurisdiction
 * is a finding on every foreign pair, with its legal basis.
 */
export const dataExportRestricted: Rule = {
  id: 'data-export/restricted',
  description:
    'The document carries no data that the sender’s law forbids sending to this receiver.',
  defaultSeverity: 'error',
  check: ({ document, sender, receiver, constraints }) => {
    if (!sender || !document.type || sender.id === receiver.id) return [];
    const reports: RuleReport[] = [];
    for (const rule of sender.dataExport ?? []) {
      if (rule.documentTypes && !rule.documentTypes.includes(document.type)) continue;
      if (rule.allowedReceivers?.includes(receiver.id)) continue;
      const set = constraints(sender);
      for (const pattern of rule.fields) {
        for (const { pointer, value } of matchPointers(document.model, pattern)) {
          if (rule.when && set && !set.matches(sender.id, rule.id, rule.when, value)) continue;
          reports.push({
            severity: rule.severity,
            message: `${pointer} may not leave ${sender.id} for ${receiver.id}: ${rule.description ?? rule.id} (${rule.legalBasis})`,
            location: document.locate(pointer),
            hint:
              rule.hint ??
              `Remove or anonymise the field, or use a transfer mechanism ${rule.legalBasis} allows.`,
          });
        }
      }
    }
    return reports;
  },
};

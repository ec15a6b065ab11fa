import type { RuleReport } from './types.js';
import { defineRule } from './define.js';
import { matchPointers } from '../constraints/pointers.js';

/**
 * Data-localisation rules belong to the sender: a field that must not leave the jurisdiction
 * is a finding on every foreign pair, with its legal basis.
 */
export const dataExportRestricted = defineRule({
  id: 'data-export/restricted',
  defaultSeverity: 'error',
  meta: {
    description:
      'The document carries no data that the sender’s law forbids sending to this receiver.',
    messages: {
      restricted:
        '{{pointer}} may not leave {{sender}} for {{receiver}}: {{description}} ({{legalBasis}})',
    },
  },
  check: ({ document, sender, receiver, constraints }) => {
    if (!sender || !document.type || sender.id === receiver.id) return [];
    const reports: RuleReport<'restricted'>[] = [];
    for (const rule of sender.dataExport ?? []) {
      if (rule.documentTypes && !rule.documentTypes.includes(document.type)) continue;
      if (rule.allowedReceivers?.includes(receiver.id)) continue;
      const set = constraints(sender);
      for (const pattern of rule.fields) {
        for (const { pointer, value } of matchPointers(document.model, pattern)) {
          if (rule.when && set && !set.matches(sender.id, rule.id, rule.when, value)) continue;
          reports.push({
            severity: rule.severity,
            messageId: 'restricted',
            data: {
              pointer,
              sender: sender.id,
              receiver: receiver.id,
              description: rule.description ?? rule.id,
              legalBasis: rule.legalBasis,
            },
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
});

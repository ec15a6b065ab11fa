import type { RuleReport } from './types.js';
import { defineRule } from './define.js';
import { matchPointers } from '../constraints/pointers.js';
import type { ConstraintSet } from '../constraints/constraints.js';
import type { ParsedDocument, SourceLocation } from '../documents/model.js';
import type { DataExportRule } from '../profiles/types.js';

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
  check: ({ document, sender, receiver, constraints, memo }) => {
    if (!sender || !document.type || sender.id === receiver.id) return [];
    const reports: RuleReport<'restricted'>[] = [];
    for (const rule of sender.dataExport ?? []) {
      if (rule.documentTypes && !rule.documentTypes.includes(document.type)) continue;
      if (rule.allowedReceivers?.includes(receiver.id)) continue;
      // The fields do not depend on the receiver: found once per document and rule.
      const fields = memo.once(rule, 'restricted fields', () =>
        restrictedFields(document, rule, constraints(sender), sender.id),
      );
      for (const { pointer, location } of fields) {
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
          location,
          hint:
            rule.hint ??
            `Remove or anonymise the field, or use a transfer mechanism ${rule.legalBasis} allows.`,
        });
      }
    }
    return reports;
  },
});

/** The fields of `document` a data-export rule names (and its `when` selects), located. */
function restrictedFields(
  document: ParsedDocument,
  rule: DataExportRule,
  set: ConstraintSet | undefined,
  senderId: string,
): Array<{ pointer: string; location: SourceLocation }> {
  const found: Array<{ pointer: string; location: SourceLocation }> = [];
  for (const pattern of rule.fields) {
    for (const { pointer, value } of matchPointers(document.model, pattern)) {
      if (rule.when && set && !set.matches(senderId, rule.id, rule.when, value)) continue;
      found.push({ pointer, location: document.locate(pointer) });
    }
  }
  return found;
}

import { signedCoverageOf } from './signed-coverage.js';
import type { RuleContext, RuleReport } from './types.js';
import { defineRule } from './define.js';

/** Unsigned fields reported one by one; the rest are counted in one more finding. */
const MAX_FIELDS = 16;

/**
 * Signed scope (signxml, DSS): a valid signature vouches only for what it covers. A field the
 * rules read — every field of the document model, which the receiver's document rules and
 * data-export rules are written against — that lies outside the scope of every valid
 * signature could have been added or changed by anyone, so it is an error. A receiver may also
 * require the whole document signed (profile `signature.scope: "document"`). Only documents
 * with at least one valid XMLDSig signature are judged here: without one, signature/valid and
 * signature/required already say the document is not signed.
 */
const messages = {
  wholeDocument:
    '{{receiver}} requires a signature over the whole document (signature.scope "document"); {{coverage}}',
  unsignedField:
    '{{pointer}} ({{path}}) is read by the rules but lies outside every valid signature: {{coverage}}',
  moreUnsignedField: '1 more unsigned field read by the rules ({{total}} in all); {{coverage}}',
  moreUnsignedFields:
    '{{more}} more unsigned fields read by the rules ({{total}} in all); {{coverage}}',
};

export const signatureUnsignedContent = defineRule({
  id: 'signature/unsigned-content',
  defaultSeverity: 'error',
  meta: {
    description:
      'Every field the rules read lies inside the scope of a valid signature, and the whole document is signed when the receiver requires it.',
    messages,
  },
  check: (context: RuleContext): RuleReport<keyof typeof messages>[] => {
    const { document, receiver } = context;
    if (document.format !== 'xml' || !document.xml) return [];
    // From the verified signatures' scope, once per document (signed-coverage.ts).
    const coverage = signedCoverageOf(context);
    if (!coverage.hasValid || coverage.coveredBy.length > 0) return [];
    const reports: RuleReport<keyof typeof messages>[] = [];
    if (receiver.signature?.scope === 'document') {
      reports.push({
        messageId: 'wholeDocument',
        data: { receiver: receiver.id, coverage: coverage.summary },
        location: { path: document.xml.root ? `/${document.xml.root.name}` : '/' },
        hint: 'Sign the whole document: Reference URI="" with the enveloped-signature transform, or the root element by its ID.',
      });
    }
    for (const field of coverage.unsigned.slice(0, MAX_FIELDS)) {
      reports.push({
        messageId: 'unsignedField',
        data: { pointer: field.pointer, path: field.path, coverage: coverage.summary },
        location: document.locate(field.pointer),
        hint: 'Sign the element that carries this field, or the whole document; unsigned content can be changed by anyone on the way.',
      });
    }
    const more = coverage.unsigned.length - MAX_FIELDS;
    if (more > 0) {
      reports.push({
        messageId: more === 1 ? 'moreUnsignedField' : 'moreUnsignedFields',
        data: { more, total: coverage.unsigned.length, coverage: coverage.summary },
        location: { path: `/${document.xml.root.name}` },
        hint: 'Sign the whole document.',
      });
    }
    return reports;
  },
});

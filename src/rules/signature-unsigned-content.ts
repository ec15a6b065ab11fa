import type { ModelValue, ParsedDocument } from '../documents/model.js';
import type { SignatureVerification } from '../signature/types.js';
import type { RuleContext, RuleReport } from './types.js';
import { defineRule } from './define.js';

/** Unsigned fields reported one by one; the rest are counted in one more finding. */
const MAX_FIELDS = 16;

interface Coverage {
  /** Some valid signature covers the whole document. */
  document: boolean;
  /** What each valid signature covers, for messages: "signature 1 covers /a/b". */
  summary: string;
  /** Model pointers of fields outside every valid signature's scope, with their XML paths. */
  unsigned: Array<{ pointer: string; path: string }>;
  hasValid: boolean;
}

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
    // Receiver-independent: computed once per document (its memo), whatever the receivers.
    const coverage = context.memo.once(document, 'signed-coverage', () =>
      coverageOf(document, context.verifications),
    );
    if (!coverage.hasValid || coverage.document) return [];
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

function coverageOf(
  document: ParsedDocument,
  verifications: readonly SignatureVerification[],
): Coverage {
  const valid = verifications
    .map((verification, index) => ({ verification, index }))
    .filter(({ verification }) => verification.valid === true && verification.scope);
  const covered = valid.flatMap(({ verification }) =>
    verification.scope?.kind === 'detached' ? [] : (verification.scope?.paths ?? []),
  );
  const coverage: Coverage = {
    hasValid: valid.length > 0,
    document: valid.some(({ verification }) => coversBusinessDocument(document, verification)),
    summary: valid
      .map(({ verification, index }) => {
        const scope = verification.scope;
        const what =
          scope?.kind === 'detached'
            ? `detached content ${scope.uris.join(', ')}`
            : `${scope?.kind ?? 'none'} ${scope?.paths.join(', ') ?? ''}`;
        return `signature ${index + 1} covers ${what}`;
      })
      .join('; '),
    unsigned: [],
  };
  if (coverage.hasValid && !coverage.document) {
    for (const pointer of leafPointers(document.model)) {
      const path = document.locate(pointer).path;
      const element = path.replace(/\/@[^/]*$/, '');
      if (!covered.some((signed) => element === signed || element.startsWith(`${signed}/`))) {
        coverage.unsigned.push({ pointer, path });
      }
    }
  }
  return coverage;
}

/**
 * "The whole document is signed" speaks of the business document. Without an envelope that is
 * the XML document (URI="" or the root by ID). Inside a transport envelope (SOAP, SMEV 3) the
 * envelope is not the receiver's document: a signature over an element that contains the whole
 * business document — SMEV 3 signs SenderProvidedRequestData, which holds MessagePrimaryContent
 * — signs all of it, as the SMEV 3 methodological recommendations require.
 */
function coversBusinessDocument(
  document: ParsedDocument,
  verification: SignatureVerification,
): boolean {
  const scope = verification.scope;
  if (scope?.kind === 'document') return true;
  const format = document.documentFormat;
  if (scope?.kind !== 'elements' || !format || format.envelopes.length === 0) return false;
  return scope.paths.some(
    (signed) => format.path === signed || format.path.startsWith(`${signed}/`),
  );
}

/** JSON pointers of every string leaf of the model, in document order. */
function leafPointers(model: ModelValue): string[] {
  const pointers: string[] = [];
  const stack: Array<{ value: ModelValue; pointer: string }> = [{ value: model, pointer: '' }];
  while (stack.length > 0) {
    const { value, pointer } = stack.pop() as { value: ModelValue; pointer: string };
    if (typeof value === 'string') {
      pointers.push(pointer);
      continue;
    }
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] as readonly [string, ModelValue];
      stack.push({
        value: child,
        pointer: `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
      });
    }
  }
  return pointers;
}

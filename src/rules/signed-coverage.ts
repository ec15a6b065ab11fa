import type { ModelValue, ParsedDocument } from '../documents/model.js';
import type { SignatureVerification } from '../signature/types.js';
import type { Memo } from '../util/memo.js';
import { elementPath } from '../xml/path.js';

/**
 * What the document's valid signatures vouch for, decided from their verified scope (signxml,
 * DSS) — the one place that decides it. Not from what a Reference names at read time: a
 * signature that does not verify covers nothing. Receiver-independent, so rules take it from
 * the per-document memo (`signedCoverageOf`).
 */
export interface SignedCoverage {
  /**
   * Indexes (into the verifications) of the valid signatures whose scope contains the whole
   * business document: the document, or inside a transport envelope an element containing the
   * payload (SMEV 3 signs SenderProvidedRequestData, which holds MessagePrimaryContent).
   */
  coveredBy: number[];
  /** Some signature verified. */
  hasValid: boolean;
  /** What each valid signature covers, for messages: "signature 1 covers elements /a/b". */
  summary: string;
  /** Model pointers of fields outside every valid signature's scope, with their XML paths. */
  unsigned: Array<{ pointer: string; path: string }>;
}

/** The document's coverage, computed once per document in the rules' memo. */
export function signedCoverageOf(context: {
  document: ParsedDocument;
  verifications: readonly SignatureVerification[];
  memo: Memo;
}): SignedCoverage {
  return context.memo.once(context.document, 'signed-coverage', () =>
    signedCoverage(context.document, context.verifications),
  );
}

export function signedCoverage(
  document: ParsedDocument,
  verifications: readonly SignatureVerification[],
): SignedCoverage {
  const valid = verifications
    .map((verification, index) => ({ verification, index }))
    .filter(({ verification }) => verification.valid === true && verification.scope);
  const business = businessDocumentPath(document);
  const coveredBy = valid
    .filter(({ verification }) => {
      const scope = verification.scope;
      if (scope?.kind === 'document') return true;
      if (scope?.kind !== 'elements' || business === undefined) return false;
      return scope.paths.some((signed) => contains(signed, business));
    })
    .map(({ index }) => index);
  const coverage: SignedCoverage = {
    coveredBy,
    hasValid: valid.length > 0,
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
  if (valid.length > 0 && coveredBy.length === 0) {
    const signed = valid.flatMap(({ verification }) =>
      verification.scope?.kind === 'detached' ? [] : (verification.scope?.paths ?? []),
    );
    for (const pointer of leafPointers(document.model)) {
      const path = document.locate(pointer).path;
      const element = path.replace(/\/@[^/]*$/, '');
      if (!signed.some((p) => contains(p, element))) coverage.unsigned.push({ pointer, path });
    }
  }
  return coverage;
}

/** The business document's element path: the payload of its envelopes, else the root. */
function businessDocumentPath(document: ParsedDocument): string | undefined {
  if (document.businessDocumentPath !== undefined) return document.businessDocumentPath;
  return document.xml ? elementPath(document.xml.root) : undefined;
}

/** `path` is the element at `signed` or inside it. */
function contains(signed: string, path: string): boolean {
  return path === signed || path.startsWith(`${signed}/`);
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

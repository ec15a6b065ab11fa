import type { XmlDocument, XmlElement } from '../xml/dom.js';
import { buildIdIndex } from '../xml/query.js';
import { problem, XMLDSIG_RULES, type XmldsigRuleId } from './problems.js';
import type { SignatureProblem } from './types.js';

/** What a Reference URI points to inside the document, or why it points nowhere usable. */
export type Resolution =
  | { kind: 'document'; element: XmlElement }
  | { kind: 'element'; element: XmlElement }
  /** Bytes of an external URI the user supplied (`--content uri=file`); nothing is fetched. */
  | { kind: 'detached'; bytes: Uint8Array }
  | { kind: 'problem'; problem: SignatureProblem };

// One ID index per parsed document: built on first use, shared by reader and verifier.
const idIndexes = new WeakMap<XmlDocument, Map<string, XmlElement[]>>();

function idIndexOf(doc: XmlDocument): Map<string, XmlElement[]> {
  let index = idIndexes.get(doc);
  if (!index) {
    index = buildIdIndex(doc);
    idIndexes.set(doc, index);
  }
  return index;
}

/**
 * Resolves a same-document Reference. External URIs are never fetched (SSRF, and a document
 * whose meaning depends on a network fetch is not verifiable offline). An ID that names
 * several elements is refused: which one is "signed" is exactly what wrapping attacks abuse.
 */
export function resolveReference(
  doc: XmlDocument,
  uri: string | null,
  content?: ReadonlyMap<string, Uint8Array>,
): Resolution {
  if (uri === null) {
    return fail(
      XMLDSIG_RULES.referenceUnresolved,
      'Reference has no URI attribute: what it signs is left to the application, corridor does not guess',
    );
  }
  if (uri === '') return { kind: 'document', element: doc.root };
  if (!uri.startsWith('#')) {
    const bytes = content?.get(uri);
    if (bytes) return { kind: 'detached', bytes };
    return fail(
      XMLDSIG_RULES.externalReference,
      `Reference URI '${uri}' is outside the document and is never fetched (supply its bytes with --content URI=file)`,
    );
  }
  const id = uri.slice(1);
  if (id.startsWith('xpointer(')) {
    return fail(
      XMLDSIG_RULES.referenceUnresolved,
      `XPointer reference '${uri}' is not supported (only '' and '#id')`,
    );
  }
  const elements = idIndexOf(doc).get(id) ?? [];
  if (elements.length === 0) {
    return fail(XMLDSIG_RULES.referenceUnresolved, `no element has the ID '${id}'`);
  }
  if (elements.length > 1) {
    return fail(
      XMLDSIG_RULES.duplicateId,
      `${elements.length} elements have the ID '${id}': the signed element is ambiguous`,
    );
  }
  return { kind: 'element', element: elements[0] as XmlElement };
}

function fail(ruleId: XmldsigRuleId, message: string): Resolution {
  return { kind: 'problem', problem: problem(ruleId, message) };
}

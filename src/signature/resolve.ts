import type { XmlDocument, XmlElement } from '../xml/dom.js';
import { memo, MemoKey } from '../xml/memo.js';
import { buildIdIndex } from '../xml/query.js';
import { problem, XMLDSIG_RULES, type XmldsigRuleId } from './problems.js';
import type { SignatureProblem } from './types.js';

/** What a Reference URI points to inside the document, or why it points nowhere usable. */
export type Resolution =
  /** `comments`: an XPointer reference, whose node-set keeps comments (XMLDSig §4.3.3.3). */
  | { kind: 'document'; element: XmlElement; comments?: true }
  | { kind: 'element'; element: XmlElement; comments?: true }
  /** Bytes of an external URI the user supplied (`--content uri=file`); nothing is fetched. */
  | { kind: 'detached'; bytes: Uint8Array }
  | { kind: 'problem'; problem: SignatureProblem };

// One ID index per parsed document: built on first use, shared by reader and verifier, kept on
// the document (xml/memo.ts).
const ID_INDEX = new MemoKey<Map<string, XmlElement[]>>('id-index');

function idIndexOf(doc: XmlDocument): Map<string, XmlElement[]> {
  return memo(doc, ID_INDEX, () => buildIdIndex(doc));
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
  let id = uri.slice(1);
  let comments = false;
  if (id.startsWith('xpointer(')) {
    // The two XPointer forms XMLDSig names (§4.3.3.3): the document or an element by ID, with
    // comments. Any other XPointer expression is not evaluated.
    if (id === 'xpointer(/)') return { kind: 'document', element: doc.root, comments: true };
    const byId = /^xpointer\(id\((?:'([^']*)'|"([^"]*)")\)\)$/.exec(id);
    const named = byId?.[1] ?? byId?.[2];
    if (named === undefined) {
      return fail(
        XMLDSIG_RULES.referenceUnresolved,
        `XPointer reference '${uri}' is not supported (only '', '#id', '#xpointer(/)' and '#xpointer(id('id'))')`,
      );
    }
    id = named;
    comments = true;
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
  return { kind: 'element', element: elements[0] as XmlElement, ...(comments ? { comments } : {}) };
}

function fail(ruleId: XmldsigRuleId, message: string): Resolution {
  return { kind: 'problem', problem: problem(ruleId, message) };
}

import type { XmlElement } from '../xml/dom.js';
import { elementPath } from '../xml/path.js';
import { matchGlob, matchesAny } from './glob.js';
import { PathEvaluator } from './paths.js';
import type { Doctype } from './types.js';

/** At most this many envelopes are opened around one business document. */
export const MAX_ENVELOPES = 4;

export interface Envelope {
  doctype: Doctype;
  element: XmlElement;
  path: string;
}

export type Recognition =
  | { kind: 'known'; doctype: Doctype; version?: string; root: XmlElement; envelopes: Envelope[] }
  | { kind: 'unknown'; root: XmlElement; envelopes: Envelope[] }
  | {
      kind: 'version-refused';
      doctype: Doctype;
      version?: string;
      root: XmlElement;
      envelopes: Envelope[];
    }
  | { kind: 'empty-envelope'; doctype: Doctype; root: XmlElement; envelopes: Envelope[] };

function names(d: Doctype): string[] {
  return Array.isArray(d.match.localName) ? d.match.localName : [d.match.localName];
}

/** The definition whose root name and namespace glob match, and the version it reads. */
export function matchDoctype(
  doctypes: readonly Doctype[],
  root: XmlElement,
): { doctype: Doctype; version?: string } | undefined {
  for (const doctype of doctypes) {
    if (!names(doctype).some((n) => n === '*' || n === root.localName)) continue;
    const ns = matchGlob(doctype.match.namespace, root.namespaceURI ?? '');
    if (!ns) continue;
    return { doctype, version: versionOf(doctype, root, ns.captured) };
  }
  return undefined;
}

function versionOf(doctype: Doctype, root: XmlElement, captured?: string): string | undefined {
  const v = doctype.version;
  if (!v) return undefined;
  if (v.from === 'namespace') return captured ?? v.default;
  const attribute = root.attributes.find((a) => a.localName === v.attribute && !a.namespaceURI);
  return attribute?.value.trim() ?? v.default;
}

/**
 * Recognises the business document: matches the root, and while it is an envelope (SOAP,
 * SMEV 3, a customs container) opens it at its payload path and matches again.
 */
export function recognise(doctypes: readonly Doctype[], documentRoot: XmlElement): Recognition {
  const envelopes: Envelope[] = [];
  let root = documentRoot;
  for (;;) {
    const found = matchDoctype(doctypes, root);
    if (!found) return { kind: 'unknown', root, envelopes };
    const { doctype, version } = found;
    if (
      doctype.match.versions &&
      (version === undefined || !matchesAny(doctype.match.versions, version))
    )
      return { kind: 'version-refused', doctype, version, root, envelopes };
    if (doctype.kind !== 'envelope') return { kind: 'known', doctype, version, root, envelopes };
    envelopes.push({ doctype, element: root, path: elementPath(root) });
    const evaluator = new PathEvaluator(doctype.namespaces ?? {}, root);
    let payload: XmlElement | undefined;
    for (const path of doctype.payload?.paths ?? []) {
      payload = evaluator.select(root, path).find((n): n is XmlElement => 'kind' in n);
      if (payload) break;
    }
    if (!payload || envelopes.length > MAX_ENVELOPES)
      return { kind: 'empty-envelope', doctype, root, envelopes };
    root = payload;
  }
}

/** `{namespace}localName` as findings print a root. */
export function qualifiedName(el: XmlElement): string {
  return `{${el.namespaceURI ?? ''}}${el.localName}`;
}

export function describeDoctype(d: Doctype): string {
  return `${d.id} ({${d.match.namespace}}${names(d).join('|')})`;
}

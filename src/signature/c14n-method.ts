import { algorithmByUri } from '../algorithms/registry.js';

export type C14nMethod = 'c14n10' | 'c14n11' | 'exc-c14n';

export interface C14nChoice {
  method: C14nMethod;
  withComments: boolean;
}

/** Registry id → what the canonicalizer needs. */
const BY_ID = new Map<string, C14nChoice>([
  ['c14n10', { method: 'c14n10', withComments: false }],
  ['c14n10-comments', { method: 'c14n10', withComments: true }],
  ['c14n11', { method: 'c14n11', withComments: false }],
  ['c14n11-comments', { method: 'c14n11', withComments: true }],
  ['exc-c14n', { method: 'exc-c14n', withComments: false }],
  ['exc-c14n-comments', { method: 'exc-c14n', withComments: true }],
]);

/** The canonicalization a URI names, or undefined when it is not a C14N method corridor runs. */
export function c14nForUri(uri: string): C14nChoice | undefined {
  const entry = algorithmByUri(uri);
  return entry?.kind === 'canonicalization' ? BY_ID.get(entry.id) : undefined;
}

/** The canonical URI of a C14N registry id (used when signing). */
export function c14nForId(id: string): C14nChoice | undefined {
  return BY_ID.get(id);
}

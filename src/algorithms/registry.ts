import { isDigestSupported } from '../crypto/digests.js';
import { schemeFor } from '../crypto/schemes/index.js';
import { ALGORITHMS as CATALOGUE } from './catalogue.js';
import type { AlgorithmEntry, AlgorithmKind } from './types.js';

/**
 * The catalogue with `verifiable` derived, never stated: a signature method is verifiable
 * exactly when a registered scheme handles its id (HMAC never is: refused by design), a digest
 * exactly when crypto/digests computes it.
 */
const ALGORITHMS: readonly AlgorithmEntry[] = CATALOGUE.map((entry) => {
  if (entry.kind === 'signature') {
    return { ...entry, verifiable: entry.family !== 'hmac' && schemeFor(entry.id) !== undefined };
  }
  if (entry.kind === 'digest') return { ...entry, verifiable: isDigestSupported(entry.id) };
  return entry;
});

/** Lookup by registry id, by any XML URI or JOSE name and by any OID. Built once at module load. */
const byId = new Map<string, AlgorithmEntry>();
const byUri = new Map<string, AlgorithmEntry>();
const byOid = new Map<string, AlgorithmEntry[]>();

for (const entry of ALGORITHMS) {
  if (byId.has(entry.id)) throw new Error(`duplicate algorithm id ${entry.id}`);
  byId.set(entry.id, entry);
  for (const uri of entry.uris) {
    if (byUri.has(uri)) throw new Error(`URI ${uri} names two algorithms`);
    byUri.set(uri, entry);
  }
  for (const alias of Object.keys(entry.aliases ?? {})) {
    if (!isAliasUri(entry, alias)) throw new Error(`${alias} is not an alias of ${entry.id}`);
  }
  // JOSE names share the lookup, so rules matching a signature's method work for JWS unchanged.
  for (const name of entry.jose ?? []) {
    if (byUri.has(name)) throw new Error(`JOSE name ${name} collides with another identifier`);
    byUri.set(name, entry);
  }
  for (const oid of entry.oids) byOid.set(oid, [...(byOid.get(oid) ?? []), entry]);
}

export function algorithmById(id: string): AlgorithmEntry | undefined {
  return byId.get(id);
}

export function algorithmByUri(uri: string): AlgorithmEntry | undefined {
  return byUri.get(uri);
}

export function algorithmsByOid(oid: string): readonly AlgorithmEntry[] {
  return byOid.get(oid) ?? [];
}

export function allAlgorithms(kind?: AlgorithmKind): readonly AlgorithmEntry[] {
  return kind ? ALGORITHMS.filter((a) => a.kind === kind) : ALGORITHMS;
}

/** True when `uri` is one of the entry's names other than its canonical (first) one. */
export function isAliasUri(entry: AlgorithmEntry, uri: string): boolean {
  return entry.uris.includes(uri) && entry.uris[0] !== uri;
}

import type {
  DataExportRule,
  DocumentConstraint,
  DocumentPolicy,
  ProfileFile,
  SourceRef,
} from './types.js';
import type { DocumentType } from '../documents/model.js';

/**
 * How `extends` merges (documented in the README):
 * - id, name, kind, version, description, members, memberStates and extends are the profile's
 *   own (a profile extending EU does not speak for the EU countries);
 * - objects (signature, encryption, gateway, documents.<type>) merge key by key;
 * - arrays (algorithm lists, signature formats, placement, trust anchors…) are replaced by the
 *   child's;
 * - document constraints and data-export rules accumulate by id: an entry with an inherited
 *   id replaces it, and `disabled: true` removes it;
 * - sources accumulate, deduplicated by id;
 * - rule levels (`rules`) merge key by key: the child's level for a rule wins.
 */
export type MergedPolicies = Pick<
  ProfileFile,
  | 'sources'
  | 'signature'
  | 'encryption'
  | 'documents'
  | 'dataExport'
  | 'gateway'
  | 'confirmed'
  | 'rules'
>;

export function mergePolicies(parent: MergedPolicies, child: ProfileFile): MergedPolicies {
  return {
    confirmed: child.confirmed ?? parent.confirmed,
    sources: mergeById<SourceRef>(parent.sources, child.sources),
    signature: mergeObject(parent.signature, child.signature),
    encryption: mergeObject(parent.encryption, child.encryption),
    gateway: mergeObject(parent.gateway, child.gateway),
    documents: mergeDocuments(parent.documents, child.documents),
    dataExport: withoutDisabled(mergeById<DataExportRule>(parent.dataExport, child.dataExport)),
    rules: mergeObject(parent.rules, child.rules),
  };
}

function mergeObject<T extends object>(parent: T | undefined, child: T | undefined): T | undefined {
  if (!parent) return child;
  if (!child) return parent;
  return { ...parent, ...child };
}

function mergeById<T extends { id: string }>(
  parent: T[] | undefined,
  child: T[] | undefined,
): T[] | undefined {
  if (!parent) return child;
  if (!child) return parent;
  const merged = new Map(parent.map((entry) => [entry.id, entry]));
  for (const entry of child) merged.set(entry.id, entry);
  return [...merged.values()];
}

function withoutDisabled<T>(entries: T[] | undefined): T[] | undefined {
  return entries?.filter((entry) => !(entry as { disabled?: boolean }).disabled);
}

type Documents = NonNullable<ProfileFile['documents']>;

function mergeDocuments(
  parent: Documents | undefined,
  child: Documents | undefined,
): Documents | undefined {
  if (!parent) return normaliseDocuments(child);
  if (!child) return parent;
  const merged: Documents = { ...parent };
  for (const [type, policy] of Object.entries(child) as Array<[DocumentType, DocumentPolicy]>) {
    const inherited = parent[type];
    merged[type] = {
      ...inherited,
      ...policy,
      constraints: withoutDisabled(
        mergeById<DocumentConstraint>(inherited?.constraints, policy.constraints),
      ),
    };
  }
  return merged;
}

function normaliseDocuments(documents: Documents | undefined): Documents | undefined {
  if (!documents) return documents;
  const out: Documents = {};
  for (const [type, policy] of Object.entries(documents) as Array<[DocumentType, DocumentPolicy]>) {
    out[type] = { ...policy, constraints: withoutDisabled(policy.constraints) };
  }
  return out;
}

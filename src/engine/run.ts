import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ParsedDocument } from '../documents/model.js';
import { readDocumentFile, type ReadOptions } from '../documents/read.js';
import type { ProfileSet } from '../profiles/load.js';
import type { ResolvedProfile } from '../profiles/types.js';
import { verifyDocument } from '../signature/verify.js';
import type { SignatureVerification } from '../signature/types.js';
import { UserError } from '../util/errors.js';
import { TOOL } from '../version.js';
import { evaluatePair, type DocumentUnderTest } from './evaluate.js';
import { buildCells } from './cells.js';
import type { MatrixResult, PairResult } from './types.js';

export interface RunOptions {
  kind: 'check' | 'matrix';
  profiles: ProfileSet;
  files: string[];
  asOf: Date;
  /** Receiver profile ids, or 'all' (every jurisdiction and gateway profile). */
  receivers: string[] | 'all';
  /** Sender profile id; default: each document's issuing country. */
  from?: string;
  read?: ReadOptions;
  /** Called after each document, for progress reporting. */
  onDocument?: (done: number, total: number) => void;
}

/**
 * The data path: each document is read once and verified once; then rules run per receiver.
 * Expensive per-profile work (schema compilation, anchor parsing) is cached on the profile.
 */
export function run(options: RunOptions): MatrixResult {
  const receivers = selectReceivers(options.profiles, options.receivers);
  if (options.from !== undefined && !options.profiles.profiles.has(options.from)) {
    throw new UserError(`unknown sender profile: ${options.from} (see \`corridor profiles list\`)`);
  }
  const pairs: PairResult[] = [];
  const documents: MatrixResult['documents'] = [];
  options.files.forEach((file, index) => {
    const subject = prepare(readDocumentFile(file, options.read), options);
    documents.push({
      document: file,
      documentType: subject.document.type ?? 'unknown',
      sender: subject.senderId,
    });
    for (const receiver of receivers) pairs.push(evaluatePair(subject, receiver, options.asOf));
    options.onDocument?.(index + 1, options.files.length);
  });
  const profileIds = [...options.profiles.profiles.keys()].sort();
  return {
    kind: options.kind,
    tool: TOOL,
    asOf: options.asOf.toISOString().slice(0, 10),
    profiles: profileIds,
    profileVersions: Object.fromEntries(
      profileIds.map((id) => [id, options.profiles.profiles.get(id)?.version ?? '']),
    ),
    documents,
    cells: buildCells(pairs),
    pairs,
  };
}

function prepare(document: ParsedDocument, options: RunOptions): DocumentUnderTest {
  const senderId = options.from ?? document.issuingCountry ?? 'unknown';
  const verifications: SignatureVerification[] = document.xml
    ? verifyDocument(document.xml, { asOf: options.asOf })
    : [];
  return { document, verifications, senderId, sender: options.profiles.profiles.get(senderId) };
}

export function selectReceivers(set: ProfileSet, wanted: string[] | 'all'): ResolvedProfile[] {
  if (wanted === 'all') {
    return [...set.profiles.values()]
      .filter((p) => p.kind !== 'baseline')
      .sort((a, b) => a.id.localeCompare(b.id));
  }
  return wanted.map((id) => {
    const profile = set.profiles.get(id);
    if (!profile)
      throw new UserError(`unknown receiver profile: ${id} (see \`corridor profiles list\`)`);
    return profile;
  });
}

/** Documents under a folder (recursively): *.xml and *.json, sorted for stable output. */
export function findDocuments(dir: string): string[] {
  let stat;
  try {
    stat = statSync(dir);
  } catch {
    throw new UserError(`documents folder not found: ${dir}`);
  }
  if (!stat.isDirectory()) return [dir];
  const found: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (/\.(xml|json)$/i.test(entry.name) && entry.name !== 'manifest.json')
        found.push(path);
    }
  }
  return found.sort((a, b) => relative(dir, a).localeCompare(relative(dir, b)));
}

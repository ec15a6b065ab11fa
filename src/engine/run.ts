import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedDocument } from '../documents/model.js';
import { readDocumentFile, type ReadOptions } from '../documents/read.js';
import type { ProfileSet } from '../profiles/load.js';
import { resolveProfileCode } from '../profiles/members.js';
import type { ResolvedProfile } from '../profiles/types.js';
import type { SignatureVerification } from '../signature/types.js';
import { UserError } from '../util/errors.js';
import { withLazy } from '../util/lazy.js';
import { flatString } from '../util/flat-strings.js';
import { Memo } from '../util/memo.js';
import { TOOL } from '../version.js';
import { evaluatePair, type DocumentUnderTest } from './evaluate.js';
import { CellBuilder } from './cells.js';
import { DocumentList, documentEntry, type DocumentEntry } from './document-list.js';
import type { PathSequence } from '../util/path-list.js';
import { attachRoutes } from './routes.js';
import { verifyParsedDocument, type DocumentVerifyOptions } from './verify-document.js';
import { PairSpool } from './pair-spool.js';
import { cellPairsOf, type PackedDocuments } from './pair-pack.js';
import type { PairStage } from './pair-stage.js';
import { countPair, type MatrixResult, type PairResult, type ResultTotals } from './types.js';
import type { RuleLevel } from './rule-levels.js';
import { compareText } from '../util/collate.js';

export interface RunOptions {
  kind: 'check' | 'matrix';
  profiles: ProfileSet;
  /** In order; a matrix packs them (util/path-list.ts). */
  files: PathSequence;
  asOf: Date;
  /** Receiver profile ids, or 'all' (every jurisdiction and gateway profile). */
  receivers: string[] | 'all';
  /**
   * Sender profile id or a member state's code (DE → EU); default: each document's issuing
   * country, resolved the same way.
   */
  from?: string;
  /** Findings kept per document, receiver and rule; the rest become one summary finding. */
  maxFindingsPerRule?: number;
  /** The config file's rule levels: over each receiver profile's `rules`, over the default. */
  ruleLevels?: Readonly<Record<string, RuleLevel>>;
  read?: ReadOptions;
  /** Key material for verification (`--certs`). */
  verify?: Omit<DocumentVerifyOptions, 'asOf' | 'limits'>;
  /** Called after each document, for progress reporting. */
  onDocument?: (done: number, total: number) => void;
  /**
   * false: pairs are counted into cells and `totals` and then dropped (`pairs` stays empty), so
   * memory does not grow with the corpus; for outputs that print no pair (the text grid).
   */
  keepPairs?: boolean;
  /**
   * true: pairs are written to a temporary file as they stream past (`spool`, engine/pair-spool.ts)
   * and read back by the reports, so memory does not grow with the corpus; `pairs` stays empty.
   */
  spoolPairs?: boolean;
  /** Applied to every pair, in order, before cells and counts (rule levels, the baseline). */
  stages?: readonly PairStage[];
}

/** Everything `run` needs except the documents themselves. */
export type EvaluateOptions = Omit<
  RunOptions,
  'files' | 'read' | 'verify' | 'onDocument' | 'keepPairs' | 'spoolPairs' | 'stages'
>;

/** What `run` keeps of the pairs: the options of a run that are not about evaluating. */
type PairOptions = Pick<RunOptions, 'keepPairs' | 'spoolPairs' | 'stages'>;

/** A document read once and verified once: independent of profiles and of the as-of date. */
export interface LoadedDocument {
  document: ParsedDocument;
  verifications: SignatureVerification[];
}

/**
 * The data path: each document is read once and verified once; then rules run per receiver.
 * Expensive per-profile work (schema compilation, anchor parsing) is cached on the profile.
 * Documents are evaluated as they are read, so a long run holds one parsed document at a time.
 */
export function run(options: RunOptions): MatrixResult {
  const evaluation = startEvaluation(options);
  return discardOnError(evaluation, () => {
    let done = 0;
    for (const file of options.files) {
      evaluation.add(loadDocument(file, options.read, options.asOf, options.verify));
      options.onDocument?.(++done, options.files.length);
    }
    return evaluation.result();
  });
}

/**
 * `run` for a command that loads the GOST, SM2 and bign code and libxml2 on first need
 * (util/lazy.ts): a document whose pass needed a module not loaded yet is read and evaluated
 * again once it is loaded — that document only, before anything of it is kept. A corpus with
 * no such document never loads their code (~0.1 s of CPU per run); one with them pays one
 * document twice per module.
 */
export async function runLazily(options: RunOptions): Promise<MatrixResult> {
  const evaluation = startEvaluation(options);
  try {
    let done = 0;
    for (const file of options.files) {
      evaluation.addEvaluated(
        await withLazy(() =>
          evaluateDocument(
            loadDocument(file, options.read, options.asOf, options.verify),
            evaluation.receivers,
            options,
          ),
        ),
      );
      options.onDocument?.(++done, options.files.length);
    }
    return evaluation.result();
  } catch (error) {
    evaluation.discard();
    throw error;
  }
}

/**
 * Evaluates documents that were read and verified before: forecast (one evaluation per date)
 * and profile diff (one per profile set) re-use one parse and one verification per document.
 */
export function evaluateDocuments(
  documents: readonly LoadedDocument[],
  options: EvaluateOptions & PairOptions,
): MatrixResult {
  const evaluation = startEvaluation(options);
  return discardOnError(evaluation, () => {
    for (const loaded of documents) evaluation.add(loaded);
    return evaluation.result();
  });
}

/** Reads and verifies one document. Verification does not depend on the date (trust does). */
export function loadDocument(
  file: string,
  read: ReadOptions | undefined,
  asOf: Date,
  verify: Omit<DocumentVerifyOptions, 'asOf' | 'limits'> = {},
): LoadedDocument {
  const document = readDocumentFile(file, read);
  const verifications = verifyParsedDocument(document, { ...verify, asOf, limits: read?.limits });
  return { document, verifications };
}

/** One document's entry in `documents` and its pairs, one per receiver. */
export interface EvaluatedDocument {
  entry: DocumentEntry;
  pairs: PairResult[];
}

/**
 * Evaluates one read and verified document against the receivers: the sender resolved, one
 * memo shared by its pairs. Worker threads (engine/pool.ts) call it too.
 */
export function evaluateDocument(
  loaded: LoadedDocument,
  receivers: readonly ResolvedProfile[],
  options: EvaluateOptions,
): EvaluatedDocument {
  const subject = subjectOf(loaded, options);
  subject.maxFindingsPerRule = options.maxFindingsPerRule;
  subject.ruleLevels = options.ruleLevels;
  return {
    entry: documentEntry(
      loaded.document.file,
      subject.document.type ?? 'unknown',
      subject.senderId,
      subject.senderCountry,
    ),
    pairs: receivers.map((receiver) => evaluatePair(subject, receiver, options.asOf)),
  };
}

/** The evaluation of a run, fed document by document in order (directly or from workers). */
export interface Evaluation {
  receivers: readonly ResolvedProfile[];
  add(loaded: LoadedDocument): void;
  addEvaluated(evaluated: EvaluatedDocument): void;
  /**
   * How documents evaluated elsewhere are packed for `addPacked` (engine/pair-pack.ts), or
   * undefined when they cannot be: a pair stage (the baseline) or pairs kept in memory need
   * whole pairs.
   */
  pack: { lines: boolean } | undefined;
  addPacked(packed: PackedDocuments): void;
  result(): MatrixResult;
  /** Removes what an evaluation that will not give a result holds (its pair spool). */
  discard(): void;
}

/** Runs `work` on an evaluation; if it throws, the evaluation is discarded first. */
export function discardOnError<R>(evaluation: Evaluation, work: () => R): R {
  try {
    return work();
  } catch (error) {
    evaluation.discard();
    throw error;
  }
}

export function startEvaluation(options: EvaluateOptions & PairOptions): Evaluation {
  const receivers = selectReceivers(options.profiles, options.receivers);
  if (options.from !== undefined && !resolveProfileCode(options.profiles.profiles, options.from)) {
    throw new UserError(
      `unknown sender profile: ${options.from} (neither a profile id nor a member state of one; see \`corridor profiles list\`)`,
    );
  }
  const pairs: PairResult[] = [];
  // Cells are built as pairs stream past; the pairs are kept (in memory or in a temporary
  // file) only when the output prints them.
  const cells = new CellBuilder();
  const keep = options.keepPairs !== false;
  const spool = keep && options.spoolPairs === true ? new PairSpool() : undefined;
  // Compact when the pairs stream (spooled or dropped), so that memory does not grow with the
  // corpus; an array when they are kept in memory anyway (the service's results cross threads).
  const documents: DocumentEntry[] | DocumentList = keep && !spool ? [] : new DocumentList();
  const stages = options.stages ?? [];
  const totals: ResultTotals = {
    pairs: 0,
    okPairs: 0,
    findings: { error: 0, warning: 0, info: 0 },
  };
  const addEvaluated = ({ entry, pairs: evaluated }: EvaluatedDocument): void => {
    documents.push(entry);
    for (const raw of evaluated) {
      let pair = raw;
      for (const stage of stages) pair = stage.apply(pair);
      cells.add(pair);
      if (spool) spool.add(pair);
      else if (keep) pairs.push(pair);
      if (!keep || spool) countPair(totals, pair);
    }
  };
  const pack = stages.length === 0 && (spool || !keep) ? { lines: spool !== undefined } : undefined;
  const addPacked = (packed: PackedDocuments): void => {
    if (!pack) throw new Error('internal: packed documents for an evaluation that needs pairs');
    for (const entry of packed.entries) documents.push(entry);
    for (const pair of cellPairsOf(packed)) {
      cells.add(pair);
      countPair(totals, pair);
    }
    spool?.addLines(packed.lines, packed.pairs);
  };
  return {
    receivers,
    add: (loaded) => addEvaluated(evaluateDocument(loaded, receivers, options)),
    addEvaluated,
    pack,
    addPacked,
    discard: () => spool?.dispose(),
    result: () => {
      const profileIds = [...options.profiles.profiles.keys()].sort();
      let result: MatrixResult = {
        kind: options.kind,
        tool: TOOL,
        asOf: options.asOf.toISOString().slice(0, 10),
        profiles: profileIds,
        profileVersions: Object.fromEntries(
          profileIds.map((id) => [id, options.profiles.profiles.get(id)?.version ?? '']),
        ),
        documents,
        cells: attachRoutes(cells, options.profiles, options.asOf),
        pairs,
        ...(keep && !spool ? {} : { totals }),
        ...(spool ? { spool } : {}),
      };
      for (const stage of stages) if (stage.finish) result = stage.finish(result);
      return result;
    },
  };
}

/**
 * The sender depends on the profile set, so it is resolved per evaluation, not per read. A
 * member state's code becomes its union's profile (matrix rows stay keyed by profile) and the
 * country is kept for the reader; a code no profile speaks for stays as written, without a profile.
 */
function subjectOf(loaded: LoadedDocument, options: EvaluateOptions): DocumentUnderTest {
  const { document, verifications } = loaded;
  const code = options.from ?? document.issuingCountry ?? 'unknown';
  const resolved = resolveProfileCode(options.profiles.profiles, code);
  // One memo per document and evaluation: its pairs share what does not depend on the receiver.
  const memo = new Memo();
  if (!resolved) return { document, verifications, senderId: code, memo };
  return {
    document,
    verifications,
    memo,
    senderId: resolved.profile.id,
    sender: resolved.profile,
    ...(resolved.country ? { senderCountry: resolved.country } : {}),
  };
}

export function selectReceivers(set: ProfileSet, wanted: string[] | 'all'): ResolvedProfile[] {
  if (wanted === 'all') {
    return [...set.profiles.values()]
      .filter((p) => p.kind !== 'baseline')
      .sort((a, b) => compareText(a.id, b.id));
  }
  // A member state's code names its union's profile (--to DE → EU); naming it twice, or by
  // profile and by member, evaluates it once.
  const selected = new Map<string, ResolvedProfile>();
  for (const id of wanted) {
    const resolved = resolveProfileCode(set.profiles, id);
    if (!resolved)
      throw new UserError(
        `unknown receiver profile: ${id} (neither a profile id nor a member state of one; see \`corridor profiles list\`)`,
      );
    selected.set(resolved.profile.id, resolved.profile);
  }
  return [...selected.values()];
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
  // Paths under `dir` while listing and sorting; the full paths made once, in order, each in one
  // piece. A 50,000-document listing that joined full paths and compared them by their relative
  // paths computed anew in each comparison held a short-lived peak that set the peak memory of
  // the whole matrix run (issue #14, flat memory).
  const found: string[] = [];
  const stack = [''];
  while (stack.length > 0) {
    const folder = stack.pop() as string;
    for (const entry of readdirSync(join(dir, folder), { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (/\.(xml|json)$/i.test(entry.name) && entry.name !== 'manifest.json')
        found.push(path);
    }
  }
  found.sort((a, b) => compareText(a, b));
  for (let index = 0; index < found.length; index++)
    found[index] = flatString(join(dir, found[index] as string));
  return found;
}

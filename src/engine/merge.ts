import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { ProfileSet } from '../profiles/load.js';
import { UserError } from '../util/errors.js';
import { CellBuilder } from './cells.js';
import type { DocumentEntry } from './document-list.js';
import { pairLine, PairSpool } from './pair-spool.js';
import { defineMember, readResultMembers, ResultSyntaxError } from './result-reader.js';
import { attachRoutes } from './routes.js';
import {
  countPair,
  type MatrixCell,
  type MatrixResult,
  type PairResult,
  type ResultTotals,
} from './types.js';
import { compareText } from '../util/collate.js';

const SCHEMA_PATH = fileURLToPath(
  new URL('../../schemas/matrix-output.schema.json', import.meta.url),
);

/** A result without its pairs (validated with `pairs: []`), and a pair: compiled once. */
let validators: { result: ValidateFunction; pair: ValidateFunction } | undefined;

function validatorsOf(): { result: ValidateFunction; pair: ValidateFunction } {
  if (!validators) {
    const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object;
    const ajv = new Ajv2020({ strict: false });
    // Named, so that the pair definition is compiled once and shared by both validators.
    const id = 'corridor:matrix-output';
    ajv.addSchema({ ...schema, $id: id });
    const result = ajv.getSchema(id);
    const pair = ajv.getSchema(`${id}#/$defs/pair`);
    if (!result || !pair) throw new Error('internal: the matrix output schema has no pair');
    validators = { result, pair };
  }
  return validators;
}

/** One shard as read: every member but its pairs, which wait in the merge's staging file. */
export interface ShardInput {
  file: string;
  result: Omit<MatrixResult, 'pairs'>;
}

/** Where one document's pairs lie in the staging file: runs of spool lines, in the order read. */
type PairRuns = Array<{ offset: number; bytes: number; count: number }>;

/** Where a cell's first finding of a rule lies in the merged order: document, then position. */
interface FirstSeen {
  document: string;
  index: number;
}

/**
 * The shards' pairs while the shards are read, and what is built from them: the pairs as the
 * spool's lines (pair-spool.ts pairLine) in a temporary file, where each document's lie, the
 * cells and the counts. Memory holds one entry per document and per cell, not the pairs (a shard
 * may hold tens of thousands of documents). Each pair is parsed and serialized once: the lines
 * are copied to the result's spool in document order (`spoolInOrder`). Removed by `dispose()`.
 */
export class ShardPairs {
  readonly cells = new CellBuilder();
  readonly totals: ResultTotals = {
    pairs: 0,
    okPairs: 0,
    findings: { error: 0, warning: 0, info: 0 },
  };
  private readonly dir = mkdtempSync(join(tmpdir(), 'corridor-merge-'));
  private readonly fd = openSync(join(this.dir, 'pairs'), 'w+');
  private size = 0;
  private readonly byDocument = new Map<string, PairRuns>();
  /** Lines not yet written: one write per ~64 K characters, not one per pair. */
  private pending: string[] = [];
  private pendingUnits = 0;
  /**
   * The cells count pairs in the order they arrive, which is shard order: the only thing that
   * order shows is the order of each cell's `findings` keys (first appearance), put right by
   * `cellsInOrder`.
   */
  private readonly firstSeen = new Map<string, Map<string, FirstSeen>>();

  add(pair: PairResult): void {
    this.cells.add(pair);
    countPair(this.totals, pair);
    this.noteFirstFindings(pair);
    const line = pairLine(pair);
    const bytes = Buffer.byteLength(line);
    this.pending.push(line);
    this.pendingUnits += line.length;
    if (this.pendingUnits >= 1 << 16) this.flush();
    let runs = this.byDocument.get(pair.document);
    if (!runs) {
      runs = [];
      this.byDocument.set(pair.document, runs);
    }
    const last = runs.at(-1);
    if (last && last.offset + last.bytes === this.size) {
      last.bytes += bytes;
      last.count += 1;
    } else runs.push({ offset: this.size, bytes, count: 1 });
    this.size += bytes;
  }

  /** Whether any pair of `document` was read. */
  has(document: string): boolean {
    return this.byDocument.has(document);
  }

  /** Copies the pairs of `documents`, in that order, to `spool`. */
  spoolInOrder(documents: readonly string[], spool: PairSpool): void {
    this.flush();
    for (const document of documents) {
      for (const { offset, bytes, count } of this.byDocument.get(document) ?? []) {
        const buffer = Buffer.allocUnsafe(bytes);
        let read = 0;
        while (read < bytes) read += readSync(this.fd, buffer, read, bytes - read, offset + read);
        spool.addLines(buffer.toString('utf8'), count);
      }
    }
  }

  /** `cells` with each cell's `findings` keys in the order pairs in document order give. */
  cellsInOrder(cells: MatrixCell[]): MatrixCell[] {
    for (const cell of cells) {
      const seen = this.firstSeen.get(cellKey(cell.sender, cell.receiver));
      if (!seen) continue;
      const order = Object.keys(cell.findings).sort((a, b) => {
        const x = seen.get(a);
        const y = seen.get(b);
        if (!x || !y) return 0;
        return compareText(x.document, y.document) || x.index - y.index;
      });
      cell.findings = Object.fromEntries(order.map((id) => [id, cell.findings[id] as number]));
    }
    return cells;
  }

  dispose(): void {
    closeSync(this.fd);
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** What CellBuilder counts in `findings`: every finding but info ones. */
  private noteFirstFindings(pair: PairResult): void {
    const key = cellKey(pair.sender, pair.receiver);
    let seen = this.firstSeen.get(key);
    pair.findings.forEach((finding, index) => {
      if (finding.severity === 'info') return;
      seen ??= new Map();
      this.firstSeen.set(key, seen);
      const known = seen.get(finding.ruleId);
      if (
        !known ||
        compareText(pair.document, known.document) < 0 ||
        (pair.document === known.document && index < known.index)
      )
        seen.set(finding.ruleId, { document: pair.document, index });
    });
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingUnits = 0;
  }
}

const cellKey = (sender: string, receiver: string): string => `${sender}\u0000${receiver}`;

/**
 * Reads one `--format json` result, member by member (engine/result-reader.ts): its pairs are
 * validated and go to `pairs`, the rest is kept. Anything else is a user error naming the file.
 */
export function readShard(file: string, pairs: ShardPairs): ShardInput {
  const members: Record<string, unknown> = {};
  const { result, pair: validPair } = validatorsOf();
  let invalidPair: { index: number; error: ErrorObject | undefined } | undefined;
  const pairDocuments = new Set<string>();
  try {
    readResultMembers(file, {
      member: (key, value) => defineMember(members, key, value),
      pair: (value, index) => {
        if (invalidPair) return;
        if (!validPair(value)) {
          invalidPair = { index, error: validPair.errors?.[0] };
          return;
        }
        pairDocuments.add((value as PairResult).document);
        pairs.add(value as PairResult);
      },
    });
  } catch (error) {
    if (error instanceof ResultSyntaxError) throw new UserError(`${file}: not valid JSON`);
    throw new UserError(`${file}: cannot read file`);
  }
  if (!result(members)) return notAResult(file, '', result.errors?.[0]);
  if (invalidPair) return notAResult(file, `/pairs/${invalidPair.index}`, invalidPair.error);
  const { pairs: _staged, ...rest } = members as unknown as MatrixResult;
  // Pairs of a document the result does not list would count in the cells of nothing printed.
  const listed = new Set(Array.from(rest.documents, (d) => d.document));
  for (const document of pairDocuments) {
    if (!listed.has(document))
      throw new UserError(
        `${file}: not a corridor JSON result (pairs of ${document}, which is not in documents)`,
      );
  }
  return { file, result: rest };
}

function notAResult(file: string, prefix: string, error: ErrorObject | undefined): never {
  const path = `${prefix}${error?.instancePath ?? ''}` || '/';
  throw new UserError(`${file}: not a corridor JSON result (${path} ${error?.message ?? ''})`);
}

/** Whether routes must be recomputed, which needs the profiles the shards ran with. */
export function needsProfiles(inputs: readonly ShardInput[]): boolean {
  return inputs.some((input) => input.result.cells.some((cell) => cell.route !== undefined));
}

/**
 * Combines shard results into the result of one run over all their documents: documents in
 * path order, each with its pairs as its shard produced them; cells (and routes) recomputed
 * from the pairs. Results from different dates, kinds or profile versions are refused: their
 * cells would mix two different questions. The pairs stream from the staging file to the
 * result's own spool: memory does not grow with them.
 */
export function mergeResults(
  inputs: readonly ShardInput[],
  staged: ShardPairs,
  profiles?: ProfileSet,
): MatrixResult {
  const first = inputs[0];
  if (!first) throw new UserError('merge needs at least one JSON result');
  for (const input of inputs.slice(1)) {
    const { result } = input;
    if (result.asOf !== first.result.asOf) {
      throw new UserError(
        `cannot merge results of different dates: ${first.file} is as of ${first.result.asOf}, ${input.file} as of ${result.asOf}`,
      );
    }
    if (result.kind !== first.result.kind) {
      throw new UserError(
        `cannot merge a ${first.result.kind} result with a ${result.kind} result`,
      );
    }
    const differs = versionDifference(first.result, result);
    if (differs) {
      throw new UserError(
        `cannot merge results of different profile versions: ${differs} (${first.file} vs ${input.file})`,
      );
    }
  }
  if (profiles) {
    const differs = versionDifference(first.result, {
      profiles: [...profiles.profiles.keys()].sort(),
      profileVersions: Object.fromEntries(
        [...profiles.profiles.values()].map((profile) => [profile.id, profile.version]),
      ),
    });
    if (differs) {
      throw new UserError(
        `the profiles in ${profiles.dir} are not the ones the results were produced with (${differs}); pass --profiles`,
      );
    }
  }

  const owner = new Map<string, string>();
  const documents: DocumentEntry[] = [];
  for (const input of inputs) {
    for (const document of input.result.documents) {
      const seen = owner.get(document.document);
      if (seen !== undefined) {
        throw new UserError(
          `document ${document.document} is in both ${seen} and ${input.file}: shards overlap`,
        );
      }
      owner.set(document.document, input.file);
      documents.push(document);
    }
  }
  documents.sort((a, b) => compareText(a.document, b.document));
  const spool = new PairSpool();
  try {
    staged.spoolInOrder(
      documents.map((d) => d.document),
      spool,
    );
  } catch (error) {
    spool.dispose();
    throw error;
  }
  const cells = profiles
    ? attachRoutes(staged.cells, profiles, new Date(`${first.result.asOf}T00:00:00Z`))
    : staged.cells.cells();
  const merged: MatrixResult = {
    ...first.result,
    documents,
    cells: staged.cellsInOrder(cells),
    pairs: [],
    totals: staged.totals,
    spool,
  };
  delete merged.baseline;
  // A shard's forecast speaks for its documents only.
  delete merged.forecast;
  const baselines = inputs.flatMap((input) =>
    input.result.baseline ? [input.result.baseline] : [],
  );
  if (baselines.length > 0) {
    merged.baseline = {
      suppressed: baselines.reduce((sum, b) => sum + b.suppressed, 0),
      stale: baselines.flatMap((b) => b.stale),
    };
  }
  return merged;
}

function versionDifference(
  a: Pick<MatrixResult, 'profiles' | 'profileVersions'>,
  b: Pick<MatrixResult, 'profiles' | 'profileVersions'>,
): string | undefined {
  const ids = [...new Set([...a.profiles, ...b.profiles])].sort();
  for (const id of ids) {
    const left = a.profileVersions[id];
    const right = b.profileVersions[id];
    if (left !== right) return `${id} ${left ?? 'absent'} vs ${right ?? 'absent'}`;
  }
  return undefined;
}

import { StringDecoder } from 'node:string_decoder';
import {
  appendFileSync,
  closeSync,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../util/errors.js';
import type { PairResult, Severity } from './types.js';

/** Text gathered in memory before one write: what the spool holds at most, per file set. */
const BUFFER_UNITS = 1 << 20;
/** Bytes read per `readSync` when the spool is read back. */
const READ_BYTES = 1 << 20;

/** Spools not yet disposed: removed when the process exits, however it exits. */
const live = new Set<PairSpool>();
let exitHook = false;

/** What the grid formats need of one cell's pairs without reading them (junit, html). */
export interface CellPairStats {
  /** Pairs in the cell. */
  count: number;
  /** Pairs with at least one error finding. */
  failing: number;
  /** Pairs with at least one finding. */
  withFindings: number;
  /** Findings per severity. */
  severities: Record<Severity, number>;
  /** Error findings per rule id, in order of first appearance. */
  errorRules: Map<string, number>;
}

export function emptyStats(): CellPairStats {
  return {
    count: 0,
    failing: 0,
    withFindings: 0,
    severities: { error: 0, warning: 0, info: 0 },
    errorRules: new Map(),
  };
}

export function addToStats(stats: CellPairStats, pair: PairResult): void {
  stats.count += 1;
  if (pair.findings.length > 0) stats.withFindings += 1;
  let failing = false;
  for (const finding of pair.findings) {
    stats.severities[finding.severity] += 1;
    if (finding.severity !== 'error') continue;
    failing = true;
    stats.errorRules.set(finding.ruleId, (stats.errorRules.get(finding.ruleId) ?? 0) + 1);
  }
  if (failing) stats.failing += 1;
}

/** One cell's pairs as read back from the spool: iterable any number of times, in result order. */
export interface SpooledCell extends Iterable<PairResult> {
  stats: CellPairStats;
}

/**
 * Pair results written to a temporary NDJSON file as they stream past, and read back one at a
 * time, as often as the reports need: memory holds one buffer, not the pairs, however many
 * documents (issue #14). Formats that print pairs grouped by cell (junit, html, markdown) get
 * them through `cell()`, which splits the spool into one file per cell in one pass, once.
 * The files live in a folder of the system's temporary directory, removed by `dispose()` or
 * when the process exits.
 */
export class PairSpool implements Iterable<PairResult> {
  readonly dir: string;
  private readonly file: string;
  private fd: number | undefined;
  private pending: string[] = [];
  private pendingUnits = 0;
  private cells: Map<string, SpooledCell> | undefined;
  /** Pairs written. */
  count = 0;

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'corridor-pairs-'));
    this.file = join(this.dir, 'pairs.ndjson');
    this.fd = openSync(this.file, 'w');
    live.add(this);
    if (!exitHook) {
      exitHook = true;
      process.on('exit', () => {
        for (const spool of live) spool.dispose();
      });
    }
  }

  add(pair: PairResult): void {
    this.addLines(pairLine(pair), 1);
  }

  /** `count` pairs already serialized by `pairLine` (in a worker thread: engine/pair-pack.ts). */
  addLines(lines: string, count: number): void {
    if (this.fd === undefined) throw new Error('pair spool: add after reading began');
    this.pending.push(lines);
    this.pendingUnits += lines.length;
    this.count += count;
    if (this.pendingUnits >= BUFFER_UNITS) this.flush();
  }

  private flush(): void {
    if (this.fd === undefined || this.pendingUnits === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingUnits = 0;
    try {
      writeSync(this.fd, text);
    } catch (error) {
      throw new UserError(
        `cannot write pair results to the temporary folder ${this.dir}: ${(error as Error).message} (set TMPDIR to a folder with space)`,
      );
    }
  }

  /** Ends writing: everything written is on disk, and reading may begin. */
  private seal(): void {
    if (this.fd === undefined) return;
    this.flush();
    closeSync(this.fd);
    this.fd = undefined;
  }

  /** The pairs in the order they were added. */
  [Symbol.iterator](): Iterator<PairResult> {
    this.seal();
    return readPairs(this.file);
  }

  /** One cell's pairs, in the order they were added (empty when the cell has none). */
  cell(sender: string, receiver: string): SpooledCell {
    this.cells ??= this.partition();
    return this.cells.get(cellKey(sender, receiver)) ?? spooledCell(undefined, emptyStats());
  }

  /** One pass over the spool: each pair appended to its cell's file, stats counted. */
  private partition(): Map<string, SpooledCell> {
    const cells = new Map<string, { file: string; stats: CellPairStats; pending: string[] }>();
    let pendingUnits = 0;
    const flushAll = (): void => {
      for (const cell of cells.values()) {
        if (cell.pending.length === 0) continue;
        appendFileSync(cell.file, cell.pending.join(''));
        cell.pending = [];
      }
      pendingUnits = 0;
    };
    for (const pair of this) {
      const key = cellKey(pair.sender, pair.receiver);
      let cell = cells.get(key);
      if (!cell) {
        cell = {
          file: join(this.dir, `cell-${cells.size}.ndjson`),
          stats: emptyStats(),
          pending: [],
        };
        cells.set(key, cell);
      }
      addToStats(cell.stats, pair);
      const line = `${JSON.stringify(pair)}\n`;
      cell.pending.push(line);
      pendingUnits += line.length;
      if (pendingUnits >= BUFFER_UNITS) flushAll();
    }
    flushAll();
    return new Map([...cells].map(([key, { file, stats }]) => [key, spooledCell(file, stats)]));
  }

  /** Removes the spool's files; it cannot be read afterwards. */
  dispose(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.pending = [];
    live.delete(this);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** One pair as the spool stores it: a line of NDJSON. */
export const pairLine = (pair: PairResult): string => `${JSON.stringify(pair)}\n`;

const cellKey = (sender: string, receiver: string): string => JSON.stringify([sender, receiver]);

function spooledCell(file: string | undefined, stats: CellPairStats): SpooledCell {
  return {
    stats,
    [Symbol.iterator]: () => (file ? readPairs(file) : [][Symbol.iterator]()),
  };
}

/** Reads an NDJSON file of pairs back, one line at a time, in chunks of READ_BYTES. */
function* readPairs(file: string): Generator<PairResult> {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(READ_BYTES);
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for (;;) {
      const read = readSync(fd, buffer, 0, READ_BYTES, null);
      if (read === 0) break;
      const text = rest + decoder.write(buffer.subarray(0, read));
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line !== '') yield JSON.parse(line) as PairResult;
    }
    rest += decoder.end();
    if (rest !== '') yield JSON.parse(rest) as PairResult;
  } finally {
    closeSync(fd);
  }
}

import { StringDecoder } from 'node:string_decoder';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sink } from '../report/sink.js';
import { UserError } from '../util/errors.js';
import { writeAll, writeAllParts } from '../util/write-all.js';
import type { PairResult, Severity } from './types.js';

/**
 * Bytes gathered before one write. Records are encoded into this buffer as they come (no
 * joined string, no second copy made to encode it); being outside V8's heap, it never makes
 * the old generation grow.
 */
const WRITE_BYTES = 1 << 18;
/** UTF-8 bytes per UTF-16 unit at most: a record of n units fits in 3n bytes. */
const UTF8_PER_UNIT = 3;
/**
 * Bytes gathered for the cell files before they are written (partition), outside V8's heap:
 * each record is encoded here as it is read, and each cell's records go to its file in one
 * writev. Holding them as strings, joined per cell for each write, cost a copy and an encoding
 * more: CPU of a matrix at 1,000 documents, markdown and html -7 %, junit -5 % (issue #14).
 */
const STAGING_BYTES = 1 << 20;
/** Bytes read per `readSync` when the spool is read back. */
const READ_BYTES = 1 << 16;

/**
 * What precedes each record in a spool file. A pair's record is the pair as `--format json`
 * prints it in `pairs` (2-space indent, at depth 2), so a spool file is that array's text but its
 * opening bracket ('[' written as ','): the JSON report copies it through instead of parsing and
 * stringifying each pair again. Inside a record every line after the first is indented 6 spaces,
 * but its closing brace (4): `,\n    {` is found only before records (JSON strings hold no raw
 * newline).
 */
const SEPARATOR = ',\n    ';
const BOUNDARY = `${SEPARATOR}{`;

/**
 * A pair as the JSON report prints it in `pairs`: `JSON.stringify(pair, null, 2)` indented 4
 * more spaces. Stringified inside two arrays, which indents it so, and cut out: re-indenting
 * with a replace costs more than the stringify (bench: 1.6 times). Worker threads may call this
 * and hand the record to `PairSpool.add` with its pair.
 */
export function pairRecord(pair: PairResult): string {
  const json = JSON.stringify([[pair]], null, 2);
  return json.slice(RECORD_OPEN, json.length - RECORD_CLOSE);
}

/** What the two arrays put before a record ("[\n  [\n    ") and after it ("\n  ]\n]"). */
const RECORD_OPEN = 10;
const RECORD_CLOSE = 6;

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
 * Pair results written to a temporary file as they stream past (see SEPARATOR), and read back one at a
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
  private buffer: Buffer | undefined = Buffer.allocUnsafe(WRITE_BYTES);
  private used = 0;
  private cells: Map<string, SpooledCell> | undefined;
  /** Pairs written. */
  count = 0;

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'corridor-pairs-'));
    this.file = join(this.dir, 'pairs.json');
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
    // SEPARATOR and the record are encoded one after the other: `SEPARATOR + record` would be
    // a rope the encoder copies flat first (~24 MB more garbage per 1,000 documents).
    this.addLines(SEPARATOR, 0);
    this.addLines(pairRecord(pair), 1);
  }

  /** `count` pairs already serialized by `pairLine` (in a worker thread: engine/pair-pack.ts). */
  addLines(lines: string, count: number): void {
    this.count += count;
    if (!this.room(lines.length * UTF8_PER_UNIT)) this.writeOut(lines);
    else this.used += (this.buffer as Buffer).write(lines, this.used);
  }

  /** Whether `bytes` more fit in the buffer, once it is written out if need be. */
  private room(bytes: number): boolean {
    if (this.fd === undefined || !this.buffer)
      throw new Error('pair spool: add after reading began');
    if (bytes <= this.buffer.length - this.used) return true;
    this.flush();
    return bytes <= this.buffer.length;
  }

  private flush(): void {
    if (this.used === 0 || !this.buffer) return;
    this.writeOut(this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  private writeOut(data: string | Uint8Array): void {
    if (this.fd === undefined) return;
    try {
      if (typeof data === 'string') writeSync(this.fd, data);
      else writeAll(this.fd, data);
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
    this.buffer = undefined;
  }

  /** The pairs in the order they were added. */
  [Symbol.iterator](): Iterator<PairResult> {
    this.seal();
    return readPairs(this.file);
  }

  /**
   * Writes the pairs as `writeJson` writes an array of them at `indent`, copying the records
   * through; false (nothing written) when the records are not at that depth.
   */
  writeJsonAt(out: Sink, indent: string): boolean {
    if (indent !== '  ') return false;
    this.seal();
    if (this.count === 0) {
      out.write('[]');
      return true;
    }
    // The file opens with SEPARATOR, which is the array's opening but its bracket.
    if (out.writeBytes) {
      out.write('[');
      let skip = 1;
      for (const bytes of readBytes(this.file)) {
        out.writeBytes(skip ? bytes.subarray(skip) : bytes);
        skip = 0;
      }
    } else {
      let first = true;
      for (const text of readText(this.file)) {
        out.write(first ? `[${text.slice(1)}` : text);
        first = false;
      }
    }
    out.write(`\n${indent}]`);
    return true;
  }

  /**
   * One cell's pairs, in the order they were added (empty when the cell has none). The spool
   * is split by cell on the first read of any cell's pairs or counts, not here: the formats
   * that walk pairs in result order (csv, sarif, github) build the report's rows, which name
   * every cell, and never read one; splitting for them was a pass over every pair and a second
   * copy of the spool on disk (issue #14).
   */
  cell(sender: string, receiver: string): SpooledCell {
    const split = (): SpooledCell => {
      this.cells ??= this.partition();
      return this.cells.get(cellKey(sender, receiver)) ?? spooledCell(undefined, emptyStats());
    };
    return {
      get stats() {
        return split().stats;
      },
      [Symbol.iterator]: () => split()[Symbol.iterator](),
    };
  }

  /**
   * `scan` over the pairs in order, in the same pass that splits the spool by cell when it is
   * not split yet: a format that reads cells and also scans every pair first (the report's
   * unreadable documents: junit, markdown, html) parses the spool once for both (issue #14).
   */
  scanSplitting<T>(scan: (pairs: Iterable<PairResult>) => T): T {
    if (this.cells) return scan(this);
    const cells = new Map<string, PartitionCell>();
    const split = this.splitting(cells);
    // Without `return`: a scan that stops early does not stop the split, finished below.
    const value = scan({ [Symbol.iterator]: () => ({ next: () => split.next() }) });
    while (!split.next().done);
    this.cells = spooledCells(cells);
    return value;
  }

  /** One pass over the spool: each pair appended to its cell's file, stats counted. */
  private partition(): Map<string, SpooledCell> {
    const cells = new Map<string, PartitionCell>();
    for (const split = this.splitting(cells); !split.next().done;);
    return spooledCells(cells);
  }

  /** Splits the spool into `cells`, yielding each pair as it is read. */
  private *splitting(cells: Map<string, PartitionCell>): Generator<PairResult, void, undefined> {
    const staging = Buffer.allocUnsafeSlow(STAGING_BYTES);
    let used = 0;
    const flushAll = (): void => {
      for (const cell of cells.values()) {
        const { ranges } = cell;
        if (ranges.length === 0) continue;
        const parts: Uint8Array[] = [];
        for (let k = 0; k < ranges.length; k += 2)
          parts.push(staging.subarray(ranges[k] as number, ranges[k + 1] as number));
        appendParts(cell.file, parts);
        ranges.length = 0;
      }
      used = 0;
    };
    this.seal();
    for (const record of readRecords(this.file)) {
      const pair = JSON.parse(record) as PairResult;
      const key = cellKey(pair.sender, pair.receiver);
      let cell = cells.get(key);
      if (!cell) {
        cell = {
          file: join(this.dir, `cell-${cells.size}.json`),
          stats: emptyStats(),
          ranges: [],
        };
        cells.set(key, cell);
      }
      addToStats(cell.stats, pair);
      // The record as it was spooled: not stringified again.
      const most = (SEPARATOR.length + record.length) * UTF8_PER_UNIT;
      if (used + most > staging.length) flushAll();
      if (most > staging.length) {
        // Larger than the staging buffer (a pair with huge findings): written on its own, after
        // what its cell had waiting, just flushed.
        appendParts(cell.file, [Buffer.from(SEPARATOR + record, 'utf8')]);
      } else {
        const start = used;
        used += staging.write(SEPARATOR, used, 'latin1');
        used += staging.write(record, used, 'utf8');
        // A cell's records in a row (one receiver) make one range.
        const { ranges } = cell;
        if (ranges.length > 0 && ranges[ranges.length - 1] === start)
          ranges[ranges.length - 1] = used;
        else ranges.push(start, used);
      }
      yield pair;
    }
    flushAll();
  }

  /** Removes the spool's files; it cannot be read afterwards. */
  dispose(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.buffer = undefined;
    live.delete(this);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * One pair as the spool stores it: SEPARATOR, then the pair's record. Lines concatenate (a
 * worker joins a chunk's), and a file of them is the JSON report's pairs array but its first
 * character (',' for '[').
 */
export const pairLine = (pair: PairResult): string => SEPARATOR + pairRecord(pair);

const cellKey = (sender: string, receiver: string): string => JSON.stringify([sender, receiver]);

/**
 * A cell while the spool is split: its file, its counts, and where its records not yet written
 * lie in the staging buffer (start and end offsets, in pairs).
 */
interface PartitionCell {
  file: string;
  stats: CellPairStats;
  ranges: number[];
}

/** Appends `parts` to `file`, in order. */
function appendParts(file: string, parts: readonly Uint8Array[]): void {
  const fd = openSync(file, 'a');
  try {
    writeAllParts(fd, parts);
  } finally {
    closeSync(fd);
  }
}

function spooledCells(cells: Map<string, PartitionCell>): Map<string, SpooledCell> {
  return new Map([...cells].map(([key, { file, stats }]) => [key, spooledCell(file, stats)]));
}

function spooledCell(file: string | undefined, stats: CellPairStats): SpooledCell {
  return {
    stats,
    [Symbol.iterator]: () => (file ? readPairs(file) : [][Symbol.iterator]()),
  };
}

/**
 * Read buffers no reader holds. A report reads the spool many times (once per cell and per
 * pass), and a buffer per read outlived young-generation collections while a large cell was
 * read, so dead 64 KiB buffers waited in the old generation for a full collection: html at
 * 10,000 documents peaked with 4.9 MiB of them against 1.4 MiB at 1,000 (issue #14, flat
 * memory). A reader that is never finished leaves its buffer to the collector.
 */
const spareReadBuffers: Buffer[] = [];

/** Reads a spool file back as bytes, in chunks of READ_BYTES, into one buffer used again for each. */
function* readBytes(file: string): Generator<Uint8Array> {
  const fd = openSync(file, 'r');
  const buffer = spareReadBuffers.pop() ?? Buffer.allocUnsafe(READ_BYTES);
  try {
    for (;;) {
      const read = readSync(fd, buffer, 0, READ_BYTES, null);
      if (read === 0) break;
      yield buffer.subarray(0, read);
    }
  } finally {
    closeSync(fd);
    spareReadBuffers.push(buffer);
  }
}

/** Reads a spool file back as text, in chunks of READ_BYTES. */
function* readText(file: string): Generator<string> {
  const decoder = new StringDecoder('utf8');
  for (const bytes of readBytes(file)) {
    const text = decoder.write(bytes);
    if (text !== '') yield text;
  }
  const end = decoder.end();
  if (end !== '') yield end;
}

/** A spool file's records, one at a time, in order (see SEPARATOR). */
function* readRecords(file: string): Generator<string> {
  let rest = '';
  let first = true;
  for (const chunk of readText(file)) {
    // Every record follows a SEPARATOR; the first one's is not between two records.
    const text = first ? chunk.slice(SEPARATOR.length) : chunk;
    first = false;
    // A boundary may straddle two chunks: the search starts that far back into the rest.
    let from = Math.max(0, rest.length - BOUNDARY.length + 1);
    rest += text;
    let start = 0;
    for (;;) {
      const at = rest.indexOf(BOUNDARY, from);
      if (at < 0) break;
      yield rest.slice(start, at);
      start = at + SEPARATOR.length;
      from = start;
    }
    rest = rest.slice(start);
  }
  if (rest !== '') yield rest;
}

function* readPairs(file: string): Generator<PairResult> {
  for (const record of readRecords(file)) yield JSON.parse(record) as PairResult;
}

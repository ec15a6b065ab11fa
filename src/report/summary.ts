import {
  addToStats,
  emptyStats,
  type CellPairStats,
  type SpooledCell,
} from '../engine/pair-spool.js';
import {
  eachPair,
  type CellStatus,
  type Finding,
  type MatrixCell,
  type MatrixResult,
  type PairResult,
  type Severity,
} from '../engine/types.js';
import { compareText } from '../util/collate.js';

/** One cell's pairs (iterable as often as needed, in result order) and their counts. */
export type CellPairs = SpooledCell;
export type { CellPairStats };

export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
}

export function countSeverities(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then by position, so the most important line is read first. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank[a.severity] - severityRank[b.severity] ||
    (a.location.line ?? Number.MAX_SAFE_INTEGER) - (b.location.line ?? Number.MAX_SAFE_INTEGER) ||
    (a.location.column ?? 0) - (b.location.column ?? 0) ||
    compareText(a.ruleId, b.ruleId)
  );
}

/** Senders in matrix row order: profiles first (as listed), then any other sender ids. */
export function senders(result: MatrixResult): string[] {
  return indexResult(result).senders;
}

/** Receivers in matrix column order: profiles first (as listed), then any other receiver ids. */
export function receivers(result: MatrixResult): string[] {
  return indexResult(result).receivers;
}

export function findCell(
  result: MatrixResult,
  sender: string,
  receiver: string,
): MatrixCell | undefined {
  return indexResult(result).cell(sender, receiver);
}

export function pairsOf(result: MatrixResult, sender: string, receiver: string): PairResult[] {
  return [...indexResult(result).pairs(sender, receiver)];
}

/**
 * What the grid formats look up per cell, indexed in one pass over cells and pairs: searching
 * the pairs once per cell would be quadratic in receivers. A formatter builds it once per report.
 */
export interface ResultIndex {
  senders: string[];
  receivers: string[];
  cell(sender: string, receiver: string): MatrixCell | undefined;
  /**
   * The cell's pairs, in result order, with their counts: read back from the result's spool
   * when it has one (engine/pair-spool.ts), never all held at once then.
   */
  pairs(sender: string, receiver: string): CellPairs;
  /** Findings per severity over every pair. */
  severities: SeverityCounts;
  /** Pairs whose status is ok. */
  okPairs: number;
  /** Pairs evaluated (counted by the producer when it dropped them). */
  pairCount: number;
}

const cellKey = (sender: string, receiver: string): string => JSON.stringify([sender, receiver]);

export function indexResult(result: MatrixResult): ResultIndex {
  const cells = new Map<string, MatrixCell>();
  for (const cell of cellsOf(result)) {
    // The first of duplicate cells wins, as a search in order would find it.
    const key = cellKey(cell.sender, cell.receiver);
    if (!cells.has(key)) cells.set(key, cell);
  }
  const byCell = new Map<string, PairResult[]>();
  const pairSenders = new Set<string>();
  const pairReceivers = new Set<string>();
  const severities: SeverityCounts = { error: 0, warning: 0, info: 0 };
  let okPairs = 0;
  // A spooled result's pairs are counted in `totals` and their cells are in `cells`: the
  // spool is read (and split by cell) only when a format asks for a cell's pairs.
  for (const pair of result.pairs) {
    const key = cellKey(pair.sender, pair.receiver);
    const list = byCell.get(key);
    if (list) list.push(pair);
    else byCell.set(key, [pair]);
    pairSenders.add(pair.sender);
    pairReceivers.add(pair.receiver);
    if (pair.status === 'ok') okPairs += 1;
    for (const finding of pair.findings) severities[finding.severity] += 1;
  }
  const cellSenders = new Set(result.cells.map((cell) => cell.sender));
  const cellReceivers = new Set(result.cells.map((cell) => cell.receiver));
  const ordered = (present: (id: string) => boolean, ...lists: Iterable<string>[]): string[] =>
    orderedUnion(...lists).filter(present);
  return {
    senders: ordered(
      (id) => cellSenders.has(id) || pairSenders.has(id),
      result.profiles,
      cellSenders,
      pairSenders,
    ),
    receivers: ordered(
      (id) => cellReceivers.has(id) || pairReceivers.has(id),
      result.profiles,
      cellReceivers,
      pairReceivers,
    ),
    cell: (sender, receiver) => cells.get(cellKey(sender, receiver)),
    pairs: (sender, receiver) =>
      result.spool
        ? result.spool.cell(sender, receiver)
        : listCell(byCell.get(cellKey(sender, receiver)) ?? []),
    ...(result.totals
      ? {
          severities: { ...result.totals.findings },
          okPairs: result.totals.okPairs,
          pairCount: result.totals.pairs,
        }
      : { severities, okPairs, pairCount: result.pairs.length }),
  };
}

function listCell(pairs: readonly PairResult[]): CellPairs {
  let stats: CellPairStats | undefined;
  return {
    [Symbol.iterator]: () => pairs[Symbol.iterator](),
    get stats() {
      if (!stats) {
        stats = emptyStats();
        for (const pair of pairs) addToStats(stats, pair);
      }
      return stats;
    },
  };
}

function orderedUnion(...lists: Iterable<string>[]): string[] {
  const seen = new Set<string>();
  for (const list of lists) for (const id of list) seen.add(id);
  return [...seen];
}

export const statusLabel: Record<CellStatus, string> = { ok: 'ok', warn: 'warn', fail: 'fail' };

/** "1 problem" / "3 problems". */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Location as `line:col`, `line`, or empty when the finding has no position. */
export function position(finding: Finding): string {
  const { line, column } = finding.location;
  if (line === undefined) return '';
  return column === undefined ? `${line}` : `${line}:${column}`;
}

const worse: Record<CellStatus, number> = { ok: 0, warn: 1, fail: 2 };

/** The worse of two statuses. */
export function worstStatus(a: CellStatus, b: CellStatus): CellStatus {
  return worse[a] >= worse[b] ? a : b;
}

/**
 * The result's cells, or cells derived from its pairs when the producer left them out (a `check`
 * run may), so every formatter can draw a grid.
 */
export function cellsOf(result: MatrixResult): MatrixCell[] {
  if (result.cells.length > 0) return result.cells;
  const byKey = new Map<string, MatrixCell>();
  for (const pair of eachPair(result)) {
    const key = JSON.stringify([pair.sender, pair.receiver]);
    let cell = byKey.get(key);
    if (!cell) {
      cell = {
        sender: pair.sender,
        receiver: pair.receiver,
        status: 'ok',
        documents: 0,
        counts: { ok: 0, warn: 0, fail: 0 },
        findings: {},
        topReasons: [],
      };
      byKey.set(key, cell);
    }
    cell.documents += 1;
    cell.counts[pair.status] += 1;
    cell.status = worstStatus(cell.status, pair.status);
    for (const finding of pair.findings) {
      if (finding.severity === 'info') continue;
      cell.findings[finding.ruleId] = (cell.findings[finding.ruleId] ?? 0) + 1;
      if (!cell.topReasons.includes(finding.message) && cell.topReasons.length < 3) {
        cell.topReasons.push(finding.message);
      }
    }
  }
  return [...byKey.values()];
}

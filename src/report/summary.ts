import type {
  CellStatus,
  Finding,
  MatrixCell,
  MatrixResult,
  PairResult,
  Severity,
} from '../engine/types.js';

/** Every finding of a result, in pair order. */
export function allFindings(result: MatrixResult): Finding[] {
  return result.pairs.flatMap((pair) => pair.findings);
}

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
    a.ruleId.localeCompare(b.ruleId)
  );
}

/** Senders in matrix row order: profiles first (as listed), then any other sender ids. */
export function senders(result: MatrixResult): string[] {
  return orderedUnion(
    result.profiles,
    result.cells.map((cell) => cell.sender),
    result.pairs.map((pair) => pair.sender),
  ).filter((id) => hasSender(result, id));
}

/** Receivers in matrix column order: profiles first (as listed), then any other receiver ids. */
export function receivers(result: MatrixResult): string[] {
  return orderedUnion(
    result.profiles,
    result.cells.map((cell) => cell.receiver),
    result.pairs.map((pair) => pair.receiver),
  ).filter((id) => hasReceiver(result, id));
}

function hasSender(result: MatrixResult, id: string): boolean {
  return result.cells.some((c) => c.sender === id) || result.pairs.some((p) => p.sender === id);
}

function hasReceiver(result: MatrixResult, id: string): boolean {
  return result.cells.some((c) => c.receiver === id) || result.pairs.some((p) => p.receiver === id);
}

function orderedUnion(...lists: string[][]): string[] {
  const seen = new Set<string>();
  for (const list of lists) for (const id of list) seen.add(id);
  return [...seen];
}

export function findCell(
  result: MatrixResult,
  sender: string,
  receiver: string,
): MatrixCell | undefined {
  return cellsOf(result).find((cell) => cell.sender === sender && cell.receiver === receiver);
}

export function pairsOf(result: MatrixResult, sender: string, receiver: string): PairResult[] {
  return result.pairs.filter((pair) => pair.sender === sender && pair.receiver === receiver);
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
  for (const pair of result.pairs) {
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

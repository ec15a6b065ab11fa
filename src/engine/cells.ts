import { RULES } from '../rules/index.js';
import { statusOf } from './evaluate.js';
import type { CellStatus, Finding, MatrixCell, PairResult } from './types.js';
import { compareText } from '../util/collate.js';

const RANK: Record<CellStatus, number> = { ok: 0, warn: 1, fail: 2 };
/** Equally frequent reasons are listed in rule order: the more fundamental mismatch first. */
const RULE_ORDER = new Map(RULES.map((rule, index) => [rule.id, index]));
const ruleOrder = (reason: string) =>
  RULE_ORDER.get(reason.slice(0, reason.indexOf(':'))) ?? RULES.length;

const cellKey = (sender: string, receiver: string): string => `${sender}\u0000${receiver}`;

/**
 * An error a gateway cannot repair by re-signing: content, or a refused signature format (a
 * gateway re-signs in the document's own syntax). Routes need to know whether a cell has one.
 */
export function isContentError(finding: Pick<Finding, 'severity' | 'ruleId'>): boolean {
  return (
    finding.severity === 'error' &&
    (!finding.ruleId.startsWith('signature/') || finding.ruleId === 'signature/format-accepted')
  );
}

/** What a cell reads of a pair (a worker's packed pairs carry only this: engine/pair-pack.ts). */
export interface CellPair {
  sender: string;
  receiver: string;
  status: CellStatus;
  findings: ReadonlyArray<Pick<Finding, 'severity' | 'ruleId' | 'message'>>;
}

interface Entry {
  cell: MatrixCell;
  /**
   * Weight of each reason (`ruleId: message`), by rule id then message: two lookups, where one
   * by the joined text made and hashed a new string for every finding of every pair.
   */
  reasons: Map<string, Map<string, number>>;
  contentErrors: boolean;
}

/**
 * Cells built as pairs stream past: each pair is counted once and can be dropped at once, so
 * building the cells holds one entry per cell and reason, never the pairs.
 */
export class CellBuilder {
  private readonly entries = new Map<string, Entry>();

  add(pair: CellPair): void {
    const key = cellKey(pair.sender, pair.receiver);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {
        cell: {
          sender: pair.sender,
          receiver: pair.receiver,
          status: 'ok',
          documents: 0,
          counts: { ok: 0, warn: 0, fail: 0 },
          findings: {},
          topReasons: [],
        },
        reasons: new Map(),
        contentErrors: false,
      };
      this.entries.set(key, entry);
    }
    const { cell, reasons } = entry;
    const status = statusOf(pair.findings);
    cell.documents++;
    cell.counts[status]++;
    if (RANK[status] > RANK[cell.status]) cell.status = status;
    for (const finding of pair.findings) {
      if (isContentError(finding)) entry.contentErrors = true;
      if (finding.severity === 'info') continue;
      cell.findings[finding.ruleId] = (cell.findings[finding.ruleId] ?? 0) + 1;
      let messages = reasons.get(finding.ruleId);
      if (!messages) {
        messages = new Map();
        reasons.set(finding.ruleId, messages);
      }
      const weight = finding.severity === 'error' ? 1000 : 1;
      messages.set(finding.message, (messages.get(finding.message) ?? 0) + weight);
    }
  }

  /** Whether a pair of the cell has an error no gateway repairs (see isContentError). */
  hasContentErrors(sender: string, receiver: string): boolean {
    return this.entries.get(cellKey(sender, receiver))?.contentErrors ?? false;
  }

  /** The cells, sorted by sender and receiver, each with its three most frequent reasons. */
  cells(): MatrixCell[] {
    return [...this.entries.values()]
      .map(({ cell, reasons }) => ({
        ...cell,
        topReasons: [...reasons]
          .flatMap(([ruleId, messages]) =>
            [...messages].map(([message, weight]): [string, number] => [
              `${ruleId}: ${message}`,
              weight,
            ]),
          )
          .sort(
            (a, b) => b[1] - a[1] || ruleOrder(a[0]) - ruleOrder(b[0]) || compareText(a[0], b[0]),
          )
          .slice(0, 3)
          .map(([reason]) => reason),
      }))
      .sort((a, b) => compareText(a.sender, b.sender) || compareText(a.receiver, b.receiver));
  }
}

/**
 * A cell is one sender→receiver pair over all of the sender's documents: its status is the
 * worst document's, and its reasons are the most frequent findings.
 */
export function buildCells(pairs: Iterable<PairResult>): CellBuilder {
  const builder = new CellBuilder();
  for (const pair of pairs) builder.add(pair);
  return builder;
}

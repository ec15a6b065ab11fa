import { RULES } from '../rules/index.js';
import { statusOf } from './evaluate.js';
import type { CellStatus, MatrixCell, PairResult } from './types.js';

const RANK: Record<CellStatus, number> = { ok: 0, warn: 1, fail: 2 };
/** Equally frequent reasons are listed in rule order: the more fundamental mismatch first. */
const RULE_ORDER = new Map(RULES.map((rule, index) => [rule.id, index]));
const ruleOrder = (reason: string) =>
  RULE_ORDER.get(reason.slice(0, reason.indexOf(':'))) ?? RULES.length;

/**
 * A cell is one sender→receiver pair over all of the sender's documents: its status is the
 * worst document's, and its reasons are the most frequent findings.
 */
export function buildCells(pairs: readonly PairResult[]): MatrixCell[] {
  const cells = new Map<string, { cell: MatrixCell; reasons: Map<string, number> }>();
  for (const pair of pairs) {
    const key = `${pair.sender}\u0000${pair.receiver}`;
    let entry = cells.get(key);
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
      };
      cells.set(key, entry);
    }
    const { cell, reasons } = entry;
    const status = statusOf(pair.findings);
    cell.documents++;
    cell.counts[status]++;
    if (RANK[status] > RANK[cell.status]) cell.status = status;
    for (const finding of pair.findings) {
      if (finding.severity === 'info') continue;
      cell.findings[finding.ruleId] = (cell.findings[finding.ruleId] ?? 0) + 1;
      const reason = `${finding.ruleId}: ${finding.message}`;
      reasons.set(reason, (reasons.get(reason) ?? 0) + (finding.severity === 'error' ? 1000 : 1));
    }
  }
  return [...cells.values()]
    .map(({ cell, reasons }) => ({
      ...cell,
      topReasons: [...reasons.entries()]
        .sort(
          (a, b) => b[1] - a[1] || ruleOrder(a[0]) - ruleOrder(b[0]) || a[0].localeCompare(b[0]),
        )
        .slice(0, 3)
        .map(([reason]) => reason),
    }))
    .sort((a, b) => a.sender.localeCompare(b.sender) || a.receiver.localeCompare(b.receiver));
}

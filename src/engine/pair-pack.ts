import type { CellPair } from './cells.js';
import type { DocumentEntry } from './document-list.js';
import { pairLine } from './pair-spool.js';
import type { EvaluatedDocument } from './run.js';
import type { CellStatus, Severity } from './types.js';

/**
 * A chunk of evaluated documents packed for the trip from a worker thread to the main thread
 * (engine/pool.ts): the pairs already serialized as the spool's lines, and of each pair only
 * what cells and totals read, as numbers into a table of strings. Cloning object graphs of
 * pairs, then serializing them again on the main thread, cost more CPU than evaluating on one
 * thread saved (issue #14): a packed chunk crosses as two strings, a short string table and
 * one Int32Array.
 */
export interface PackedDocuments {
  entries: DocumentEntry[];
  /** The pairs as the pair spool's lines, in order; '' when the run keeps no pair. */
  lines: string;
  /** Pairs in the chunk. */
  pairs: number;
  /** Senders, receivers, rule ids and messages, each once. */
  strings: string[];
  /**
   * Per pair: sender, receiver, status, finding count; then per finding: severity, rule id,
   * message (-1 for info findings: cells do not read their message).
   */
  codes: Int32Array;
}

const STATUS: readonly CellStatus[] = ['ok', 'warn', 'fail'];
const SEVERITY: readonly Severity[] = ['error', 'warning', 'info'];

/** Packs evaluated documents; `lines: false` when the run keeps no pair (text grid only). */
export function packDocuments(
  documents: readonly EvaluatedDocument[],
  { lines }: { lines: boolean },
): PackedDocuments {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const code = (text: string): number => {
    let n = index.get(text);
    if (n === undefined) {
      n = strings.length;
      strings.push(text);
      index.set(text, n);
    }
    return n;
  };
  const codes: number[] = [];
  const text: string[] = [];
  let pairs = 0;
  for (const { pairs: evaluated } of documents) {
    for (const pair of evaluated) {
      pairs += 1;
      if (lines) text.push(pairLine(pair));
      codes.push(
        code(pair.sender),
        code(pair.receiver),
        STATUS.indexOf(pair.status),
        pair.findings.length,
      );
      for (const finding of pair.findings) {
        codes.push(
          SEVERITY.indexOf(finding.severity),
          code(finding.ruleId),
          finding.severity === 'info' ? -1 : code(finding.message),
        );
      }
    }
  }
  return {
    entries: documents.map((d) => d.entry),
    lines: text.join(''),
    pairs,
    strings,
    codes: Int32Array.from(codes),
  };
}

/** The packed pairs as cells and totals read them, in order. */
export function* cellPairsOf(packed: PackedDocuments): Generator<CellPair> {
  const { codes, strings } = packed;
  let at = 0;
  for (let n = 0; n < packed.pairs; n++) {
    const sender = strings[codes[at++]!]!;
    const receiver = strings[codes[at++]!]!;
    const status = STATUS[codes[at++]!]!;
    const count = codes[at++]!;
    const findings: CellPair['findings'][number][] = [];
    for (let f = 0; f < count; f++) {
      const severity = SEVERITY[codes[at++]!]!;
      const ruleId = strings[codes[at++]!]!;
      const message = codes[at++]!;
      findings.push({ severity, ruleId, message: message < 0 ? '' : strings[message]! });
    }
    yield { sender, receiver, status, findings };
  }
}

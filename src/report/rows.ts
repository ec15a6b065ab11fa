import type { ForecastChange } from '../engine/forecast.js';
import {
  eachPair,
  type CellStatus,
  type Finding,
  type GatewayRoute,
  type MatrixCell,
  type MatrixResult,
  type PairResult,
} from '../engine/types.js';
import { routeLookup, type PairRoute } from './cell-routes.js';
import { senderLabel } from './sender-label.js';
import {
  indexResult,
  plural,
  type CellPairs,
  type ResultIndex,
  type SeverityCounts,
} from './summary.js';

/**
 * The report model every formatter reads, built once per report (as Spectral's formatters take
 * flat results plus shared utils): the grid's rows and columns, each cell with its counts,
 * route and reasons, what blocks each row and column, the sender label of a pair, and the
 * documents that cannot be read. A cross-cutting output feature changes this module, and the
 * formatters only decide how to print it. Pairs are referenced, never copied.
 */
export interface ReportRows {
  result: MatrixResult;
  /** Senders in row order, receivers in column order, cells and pairs by key, severity totals. */
  index: ResultIndex;
  /** The present cells, row by row, numbered from 1. */
  cells: CellRow[];
  cell(sender: string, receiver: string): CellRow | undefined;
  /** The route of a pair's sender→receiver cell, for formats that walk findings. */
  route(sender: string, receiver: string): PairRoute;
  /** One line per sender (row) and per receiver (column) on what blocks it. */
  blocking: { senders: LineSummary[]; receivers: LineSummary[] };
  /** Documents that cannot be read, once each, in result order (see UnreadDocument). */
  unread: UnreadDocument[];
  /** Whether the pair belongs to a document that cannot be read (reported once, not per pair). */
  isUnread(pair: PairResult): boolean;
  /** The unread document a pair belongs to, when it does. */
  unreadOf(pair: PairResult): UnreadDocument | undefined;
  /**
   * The pairs in result order for formats that walk findings, a document that cannot be read
   * once (its first pair, with `unread`): its findings are the same for every receiver.
   */
  reportedPairs(): Iterable<{ pair: PairResult; unread?: UnreadDocument }>;
  /**
   * The pairs one document at a time, in result order, with the document's UnreadDocument when
   * it cannot be read: decided as the pairs stream past, without the pass `unread` makes.
   */
  documents(): Iterable<{ pairs: readonly PairResult[]; unread?: UnreadDocument }>;
}

export interface CellRow {
  index: number;
  sender: string;
  receiver: string;
  cell: MatrixCell;
  /**
   * The cell's pairs, in result order, with their counts: iterable as often as needed, read
   * back from the result's spool when it has one (never all held then).
   */
  pairs: CellPairs;
  /** "2/4": documents of the cell's status out of the sender's documents; empty when ok. */
  ratio: string;
  /** "3 of 4 documents fail", "4 documents ok". */
  documentsLine: string;
  /** A failing cell every document of which fails (drawn solid, not striped). */
  failsAll: boolean;
  /** The gateways that carry a failing cell that fails directly; empty otherwise. */
  gateways: GatewayRoute[];
  /** `gateways` by id, comma-separated; undefined when there are none. */
  via?: string;
  /** Findings per severity over the cell's pairs. */
  severities: SeverityCounts;
  /** With `matrix --until`: the cell's status changes after the as-of date, in date order. */
  changes: ForecastChange[];
}

export interface LineSummary {
  id: string;
  line: string;
}

/**
 * A document that cannot be read (a `document/readable` finding) says the same to every
 * receiver: it is reported once, with the receivers it was evaluated for, and its sender and
 * type when they are known.
 */
export interface UnreadDocument {
  document: string;
  documentType: string;
  sender: string;
  senderCountry?: string;
  status: CellStatus;
  receivers: string[];
  /** The findings every receiver got (the first pair's). */
  findings: Finding[];
  /** The first pair, for formats that print a pair. */
  pair: PairResult;
  /** "customs-declaration from RU", "sender and type unknown", "licence, sender unknown". */
  about: string;
  /** Where formats name a sender: "not readable (sender and type unknown)". */
  label: string;
}

const cellKey = (sender: string, receiver: string): string => JSON.stringify([sender, receiver]);

export function reportRows(result: MatrixResult): ReportRows {
  const index = indexResult(result);
  const changes = new Map<string, ForecastChange[]>();
  for (const change of result.forecast?.changes ?? []) {
    const key = cellKey(change.sender, change.receiver);
    changes.set(key, [...(changes.get(key) ?? []), change]);
  }
  let unread: { list: UnreadDocument[]; documents: Map<string, UnreadDocument> } | undefined;
  // A spooled result is split by cell in the same pass: the formats that ask (junit, markdown,
  // html) read its cells too.
  const unreadOnce = () =>
    (unread ??= result.spool
      ? result.spool.scanSplitting(unreadDocuments)
      : unreadDocuments(eachPair(result)));
  // And the other way round: the formats that read a spooled result's cells ask which documents
  // cannot be read too, so the first read of a cell splits it in the pass that finds them.
  const cellPairs = (pairs: CellPairs): CellPairs =>
    result.spool
      ? {
          get stats() {
            unreadOnce();
            return pairs.stats;
          },
          [Symbol.iterator]: () => {
            unreadOnce();
            return pairs[Symbol.iterator]();
          },
        }
      : pairs;
  const cells: CellRow[] = [];
  const byKey = new Map<string, CellRow>();
  for (const sender of index.senders) {
    for (const receiver of index.receivers) {
      const cell = index.cell(sender, receiver);
      if (!cell) continue;
      const row = cellRow(
        cells.length + 1,
        cell,
        cellPairs(index.pairs(sender, receiver)),
        changes.get(cellKey(sender, receiver)) ?? [],
      );
      cells.push(row);
      byKey.set(cellKey(sender, receiver), row);
    }
  }
  const lookup = (sender: string, receiver: string) => byKey.get(cellKey(sender, receiver));
  const bySender = (sender: string) =>
    index.receivers.flatMap((receiver) => lookup(sender, receiver) ?? []);
  const byReceiver = (receiver: string) =>
    index.senders.flatMap((sender) => lookup(sender, receiver) ?? []);
  let blocking: ReportRows['blocking'] | undefined;
  const isUnread = (pair: PairResult): boolean => unreadOnce().documents.has(pair.document);
  // Line summaries skip unreadable documents' pairs; with none, the cells' counts serve.
  const skipUnread = (): Unread => (unreadOnce().list.length > 0 ? isUnread : undefined);
  return {
    result,
    index,
    cells,
    cell: lookup,
    route: routeLookup(result),
    get blocking() {
      blocking ??= {
        senders: index.senders.map((id) => ({
          id,
          line: lineSummary(bySender(id), 'receivers', skipUnread(), result.forecast?.until),
        })),
        receivers: index.receivers.map((id) => ({
          id,
          line: lineSummary(byReceiver(id), 'senders', skipUnread(), result.forecast?.until),
        })),
      };
      return blocking;
    },
    get unread() {
      return unreadOnce().list;
    },
    isUnread,
    unreadOf: (pair) => unreadOnce().documents.get(pair.document),
    *reportedPairs() {
      // Decided one document at a time, as its pairs stream past: a format that only walks the
      // pairs (csv, sarif) reads a spooled result once, not once more for the unread list first.
      for (const { pairs, unread } of documentsOf(result)) {
        if (unread) yield { pair: unread.pair, unread };
        else for (const pair of pairs) yield { pair };
      }
    },
    documents: () => documentsOf(result),
  };
}

function cellRow(
  index: number,
  cell: MatrixCell,
  pairs: CellPairs,
  changes: ForecastChange[],
): CellRow {
  // A getter: the grid formats that never ask do not read a spooled result's pairs for it.
  const severities = (): SeverityCounts => ({ ...pairs.stats.severities });
  const gateways =
    cell.status === 'fail' && cell.route === 'gateway' && cell.routes?.length ? cell.routes : [];
  return {
    index,
    sender: cell.sender,
    receiver: cell.receiver,
    cell,
    pairs,
    ratio: cell.status === 'ok' ? '' : `${cell.counts[cell.status]}/${cell.documents}`,
    documentsLine:
      cell.status === 'ok'
        ? `${plural(cell.documents, 'document')} ok`
        : `${cell.counts[cell.status]} of ${plural(cell.documents, 'document')} ${cell.status}`,
    failsAll: cell.status === 'fail' && cell.counts.fail === cell.documents,
    gateways,
    ...(gateways.length > 0 ? { via: gateways.map((route) => route.via).join(', ') } : {}),
    get severities() {
      return severities();
    },
    changes,
  };
}

/** The rule most often behind a list of failing cells' error findings. */
function topRule(rows: readonly CellRow[], unread: Unread): string | undefined {
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (!unread) {
      for (const [ruleId, count] of row.pairs.stats.errorRules)
        counts.set(ruleId, (counts.get(ruleId) ?? 0) + count);
      continue;
    }
    for (const pair of row.pairs) {
      // A document that cannot be read blocks every receiver alike: it is named on its own.
      if (unread(pair)) continue;
      for (const finding of pair.findings) {
        if (finding.severity === 'error')
          counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
      }
    }
  }
  let best: [string, number] | undefined;
  for (const entry of counts) if (!best || entry[1] > best[1]) best = entry;
  return best?.[0];
}

/**
 * One line on what blocks a row (as sender) or a column (as receiver); with a forecast, how many
 * of its cells change status by `until`.
 */
function someOf(pairs: Iterable<PairResult>, test: (pair: PairResult) => boolean): boolean {
  for (const pair of pairs) if (test(pair)) return true;
  return false;
}

/** Whether a pair is an unreadable document's; undefined when the result has none. */
type Unread = ((pair: PairResult) => boolean) | undefined;

function lineSummary(
  rows: readonly CellRow[],
  other: string,
  unread: Unread,
  until?: string,
): string {
  const changing = rows.filter((row) => row.changes.length > 0).length;
  const one = other.replace(/s$/, '');
  const forecast =
    until && changing > 0
      ? `; ${changing === 1 ? `1 ${one} changes` : `${changing} ${other} change`} status by ${until}`
      : '';
  return blockingLine(rows, other, unread) + forecast;
}

function blockingLine(rows: readonly CellRow[], other: string, unread: Unread): string {
  const failing = rows.filter((row) => row.cell.status === 'fail');
  const routed = failing.filter((row) => row.via).length;
  const warn = rows.filter((row) => row.cell.status === 'warn').length;
  if (failing.length === 0) {
    return warn > 0
      ? `no failures; ${warn} of ${rows.length} ${other} warn`
      : `ok with every ${other.replace(/s$/, '')}`;
  }
  const rule =
    topRule(failing, unread) ??
    (unread && failing.some((row) => someOf(row.pairs, unread))
      ? 'documents that cannot be read'
      : undefined);
  return (
    `fails with ${failing.length} of ${rows.length} ${other}` +
    (routed ? ` (${routed} via a gateway)` : '') +
    (rule ? `; mostly ${rule}` : '')
  );
}

/** A cell state in a forecast: "fail", or "fail ↪" when a gateway still carries the cell. */
export function changeState(status: CellStatus, route: ForecastChange['routeAfter']): string {
  return status === 'fail' && route === 'gateway' ? 'fail ↪' : status;
}

/** "warn → fail from 2029-01-01", "fail ↪ → fail from …" when a gateway route ends. */
export function changeLine(change: ForecastChange): string {
  return `${changeState(change.before, change.routeBefore)} → ${changeState(change.after, change.routeAfter)} from ${change.date}`;
}

/** "EU (DE)" when a member state issued the pair's document, else the sender profile. */
export function pairSender(pair: Pick<PairResult, 'sender' | 'senderCountry'>): string {
  return senderLabel(pair.sender, pair.senderCountry);
}

/**
 * " from EU (DE)" when a member state issued the document, else empty: formats that print a pair
 * under its sender → receiver heading only need to add that news.
 */
export function memberStateNote(pair: Pick<PairResult, 'sender' | 'senderCountry'>): string {
  return pair.senderCountry ? ` from ${pairSender(pair)}` : '';
}

const UNKNOWN = 'unknown';

/** "customs-declaration from RU"; what is not known is said so. */
export function unreadAbout(
  pair: Pick<PairResult, 'documentType' | 'sender' | 'senderCountry'>,
): string {
  const type = pair.documentType !== UNKNOWN;
  const sender = pair.sender !== UNKNOWN;
  if (type && sender) return `${pair.documentType} from ${pairSender(pair)}`;
  if (sender) return `type unknown, from ${pairSender(pair)}`;
  if (type) return `${pair.documentType}, sender unknown`;
  return 'sender and type unknown';
}

/** What makes two receivers' findings the same (everything but the receiver). */
export function sameFindingKey(finding: Finding): unknown[] {
  return [
    finding.ruleId,
    finding.severity,
    finding.message,
    finding.hint,
    finding.location.line,
    finding.location.column,
    finding.location.path,
  ];
}

/**
 * A document cannot be read when it has a `document/readable` finding and every receiver got
 * the same findings: the reader stopped before anything a receiver's profile decides. (A
 * document read with a problem, e.g. a duplicate JSON key, still meets per-receiver rules and
 * is reported per pair.) A document's pairs are adjacent in a result.
 */
function unreadDocuments(pairs: Iterable<PairResult>): {
  list: UnreadDocument[];
  documents: Map<string, UnreadDocument>;
} {
  const list: UnreadDocument[] = [];
  const documents = new Map<string, UnreadDocument>();
  for (const group of documentGroups(pairs)) {
    const unread = unreadGroup(group);
    if (!unread) continue;
    documents.set(unread.document, unread);
    list.push(unread);
  }
  return { list, documents };
}

/** ReportRows.documents: each document's pairs, and whether it cannot be read. */
function* documentsOf(
  result: MatrixResult,
): Generator<{ pairs: readonly PairResult[]; unread?: UnreadDocument }> {
  for (const pairs of documentGroups(eachPair(result))) {
    const unread = unreadGroup(pairs);
    yield unread ? { pairs, unread } : { pairs };
  }
}

/**
 * The pairs one document at a time: a document's pairs are adjacent in a result, and compared
 * by name, as a spooled result's pairs are read afresh on every pass. Only one document's pairs
 * are held at once.
 */
function* documentGroups(pairs: Iterable<PairResult>): Generator<PairResult[]> {
  let group: PairResult[] = [];
  for (const pair of pairs) {
    if (group.length > 0 && group[0]!.document !== pair.document) {
      yield group;
      group = [];
    }
    group.push(pair);
  }
  if (group.length > 0) yield group;
}

/** One document's pairs as an unread document, when they are one (see unreadDocuments). */
function unreadGroup(group: readonly PairResult[]): UnreadDocument | undefined {
  const first = group[0];
  if (!first || !first.findings.some((finding) => finding.ruleId === 'document/readable'))
    return undefined;
  const key = JSON.stringify(first.findings.map(sameFindingKey));
  if (!group.every((pair) => JSON.stringify(pair.findings.map(sameFindingKey)) === key))
    return undefined;
  return {
    document: first.document,
    documentType: first.documentType,
    sender: first.sender,
    ...(first.senderCountry ? { senderCountry: first.senderCountry } : {}),
    status: first.status,
    receivers: group.map((pair) => pair.receiver),
    findings: first.findings,
    pair: first,
    about: unreadAbout(first),
    label: `not readable (${unreadAbout(first)})`,
  };
}

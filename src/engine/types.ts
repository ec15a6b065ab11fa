import type { XmlPosition } from '../xml/dom.js';
import type { DocumentEntries } from './document-list.js';
import type { ForecastChange } from './forecast.js';
import type { PairSpool } from './pair-spool.js';

export type Severity = 'error' | 'warning' | 'info';

export interface FindingLocation {
  /** File path as given to corridor. */
  file: string;
  /** XPath-like path of the element (XML) or JSON pointer (JSON) the finding is about. */
  path?: string;
  line?: number;
  column?: number;
}

/** One mismatch for one document and one sender→receiver pair. */
export interface Finding {
  /** Stable rule id, e.g. `signature/method-accepted`. */
  ruleId: string;
  severity: Severity;
  /** Which message of the rule (`meta.messages` key): what tests and tools match on. */
  messageId: string;
  /** The values of the message template's placeholders. */
  data?: Readonly<Record<string, string>>;
  /** The text, rendered from the rule's template with `data`. */
  message: string;
  location: FindingLocation;
  sender: string;
  receiver: string;
  /** Document id (the file path relative to the run's base). */
  document: string;
  hint?: string;
}

export type CellStatus = 'ok' | 'warn' | 'fail';

/** All findings for one document sent to one receiver. */
export interface PairResult {
  document: string;
  documentType: string;
  sender: string;
  /** The issuing country when the sender profile speaks for it as a member state (EU: DE). */
  senderCountry?: string;
  receiver: string;
  status: CellStatus;
  findings: Finding[];
}

export interface MatrixCell {
  sender: string;
  receiver: string;
  status: CellStatus;
  /** Number of documents from this sender evaluated for this receiver. */
  documents: number;
  /** Documents per status. */
  counts: Record<CellStatus, number>;
  /** Finding counts by rule id (errors and warnings). */
  findings: Record<string, number>;
  /** The most frequent reasons, most frequent first, for a person to read. */
  topReasons: string[];
  /**
   * How the sender can reach the receiver: `direct` (status ok or warn), `gateway` (direct fails,
   * but a gateway profile accepts the documents and re-signs in a form the receiver accepts),
   * `none`. Absent in results from before routes existed.
   */
  route?: CellRoute;
  /** For `route: gateway`: each gateway that works, with what must hold for it to work. */
  routes?: GatewayRoute[];
}

export type CellRoute = 'direct' | 'gateway' | 'none';

export interface GatewayRoute {
  /** Gateway profile id. */
  via: string;
  conditions: string[];
}

/**
 * The result of a run: `check` (some documents, named receivers) and `matrix` (all profiles
 * × all documents) share this shape; formatters render either.
 */
export interface MatrixResult {
  kind: 'check' | 'matrix';
  /** corridor version that produced the result. */
  tool: { name: 'corridor'; version: string };
  asOf: string;
  profiles: string[];
  profileVersions: Record<string, string>;
  documents: DocumentEntries;
  cells: MatrixCell[];
  pairs: PairResult[];
  /** Present when a `--baseline` was applied: what it hid and which entries no longer match. */
  baseline?: BaselineOutcome;
  /**
   * Present only when the producer counted the pairs and dropped them (`pairs` is then empty):
   * the CLI does so for the text grid, which prints none. Never in JSON output.
   */
  totals?: ResultTotals;
  /**
   * Present with `matrix --until`: every cell that changes status (or gateway route) after
   * `asOf`, up to and including `until`, and why (engine/forecast.ts).
   */
  forecast?: MatrixForecast;
  /**
   * Present when the producer spooled the pairs to a temporary file instead of keeping them
   * (`pairs` is then empty and `totals` present): read them with `eachPair`. Never in JSON output.
   */
  spool?: PairSpool;
}

/** A result's pairs in result order: its spool when it has one, else its `pairs`. */
export function eachPair(result: MatrixResult): Iterable<PairResult> {
  return result.spool ?? result.pairs;
}

export interface MatrixForecast {
  until: string;
  changes: ForecastChange[];
}

/** Counts over a result's pairs. */
export interface ResultTotals {
  pairs: number;
  /** Pairs whose status is ok. */
  okPairs: number;
  /** Findings per severity. */
  findings: Record<Severity, number>;
}

export function countPair(
  totals: ResultTotals,
  pair: Pick<PairResult, 'status'> & { findings: ReadonlyArray<Pick<Finding, 'severity'>> },
): void {
  totals.pairs += 1;
  if (pair.status === 'ok') totals.okPairs += 1;
  for (const finding of pair.findings) totals.findings[finding.severity] += 1;
}

/** The totals of a result: its own when it dropped its pairs, else counted from them. */
export function totalsOf(result: MatrixResult): ResultTotals {
  if (result.totals) return result.totals;
  const totals: ResultTotals = {
    pairs: 0,
    okPairs: 0,
    findings: { error: 0, warning: 0, info: 0 },
  };
  for (const pair of result.pairs) countPair(totals, pair);
  return totals;
}

/** One known finding, identified without its message or line so rewording does not matter. */
export interface BaselineEntry {
  ruleId: string;
  sender: string;
  receiver: string;
  document: string;
  /** Element path or JSON pointer of the finding; absent when the finding has none. */
  path?: string;
  /** How many identical findings are known (the same rule can fire twice on one element). */
  count: number;
}

export interface BaselineOutcome {
  /** Findings dropped because the baseline knows them. */
  suppressed: number;
  /** Baseline entries this run evaluated but no longer produced (count = how many are missing). */
  stale: BaselineEntry[];
}

export function positionToLocation(file: string, path: string, pos?: XmlPosition): FindingLocation {
  return pos ? { file, path, line: pos.line, column: pos.column } : { file, path };
}

import type { XmlPosition } from '../xml/dom.js';

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
  documents: Array<{ document: string; documentType: string; sender: string }>;
  cells: MatrixCell[];
  pairs: PairResult[];
}

export function positionToLocation(file: string, path: string, pos?: XmlPosition): FindingLocation {
  return pos ? { file, path, line: pos.line, column: pos.column } : { file, path };
}

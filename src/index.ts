/**
 * corridor's library API (the package's `exports`): the same data path as the CLI — load the
 * profiles, read each document once, verify it once, evaluate the rules per receiver, format.
 * Errors a caller can cause (an unknown profile, an unreadable file, a bad date) throw
 * `UserError` with the CLI's message; document content never throws, it becomes findings.
 */
// The library's functions are synchronous: every family's code is loaded with the library.
import './crypto/eager.js';
import type { ReadOptions } from './documents/read.js';
import { readDocument as readBytes, readDocumentFile } from './documents/read.js';
import type { ParsedDocument } from './documents/model.js';
import { findDocuments, run } from './engine/run.js';
import type { MatrixResult } from './engine/types.js';
import { loadProfiles, type ProfileSet } from './profiles/load.js';
import { formatToString, type Formatter } from './report/index.js';
import { formatters, getFormatter } from './report/all.js';
import type { Sink } from './report/sink.js';
import { ruleMetas } from './rules/docs.js';
import { verifyFiles, type VerifyOutput } from './cli/actions/verify.js';
import { SHIPPED_DOCUMENTS_DIR } from './cli/shipped.js';
import type { DocumentLimits } from './security/limits.js';
import { UserError } from './util/errors.js';
import { parseAsOf } from './cli/options.js';

export { loadProfiles, SHIPPED_PROFILES_DIR, ProfileError } from './profiles/load.js';
export type { ProfileSet } from './profiles/load.js';
export type { ResolvedProfile } from './profiles/types.js';
export { formatters, getFormatter } from './report/all.js';
export type { FormatContext, Formatter, RuleMeta, Sink } from './report/index.js';
export type {
  CellStatus,
  Finding,
  FindingLocation,
  MatrixCell,
  MatrixResult,
  PairResult,
  Severity,
} from './engine/types.js';
export type { ParsedDocument } from './documents/model.js';
export type { DocumentLimits } from './security/limits.js';
export type {
  FileResult,
  OutputProblem,
  SignatureResult,
  VerifyOutput,
} from './cli/actions/verify.js';
export { SHIPPED_DOCUMENTS_DIR } from './cli/shipped.js';
export { UserError } from './util/errors.js';
export { TOOL } from './version.js';

/** Options shared by `check` and `matrix`. */
export interface EvaluateOptions {
  /** A loaded profile set, or a profiles folder (default: the shipped profiles). */
  profiles?: ProfileSet | string;
  /** The evaluation date (algorithm sunsets, certificate validity); default: today, 00:00 UTC. */
  asOf?: Date;
  /** Parser and security limits; the rest keep their defaults. */
  limits?: Partial<DocumentLimits>;
}

export interface CheckOptions extends EvaluateOptions {
  /** Receiver profile ids or member-state codes; default: every profile ('all'). */
  to?: string[] | 'all';
  /** Sender profile id or member-state code; default: each document's issuing country. */
  from?: string;
}

export interface MatrixOptions extends EvaluateOptions {
  /** Documents folder (default: the shipped sample corpus). */
  docs?: string;
}

export interface VerifyOptions {
  /** PEM files (public keys or certificates) to verify with. */
  keys?: string[];
  /** PEM files of trust anchors; enables `trusted`. */
  trust?: string[];
  /** The date trust is judged on; default: today. */
  asOf?: Date;
  /** Refuse larger files unread (bytes). */
  maxBytes?: number;
}

export interface FormatOptions {
  /** Where docs/rules/ is published (e.g. a repository's blob URL): SARIF `helpUri` is set from it. */
  docsBaseUri?: string;
  /** ANSI colour in `text` (default: none). */
  color?: boolean;
  /** Base folder for relative paths in SARIF and GitHub output (default: process.cwd()). */
  cwd?: string;
}

/** Reads and parses one document (a file path, or bytes with the name to report it under). */
export function readDocument(
  file: string,
  bytes?: Uint8Array,
  options: ReadOptions = {},
): ParsedDocument {
  return bytes === undefined ? readDocumentFile(file, options) : readBytes(file, bytes, options);
}

/** `corridor check`: the given documents, for the receivers in `to`. */
export function check(files: readonly string[], options: CheckOptions = {}): MatrixResult {
  return run({
    kind: 'check',
    profiles: profileSet(options.profiles),
    files: [...files],
    asOf: options.asOf ?? parseAsOf(undefined),
    read: { limits: options.limits },
    receivers: options.to ?? 'all',
    from: options.from,
  });
}

/** `corridor matrix`: every document under `docs` against every profile. */
export function matrix(options: MatrixOptions = {}): MatrixResult {
  return run({
    kind: 'matrix',
    profiles: profileSet(options.profiles),
    files: findDocuments(options.docs ?? SHIPPED_DOCUMENTS_DIR),
    asOf: options.asOf ?? parseAsOf(undefined),
    read: { limits: options.limits },
    receivers: 'all',
  });
}

/** `corridor verify`: cryptography (and, with `trust`, the chain) of every signature. */
export function verify(files: readonly string[], options: VerifyOptions = {}): VerifyOutput {
  return verifyFiles(files, {
    key: options.keys,
    trust: options.trust,
    asOf: options.asOf?.toISOString().slice(0, 10),
    maxBytes: options.maxBytes === undefined ? undefined : String(options.maxBytes),
  });
}

/** Renders a result in one of the `formatters` (`text`, `json`, `sarif`, `github`, …). */
export function format(
  result: MatrixResult,
  formatId: string,
  options: FormatOptions = {},
): string {
  return formatToString(formatterOf(formatId), result, formatContext(options));
}

/** As `format`, but writes the report to `out` in pieces (a large result is never one string). */
export function writeFormat(
  result: MatrixResult,
  formatId: string,
  out: Sink,
  options: FormatOptions = {},
): void {
  formatterOf(formatId).write(result, out, formatContext(options));
}

function formatterOf(formatId: string): Formatter {
  const formatter = getFormatter(formatId);
  if (!formatter) {
    throw new UserError(
      `unknown format "${formatId}" (available: ${formatters.map((f) => f.id).join(', ')})`,
    );
  }
  return formatter;
}

function formatContext(options: FormatOptions): Parameters<Formatter['write']>[2] {
  return {
    rules: ruleMetas(options.docsBaseUri),
    color: options.color ?? false,
    cwd: options.cwd ?? process.cwd(),
  };
}

function profileSet(profiles: ProfileSet | string | undefined): ProfileSet {
  return typeof profiles === 'object' ? profiles : loadProfiles(profiles);
}

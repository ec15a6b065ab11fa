import type { MatrixResult } from '../engine/types.js';

/**
 * What the HTTP side hands a worker thread and what it gets back: plain data, structured-cloned
 * across the thread boundary. The worker runs the CLI's data path; the HTTP side never parses a
 * document itself.
 */

/** One uploaded document: the name it is reported under, and its bytes. */
export interface Upload {
  name: string;
  bytes: Uint8Array;
}

export interface CheckTask {
  kind: 'check';
  documents: Upload[];
  from?: string;
  to: string[] | 'all';
  /** YYYY-MM-DD, or undefined for today. */
  asOf?: string;
  failOn: string;
  format: string;
}

export interface VerifyTask {
  kind: 'verify';
  documents: Upload[];
  asOf?: string;
}

/** The matrix over the server's `--docs` corpus on one date. */
export interface MatrixTask {
  kind: 'matrix';
  asOf?: string;
}

/** Renders a result computed before (the cached matrix) in another format. */
export interface FormatTask {
  kind: 'format';
  result: MatrixResult;
  format: string;
}

export type Task = CheckTask | VerifyTask | MatrixTask | FormatTask;

/**
 * `failed`: a finding at or above `failOn` (check), or a signature not valid (verify) — the
 * CLI's exit code 1, which the service answers with 422. `error`: what the CLI reports as a
 * usage error (exit 2): an unknown profile, a bad date or format — answered with 400.
 */
export type TaskOutcome =
  { ok: true; body: string; failed: boolean; result?: MatrixResult } | { ok: false; error: string };

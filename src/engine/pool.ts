import type { Crl } from '../pki/crl.js';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { DocumentLimits } from '../limits.js';
import type { ProfileSet } from '../profiles/load.js';
import { UserError } from '../util/errors.js';
import { startEvaluation, type EvaluatedDocument, type RunOptions } from './run.js';
import type { MatrixResult } from './types.js';
import type { RuleLevel } from './rule-levels.js';

/**
 * Below this many documents `--jobs auto` stays on the main thread. A worker pays its start
 * once (imports, profiles, document types: ~0.9 s CPU each, measured as the CPU difference of
 * --jobs 2 and --jobs 1 over 1,000 documents), what ~400 documents cost to evaluate (~2.4 ms
 * each, bench/scale.ts): with fewer, a second thread cannot win that back.
 */
export const POOL_THRESHOLD = 600;

/** Documents per task: large enough that messaging is noise, small enough to balance. */
const CHUNK = 50;

/** What a worker loads once, when it starts (plain data: it crosses to the thread). */
export interface WorkerSetup {
  profilesDir?: string;
  doctypesDir?: string;
  asOf: string;
  kind: 'check' | 'matrix';
  receivers: string[] | 'all';
  from?: string;
  maxFindingsPerRule?: number;
  ruleLevels?: Record<string, RuleLevel>;
  limits?: Partial<DocumentLimits>;
  /** The `--docs` folder and `--follow-symlinks` (ReadOptions). */
  within?: string;
  followSymlinks?: boolean;
  certificates?: Uint8Array[];
  /** Offline revocation material (engine/revocation-check.ts). */
  crls?: Crl[];
  requireRevocation?: boolean;
  issuers?: Uint8Array[];
}

/** A worker's answer for one chunk: the documents evaluated in order, or a usage error. */
export type ChunkOutcome =
  { ok: true; documents: EvaluatedDocument[] } | { ok: false; error: string };

/** `--jobs`: `auto` uses every core for a corpus above POOL_THRESHOLD, one thread below it. */
export function threadsFor(jobs: number | 'auto', documents: number): number {
  if (jobs === 'auto') return documents >= POOL_THRESHOLD ? Math.min(availableParallelism(), 4) : 1;
  return jobs;
}

/**
 * `run` over worker threads (piscina), each joining once: it loads the profiles and document
 * types once, then evaluates chunks of documents. Results are taken in document order, so the
 * result is the one a single thread produces, byte for byte. The profiles given are the main
 * thread's (the same folder the workers read): cells and routes are built here.
 */
export async function runInPool(
  options: Omit<RunOptions, 'read' | 'verify' | 'profiles'> & { profiles: ProfileSet },
  setup: WorkerSetup,
  threads: number,
  chunk = CHUNK,
): Promise<MatrixResult> {
  const evaluation = startEvaluation(options);
  const filename = workerFile();
  const pool = new Piscina<string[], ChunkOutcome>({
    filename,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: Number.POSITIVE_INFINITY,
    workerData: setup,
    // From source (tests, tsx) a worker needs the TypeScript loader, and only it.
    ...(filename.endsWith('.ts') ? { execArgv: ['--import', 'tsx'] } : {}),
  });
  try {
    const chunks: string[][] = [];
    for (let i = 0; i < options.files.length; i += chunk)
      chunks.push(options.files.slice(i, i + chunk));
    const pending = chunks.map((chunk) => pool.run(chunk));
    // Settled ones are not left unhandled while an earlier chunk is awaited.
    for (const task of pending) task.catch(() => undefined);
    let done = 0;
    for (const task of pending) {
      const outcome = await task;
      if (!outcome.ok) throw new UserError(outcome.error);
      for (const evaluated of outcome.documents) evaluation.addEvaluated(evaluated);
      done += outcome.documents.length;
      options.onDocument?.(done, options.files.length);
    }
  } finally {
    await pool.destroy();
  }
  return evaluation.result();
}

/** pool-worker.js beside this module when compiled, pool-worker.ts when run from source. */
function workerFile(): string {
  const here = new URL(import.meta.url);
  const ext = here.pathname.endsWith('.ts') ? 'ts' : 'js';
  return fileURLToPath(new URL(`./pool-worker.${ext}`, here));
}

import type { Crl } from '../pki/crl.js';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { DocumentLimits } from '../limits.js';
import type { ProfileSet } from '../profiles/load.js';
import type { Task, TaskOutcome } from '../serve/tasks.js';
import { UserError } from '../util/errors.js';
import { startEvaluation, type EvaluatedDocument, type RunOptions } from './run.js';
import type { MatrixResult } from './types.js';
import type { RuleLevel } from './rule-levels.js';

/**
 * The one worker pool of corridor (piscina): `matrix --jobs` and `corridor serve` both run on
 * it. Each worker joins once: it loads the profiles, the document types and their XSD
 * validator when it starts (pool-worker.ts), then takes tasks — a chunk of a matrix's files,
 * or one of the service's requests.
 */

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
export interface PoolConfig {
  profilesDir?: string;
  /** `--doctypes`: definitions added to the shipped ones. */
  doctypesDir?: string;
  /** The service's `--docs` corpus (its matrix task). */
  docsDir?: string;
  limits?: Partial<DocumentLimits>;
}

/** How a matrix's documents are evaluated: sent with each chunk of its files. */
export interface RunSetup {
  asOf: string;
  kind: 'check' | 'matrix';
  receivers: string[] | 'all';
  from?: string;
  maxFindingsPerRule?: number;
  ruleLevels?: Record<string, RuleLevel>;
  /** The `--docs` folder and `--follow-symlinks` (ReadOptions). */
  within?: string;
  followSymlinks?: boolean;
  certificates?: Uint8Array[];
  /** Offline revocation material (engine/revocation-check.ts). */
  crls?: Crl[];
  requireRevocation?: boolean;
  issuers?: Uint8Array[];
}

/** `runInPool`'s setup: what the workers load, and how the documents are evaluated. */
export type WorkerSetup = Omit<PoolConfig, 'docsDir'> & RunSetup;

/** A chunk of a matrix's files, evaluated in order by one worker. */
export interface DocumentsTask {
  kind: 'documents';
  files: string[];
  setup: RunSetup;
}

/** A worker's answer for one chunk: the documents evaluated in order, or a usage error. */
export type ChunkOutcome =
  { ok: true; documents: EvaluatedDocument[] } | { ok: false; error: string };

/** What crosses to a worker: the task and the port it signals its start on. */
export type PooledTask = (Task | DocumentsTask) & { started?: MessagePort };

/** The queue is full: the service answers 503 with Retry-After. */
export class QueueFullError extends Error {
  constructor() {
    super('the server is busy: every worker is working and the queue is full');
    this.name = 'QueueFullError';
  }
}

/** A task ran past its hard deadline and its worker was stopped. */
export class TaskTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`the document was not processed within ${ms} ms`);
    this.name = 'TaskTimeoutError';
  }
}

export interface PoolOptions {
  /** Default: every core but one (the service's HTTP thread keeps one). */
  workers?: number;
  /** Tasks waiting for a worker before new ones are refused (default 16 per worker). */
  maxQueue?: number;
  /**
   * Hard deadline per uploaded document of a service task, from when it starts (0: none). The
   * per-document time budget stops work between phases; this is the backstop for a phase that
   * never ends: piscina terminates that worker and starts a new one.
   */
  deadlineMs?: number;
  config: PoolConfig;
  onError?: (error: unknown) => void;
}

export class WorkPool {
  readonly workers: number;
  readonly maxQueue: number;
  private readonly pool: Piscina<PooledTask, TaskOutcome | ChunkOutcome>;
  private readonly deadlineMs: number;

  constructor(options: PoolOptions) {
    this.workers = options.workers ?? Math.max(1, availableParallelism() - 1);
    this.maxQueue = options.maxQueue ?? this.workers * 16;
    this.deadlineMs = options.deadlineMs ?? 0;
    const filename = workerFile();
    this.pool = new Piscina<PooledTask, TaskOutcome | ChunkOutcome>({
      filename,
      minThreads: this.workers,
      maxThreads: this.workers,
      maxQueue: this.maxQueue,
      idleTimeout: Number.POSITIVE_INFINITY,
      workerData: options.config,
      // From source (tests, `tsx`), a worker thread needs the TypeScript loader, and only it:
      // the parent's own flags may hold an `-e` script, which a worker would run again.
      ...(filename.endsWith('.ts') ? { execArgv: ['--import', 'tsx'] } : {}),
    });
    // A worker that fails (a profile unreadable since the main thread read it) is reported
    // here; it must not end the process.
    this.pool.on('error', (error: unknown) => options.onError?.(error));
  }

  /** True when a new task would be refused: checked before a request body is read. */
  get full(): boolean {
    return this.pool.queueSize >= this.maxQueue;
  }

  get queued(): number {
    return this.pool.queueSize;
  }

  /**
   * Runs a service task. Its deadline is `deadlineMs` per document (the matrix has none: it
   * reads the server's own corpus), counted from when a worker starts it, not while it waits in
   * the queue: the worker says so on a message port that travels with the task.
   */
  async run(task: Task): Promise<TaskOutcome> {
    const units = task.kind === 'check' || task.kind === 'verify' ? task.documents.length : 0;
    return (await this.submit(task, this.deadlineMs * units)) as TaskOutcome;
  }

  /** Evaluates a chunk of a matrix's files, in order. */
  async evaluate(files: string[], setup: RunSetup): Promise<ChunkOutcome> {
    return (await this.submit({ kind: 'documents', files, setup }, 0)) as ChunkOutcome;
  }

  private async submit(
    task: Task | DocumentsTask,
    deadline: number,
  ): Promise<TaskOutcome | ChunkOutcome> {
    if (this.full) throw new QueueFullError();
    if (deadline <= 0) return this.runTask(task);
    const controller = new AbortController();
    const { port1, port2 } = new MessageChannel();
    let timer: NodeJS.Timeout | undefined;
    port1.once('message', () => {
      timer = setTimeout(() => controller.abort(), deadline);
    });
    try {
      return await this.pool.run(
        { ...task, started: port2 },
        { signal: controller.signal, transferList: [port2] },
      );
    } catch (error) {
      if (controller.signal.aborted) throw new TaskTimeoutError(deadline);
      throw queueError(error);
    } finally {
      clearTimeout(timer);
      port1.close();
    }
  }

  private async runTask(task: Task | DocumentsTask): Promise<TaskOutcome | ChunkOutcome> {
    try {
      return await this.pool.run(task);
    } catch (error) {
      throw queueError(error);
    }
  }

  /** Waits for every running and queued task, then stops the threads. */
  async close(): Promise<void> {
    await this.pool.close();
  }

  /** Stops the threads at once (a run that failed does not wait for the rest). */
  async destroy(): Promise<void> {
    await this.pool.destroy();
  }
}

function queueError(error: unknown): unknown {
  return error instanceof Error && /queue is at limit/i.test(error.message)
    ? new QueueFullError()
    : error;
}

/** `--jobs`: `auto` uses every core for a corpus above POOL_THRESHOLD, one thread below it. */
export function threadsFor(jobs: number | 'auto', documents: number): number {
  if (jobs === 'auto') return documents >= POOL_THRESHOLD ? Math.min(availableParallelism(), 4) : 1;
  return jobs;
}

/**
 * `run` over the worker pool: the files go out in chunks, and the answers are taken in document
 * order, so the result is the one a single thread produces, byte for byte. The profiles given
 * are the main thread's (the same folder the workers read): cells and routes are built here.
 */
export async function runInPool(
  options: Omit<RunOptions, 'read' | 'verify' | 'profiles'> & { profiles: ProfileSet },
  setup: WorkerSetup,
  threads: number,
  chunk = CHUNK,
): Promise<MatrixResult> {
  const evaluation = startEvaluation(options);
  const { profilesDir, doctypesDir, limits, ...run } = setup;
  const pool = new WorkPool({
    workers: threads,
    maxQueue: Number.POSITIVE_INFINITY,
    config: { profilesDir, doctypesDir, limits },
  });
  try {
    const pending: Array<Promise<ChunkOutcome>> = [];
    for (let i = 0; i < options.files.length; i += chunk)
      pending.push(pool.evaluate(options.files.slice(i, i + chunk), run));
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
  } catch (error) {
    evaluation.discard();
    throw error;
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

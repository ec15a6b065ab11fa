import type { Crl } from '../pki/crl.js';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort, type ResourceLimits } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { DocumentLimits } from '../limits.js';
import type { Task, TaskOutcome } from '../serve/tasks.js';
import { UserError } from '../util/errors.js';
import { withLazy } from '../util/lazy.js';
import type { PackedDocuments } from './pair-pack.js';
import {
  evaluateDocument,
  loadDocument,
  startEvaluation,
  type EvaluatedDocument,
  type RunOptions,
} from './run.js';
import type { MatrixResult } from './types.js';
import type { RuleLevel } from './rule-levels.js';
import { workerExecArgv } from './worker-exec-argv.js';
import { setV8Flag } from '../util/v8-flags.js';

/**
 * The one worker pool of corridor (piscina): `matrix --jobs` and `corridor serve` both run on
 * it. Each worker joins once: it loads the profiles and the document types when it starts
 * (pool-worker.ts for the service, matrix-worker.ts for a matrix), then takes tasks — a chunk
 * of a matrix's files, or one of the service's requests.
 */

export { POOL_THRESHOLD, threadsFor } from './pool-threads.js';

/** Documents per task at most: messaging is noise against ~60 ms of work, and the last chunks balance. */
const CHUNK = 25;

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

/** A chunk of a matrix's files, evaluated in order by one worker. */
export interface DocumentsTask {
  kind: 'documents';
  files: string[];
  setup: RunSetup;
  /** Answer with the documents packed (engine/pair-pack.ts), not as objects. */
  pack?: { lines: boolean };
}

/** A worker's answer for one chunk: the documents evaluated in order, or a usage error. */
export type ChunkOutcome<T = EvaluatedDocument[]> =
  { ok: true; documents: T } | { ok: false; error: string };

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
  /** V8 heap limits of each worker (default: V8's, as the main thread's). */
  resourceLimits?: ResourceLimits;
  /**
   * Tasks posted to a worker at once (default 1); it runs them one after another. More than one
   * keeps a matrix's worker busy while the main thread, which hands the chunks out, is itself
   * in the middle of evaluating one.
   */
  tasksPerWorker?: number;
  /** `matrix`: the worker that loads the families' code on first need (matrix-worker.ts). */
  worker?: 'service' | 'matrix';
}

export class WorkPool {
  readonly workers: number;
  readonly maxQueue: number;
  readonly resourceLimits: ResourceLimits | undefined;
  private readonly pool: Piscina<PooledTask, TaskOutcome | ChunkOutcome<unknown>>;
  private readonly deadlineMs: number;

  constructor(options: PoolOptions) {
    this.workers = options.workers ?? Math.max(1, availableParallelism() - 1);
    this.maxQueue = options.maxQueue ?? this.workers * 16;
    this.deadlineMs = options.deadlineMs ?? 0;
    this.resourceLimits = options.resourceLimits;
    const filename = workerFile(options.worker ?? 'service');
    this.pool = new Piscina<PooledTask, TaskOutcome | ChunkOutcome<unknown>>({
      filename,
      minThreads: this.workers,
      maxThreads: this.workers,
      maxQueue: this.maxQueue,
      idleTimeout: Number.POSITIVE_INFINITY,
      workerData: options.config,
      ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
      execArgv: workerExecArgv(filename, process.execArgv),
      concurrentTasksPerWorker: options.tasksPerWorker ?? 1,
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

  /** Evaluates a chunk of a matrix's files, in order, answered packed (engine/pair-pack.ts). */
  async evaluatePacked(
    files: string[],
    setup: RunSetup,
    pack: { lines: boolean },
  ): Promise<ChunkOutcome<PackedDocuments>> {
    const task: DocumentsTask = { kind: 'documents', files, setup, pack };
    return (await this.submit(task, 0)) as ChunkOutcome<PackedDocuments>;
  }

  private async submit(
    task: Task | DocumentsTask,
    deadline: number,
  ): Promise<TaskOutcome | ChunkOutcome<unknown>> {
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

  private async runTask(task: Task | DocumentsTask): Promise<TaskOutcome | ChunkOutcome<unknown>> {
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

/**
 * V8's tier-up budget (bytecode executed before a function is considered for the optimizing
 * compiler; V8 11's default is 132 KB) while a matrix runs on several threads. Each isolate
 * compiles its hot functions again, and V8's concurrent compiler then competes with the
 * evaluating threads instead of using an idle core: per-thread CPU (/proc/self/task) of matrix
 * --jobs 2 over 1,000 signed documents showed ~2.2 s in compiler threads against ~1.2 s with
 * --jobs 1. With 300 KB only the hottest functions are optimized: 5.6 -> 4.6 s CPU in total,
 * main thread unchanged (3 runs each). A tiering heuristic: results do not depend on it.
 */
const POOLED_INTERRUPT_BUDGET = 300_000;

/**
 * The young generation of a matrix's worker: at most 12 MiB (4 MiB semi-spaces). With V8's
 * default it grew to 16 MiB semi-spaces, and its old generation kept one more semi-space of
 * headroom: a worker's heap was ~72 MiB at 10,000 documents, and `matrix --jobs auto` (a
 * worker joins from 2,000 documents) peaked at ~232 MiB against ~123 MiB at 1,000 (issue #14).
 * With 12 MiB: ~198 MiB, +2 % CPU and +3 % wall (10,000 documents, 2 threads, 2 runs each);
 * 6 MiB saved 6 MiB more for +5 % CPU, 3 MiB 8 MiB more for +10 %. The limit is set when the
 * worker's isolate is made, so it holds from its start. Matrix workers only: `serve` keeps
 * V8's defaults.
 */
export const MATRIX_WORKER_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 12 };

/**
 * The workers of a matrix over `threads` threads: the main thread is one of them (it evaluates
 * too), so `threads - 1` workers. Started before the main thread loads its own profiles, so
 * that a worker's start overlaps the main thread's.
 */
export function matrixPool(config: Omit<PoolConfig, 'docsDir'>, threads: number): WorkPool {
  setV8Flag(`--interrupt-budget=${POOLED_INTERRUPT_BUDGET}`);
  return new WorkPool({
    workers: threads - 1,
    maxQueue: Number.POSITIVE_INFINITY,
    config,
    worker: 'matrix',
    resourceLimits: MATRIX_WORKER_LIMITS,
    tasksPerWorker: AHEAD_PER_WORKER,
  });
}

/** Tuning of `runInPool` (tests use small chunks so that every thread gets some). */
export interface PoolRunTuning {
  /** Documents per chunk (default: see chunkSize). */
  chunk?: number;
  /** false: the main thread only gathers, the workers evaluate every chunk. */
  mainEvaluates?: boolean;
  /** Called as each chunk is taken in, in document order, with who evaluated it. */
  onChunk?: (by: 'main' | 'worker') => void;
}

/**
 * Chunks a worker holds at most: it goes on to the next while its answers wait for the main
 * thread, which takes them in only between chunks of its own. With 2, a matrix's worker waited
 * for work 10-33 % of the time all through a run (piscina's atomicsWaitLoop in a CPU profile:
 * 875 ms of 6.4 s, 5,000 documents, --jobs 2); with 4, 445 ms, and the run's wall time fell
 * 6 % at 5,000 documents and 3 % at 2,000 (median of 9 interleaved rounds' ratios), for ~5 MiB
 * more peak memory at 10,000 (answers waiting). 6 was no faster than 4 (7 rounds), nor was
 * tapering the 4 near the end of a run, so that the main thread waits less there for chunks it
 * could have evaluated itself (without the taper: wall +1.7 %, 9 rounds, within noise; issue #14).
 */
const AHEAD_PER_WORKER = 4;
/** Chunks the main thread evaluates past the first one not yet taken in (bounds memory). */
const MAIN_AHEAD = 16;

/** A chunk evaluated, waiting for the ones before it to be taken in. */
type Settled =
  | { by: 'main' | 'worker'; documents: EvaluatedDocument[] }
  | { by: 'worker'; packed: PackedDocuments }
  | { error: unknown };

/**
 * `run` over the worker pool and the main thread. The files are cut in chunks; a worker is
 * given its next chunk while it works on one, and the main thread evaluates the next chunk
 * itself whenever no answer is waiting to be taken in, so no thread idles. Chunks are taken in
 * strictly in document order, so the result is the single thread's, byte for byte, and an
 * error is the one the single thread would have met first. Workers answer with their pairs
 * already serialized for the spool (engine/pair-pack.ts) when no pair stage needs them whole.
 */
export async function runInPool(
  options: RunOptions,
  setup: RunSetup,
  pool: WorkPool,
  tuning: PoolRunTuning = {},
): Promise<MatrixResult> {
  const { files } = options;
  const evaluation = startEvaluation(options);
  const size = tuning.chunk ?? chunkSize(files.length, pool.workers + 1);
  const chunks = Math.ceil(files.length / size);
  const filesOf = (i: number): string[] => files.slice(i * size, (i + 1) * size);
  const mainEvaluates = tuning.mainEvaluates !== false || pool.workers === 0;
  const settled = new Map<number, Settled>();
  let next = 0;
  let taken = 0;
  let inWorkers = 0;
  let workersStarted = false;
  /** The first chunk that failed: nothing after it is started. */
  let stop = chunks;
  let wake: (() => void) | undefined;
  const settle = (i: number, outcome: Settled): void => {
    settled.set(i, outcome);
    if ('error' in outcome) stop = Math.min(stop, i + 1);
    wake?.();
  };
  const toWorker = (i: number): void => {
    inWorkers += 1;
    const chunkFiles = filesOf(i);
    const answer: Promise<ChunkOutcome<EvaluatedDocument[] | PackedDocuments>> = evaluation.pack
      ? pool.evaluatePacked(chunkFiles, setup, evaluation.pack)
      : pool.evaluate(chunkFiles, setup);
    answer.then(
      (outcome) => {
        inWorkers -= 1;
        workersStarted = true;
        if (!outcome.ok) settle(i, { error: new UserError(outcome.error) });
        else if (Array.isArray(outcome.documents))
          settle(i, { by: 'worker', documents: outcome.documents });
        else settle(i, { by: 'worker', packed: outcome.documents });
      },
      (error: unknown) => {
        inWorkers -= 1;
        settle(i, { error });
      },
    );
  };
  // Until a worker has answered once (its start: imports, profiles), it holds one chunk: the
  // main thread, whose profiles are loaded, goes on meanwhile.
  const assign = (): void => {
    const limit = pool.workers * (workersStarted || !mainEvaluates ? AHEAD_PER_WORKER : 1);
    while (inWorkers < limit && next < stop) toWorker(next++);
  };
  // As on one thread (runLazily), the families' code loads when a document first needs it: a
  // chunk that needed a module not loaded yet is evaluated again once it is.
  const evaluateHere = async (i: number): Promise<void> => {
    let documents: EvaluatedDocument[];
    try {
      documents = await withLazy(() =>
        filesOf(i).map((file) =>
          evaluateDocument(
            loadDocument(file, options.read, options.asOf, options.verify),
            evaluation.receivers,
            options,
          ),
        ),
      );
    } catch (error) {
      settle(i, { error });
      return;
    }
    // Kept as evaluated until its turn, however far behind a worker's chunk it waits (at most
    // MAIN_AHEAD chunks). Packing it as a worker packs its answers (pair-pack.ts: a string, not
    // a graph) cost the main thread, which is what a pooled run waits for, more than holding it
    // saved: 5,000 documents, 2 threads, wall -3 to -6 % and CPU -3 to -4 % without (medians
    // of 7 and 9 rounds' ratios); peak RSS at 10,000, -f json 141 -> 138 MiB, -f text 130 ->
    // 132 MiB (3 runs each); output byte-identical (issue #14).
    settle(i, { by: 'main', documents });
  };
  try {
    if (mainEvaluates && chunks > 0) await evaluateHere(next++);
    for (;;) {
      assign();
      for (let ready = settled.get(taken); ready; ready = settled.get(taken)) {
        settled.delete(taken);
        taken += 1;
        if ('error' in ready) throw ready.error;
        if ('packed' in ready) evaluation.addPacked(ready.packed);
        else for (const document of ready.documents) evaluation.addEvaluated(document);
        tuning.onChunk?.(ready.by);
        options.onDocument?.(Math.min(taken * size, files.length), files.length);
      }
      if (taken === chunks) break;
      if (mainEvaluates && next < stop && next - taken < MAIN_AHEAD) {
        await evaluateHere(next++);
        // Lets the workers' answers in between two chunks of the main thread's own.
        await new Promise((resolve) => setImmediate(resolve));
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    }
  } catch (error) {
    evaluation.discard();
    throw error;
  }
  return evaluation.result();
}

/**
 * Documents per chunk: a few chunks per thread even for a small corpus (so every thread has
 * work till the end), at most CHUNK (an answer then crosses in one message of ~1 MB).
 */
function chunkSize(files: number, threads: number): number {
  return Math.max(1, Math.min(CHUNK, Math.ceil(files / (threads * 4))));
}

/**
 * The worker's module beside this one: compiled, pool-worker.js (the service) or
 * matrix-worker.js; from source, pool-worker.ts for both, since under tsx a worker thread cannot
 * resolve the dynamic imports of the modules matrix-worker loads on first need.
 */
function workerFile(worker: 'service' | 'matrix'): string {
  const here = new URL(import.meta.url);
  if (here.pathname.endsWith('.ts')) return fileURLToPath(new URL('./pool-worker.ts', here));
  const name = worker === 'matrix' ? 'matrix-worker' : 'pool-worker';
  return fileURLToPath(new URL(`./${name}.js`, here));
}

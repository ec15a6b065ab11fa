import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { PooledTask, Task, TaskOutcome, WorkerConfig } from './tasks.js';

/** The queue is full: the caller answers 503 with Retry-After. */
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
  workers?: number;
  /** Tasks waiting for a worker before new ones are refused. */
  maxQueue?: number;
  /**
   * Hard deadline per document of a task, from when it starts. The per-document time budget
   * stops work between phases; this is the backstop for a phase that never ends: piscina
   * terminates that worker and starts a new one.
   */
  deadlineMs: number;
  config: WorkerConfig;
  onError?: (error: unknown) => void;
}

/**
 * The request worker pool (piscina). Its own module in src/serve/ because no shared pool
 * existed in src/ when the service was written (#14 had not landed one).
 */
export class WorkPool {
  readonly workers: number;
  readonly maxQueue: number;
  private readonly pool: Piscina<PooledTask, TaskOutcome>;
  private readonly deadlineMs: number;

  constructor(options: PoolOptions) {
    this.workers = options.workers ?? Math.max(1, availableParallelism() - 1);
    this.maxQueue = options.maxQueue ?? this.workers * 16;
    this.deadlineMs = options.deadlineMs;
    const filename = workerFile();
    this.pool = new Piscina<PooledTask, TaskOutcome>({
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
   * Runs a task. Its deadline is `deadlineMs` per document (the matrix has none: it reads the
   * server's own corpus), counted from when a worker starts it, not while it waits in the queue:
   * the worker says so on a message port that travels with the task.
   */
  async run(task: Task): Promise<TaskOutcome> {
    if (this.full) throw new QueueFullError();
    const units = task.kind === 'check' || task.kind === 'verify' ? task.documents.length : 0;
    const deadline = this.deadlineMs * units;
    const controller = new AbortController();
    const { port1, port2 } = new MessageChannel();
    let timer: NodeJS.Timeout | undefined;
    if (deadline > 0)
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
      if (error instanceof Error && /queue is at limit/i.test(error.message))
        throw new QueueFullError();
      throw error;
    } finally {
      clearTimeout(timer);
      port1.close();
    }
  }

  /** Waits for every running and queued task, then stops the threads. */
  async close(): Promise<void> {
    await this.pool.close();
  }
}

/** worker.js beside this module when compiled, worker.ts when run from source. */
function workerFile(): string {
  const here = new URL(import.meta.url);
  const ext = here.pathname.endsWith('.ts') ? 'ts' : 'js';
  return fileURLToPath(new URL(`./worker.${ext}`, here));
}

import { verifyFailed, verifyRead, type VerifyOutput } from '../cli/actions/verify.js';
import { displayPaths, exitCodeFor, parseAsOf, parseFailOn } from '../cli/options.js';
import { readDocument, type ReadOptions } from '../documents/read.js';
import { evaluateDocuments, findDocuments, run } from '../engine/run.js';
import type { MatrixResult } from '../engine/types.js';
import { verifyParsedDocument } from '../engine/verify-document.js';
import { format as render } from '../index.js';
import type { PoolConfig } from '../engine/pool.js';
import type { ProfileSet } from '../profiles/load.js';
import { renderVerifyJson } from '../report/verify.js';
import { UserError } from '../util/errors.js';
import type { CheckTask, FormatTask, MatrixTask, Task, TaskOutcome, VerifyTask } from './tasks.js';

/** What a worker of the pool loaded once, when it started (engine/pool-worker.ts). */
export interface WorkerState {
  config: PoolConfig;
  profiles: ProfileSet;
  /** The document limits and document types (with their XSD validator). */
  read: ReadOptions;
}

/**
 * A request of `corridor serve`, run in a worker thread of the shared pool (engine/pool.ts) by
 * the CLI's own data path: `check` → read, verify, evaluate, format, as `corridor check` does;
 * `verify` → the `corridor verify` JSON. CPU-heavy work stays off the HTTP thread, and a
 * document that exhausts a worker's memory takes only that worker down. A usage error is thrown
 * as a UserError (the worker answers it as a 400).
 */
export function handleTask(task: Task, state: WorkerState): TaskOutcome {
  switch (task.kind) {
    case 'check':
      return check(task, state);
    case 'verify':
      return verify(task, state);
    case 'matrix':
      return matrix(task, state);
    case 'format':
      return format(task);
  }
}

function check(task: CheckTask, { config, profiles, read }: WorkerState): TaskOutcome {
  const asOf = parseAsOf(task.asOf);
  const failOn = parseFailOn(task.failOn, 'error');
  // Read once and verified once per document, as `check` does with a file.
  const loaded = task.documents.map(({ name, bytes }) => {
    const document = readDocument(name, bytes, read);
    return {
      document,
      verifications: verifyParsedDocument(document, { asOf, limits: config.limits }),
    };
  });
  const result = evaluateDocuments(loaded, {
    kind: 'check',
    profiles,
    asOf,
    receivers: task.to,
    from: task.from,
  });
  return {
    ok: true,
    body: formatted(result, task.format),
    failed: exitCodeFor(result, failOn) === 1,
  };
}

function verify(task: VerifyTask, { config, read }: WorkerState): TaskOutcome {
  const asOf = parseAsOf(task.asOf);
  const output: VerifyOutput = {
    results: task.documents.map(({ name, bytes }) =>
      verifyRead(readDocument(name, bytes, read), { asOf, limits: config.limits }),
    ),
  };
  return { ok: true, body: renderVerifyJson(output), failed: verifyFailed(output) };
}

function matrix(task: MatrixTask, { config, profiles, read }: WorkerState): TaskOutcome {
  const asOf = parseAsOf(task.asOf);
  if (!config.docsDir) throw new UserError('the service was started without a documents folder');
  const result: MatrixResult = run({
    kind: 'matrix',
    profiles,
    files: displayPaths(findDocuments(config.docsDir)),
    asOf,
    read,
    receivers: 'all',
  });
  return { ok: true, body: '', failed: false, result };
}

function format(task: FormatTask): TaskOutcome {
  return { ok: true, body: formatted(task.result, task.format), failed: false };
}

/** The library's `format`: the CLI's formatters; an unknown format is a UserError (400). */
function formatted(result: MatrixResult, format: string): string {
  return render(result, format);
}

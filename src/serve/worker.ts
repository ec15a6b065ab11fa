import { workerData } from 'piscina';
// A worker serves many requests: every family's code, loaded once when it starts.
import '../crypto/eager.js';
import { verifyFailed, verifyRead, type VerifyOutput } from '../cli/actions/verify.js';
import { displayPaths, exitCodeFor, parseAsOf, parseFailOn } from '../cli/options.js';
import { loadDoctypes, shippedDoctypes } from '../doctypes/load.js';
import { loadXsdEngine } from '../doctypes/xsd.js';
import { readDocument, type ReadOptions } from '../documents/read.js';
import { evaluateDocuments, findDocuments, run } from '../engine/run.js';
import type { MatrixResult } from '../engine/types.js';
import { verifyParsedDocument } from '../engine/verify-document.js';
import { format as render } from '../index.js';
import { loadProfiles } from '../profiles/load.js';
import { renderVerifyJson } from '../report/verify.js';
import { UserError } from '../util/errors.js';
import type {
  CheckTask,
  FormatTask,
  MatrixTask,
  PooledTask,
  TaskOutcome,
  VerifyTask,
  WorkerConfig,
} from './tasks.js';

/**
 * A worker thread of `corridor serve`. It loads the profiles once, when the pool starts it, and
 * then runs the CLI's own data path per task: `check` → read, verify, evaluate, format, as
 * `corridor check` does; `verify` → the `corridor verify` JSON. CPU-heavy work stays off the
 * HTTP thread, and a document that exhausts a worker's memory takes only that worker down.
 */
const config = workerData as WorkerConfig;
const profiles = loadProfiles(config.profilesDir);
// Document types (and the XSD validator, when a definition ships a schema) load once too, as
// documentTypeReadOptions does for the CLI. Imported statically and awaited in the handler, not
// at top level: from source, `tsx` loads this file in a worker thread only as CommonJS.
const doctypes = config.doctypesDir ? loadDoctypes(config.doctypesDir) : shippedDoctypes();
const documentTypes: Promise<Pick<ReadOptions, 'doctypes' | 'xsd'>> = doctypes.doctypes.some(
  (d) => d.xsd?.shipped,
)
  ? loadXsdEngine().then((xsd) => ({ doctypes, xsd }))
  : Promise.resolve({ doctypes });
let read: ReadOptions = { limits: config.limits };

export default async function handle(task: PooledTask): Promise<TaskOutcome> {
  read = { limits: config.limits, ...(await documentTypes) };
  // The pool's deadline runs from here, not from when the task was queued.
  task.started?.postMessage('started');
  task.started?.close();
  try {
    switch (task.kind) {
      case 'check':
        return check(task);
      case 'verify':
        return verify(task);
      case 'matrix':
        return matrix(task);
      case 'format':
        return format(task);
    }
  } catch (error) {
    // Usage errors become 400s; anything else is a bug and propagates (500, logged).
    if (error instanceof UserError) return { ok: false, error: error.message };
    throw error;
  }
}

function check(task: CheckTask): TaskOutcome {
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

function verify(task: VerifyTask): TaskOutcome {
  const asOf = parseAsOf(task.asOf);
  const output: VerifyOutput = {
    results: task.documents.map(({ name, bytes }) =>
      verifyRead(readDocument(name, bytes, read), { asOf, limits: config.limits }),
    ),
  };
  return { ok: true, body: renderVerifyJson(output), failed: verifyFailed(output) };
}

function matrix(task: MatrixTask): TaskOutcome {
  const asOf = parseAsOf(task.asOf);
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

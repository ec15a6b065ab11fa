import { workerData } from 'piscina';
// A worker evaluates many documents and serves many requests: every family's code, loaded once
// when it starts.
import '../crypto/eager.js';
import { loadDoctypes, shippedDoctypes } from '../doctypes/load.js';
import { loadXsdEngine } from '../doctypes/xsd.js';
import type { ReadOptions } from '../documents/read.js';
import { loadProfiles } from '../profiles/load.js';
import { handleTask } from '../serve/handle-task.js';
import type { TaskOutcome } from '../serve/tasks.js';
import { UserError } from '../util/errors.js';
import type { ChunkOutcome, DocumentsTask, PoolConfig, PooledTask } from './pool.js';
import { packDocuments, type PackedDocuments } from './pair-pack.js';
import {
  evaluateDocument,
  loadDocument,
  selectReceivers,
  type EvaluateOptions,
  type EvaluatedDocument,
} from './run.js';

/**
 * A worker thread of engine/pool.ts, shared by `matrix --jobs` and `corridor serve`: profiles,
 * document types and their XSD validator are loaded once, when the thread starts; each task is
 * a chunk of a matrix's files (read, verified and evaluated in order) or a service request.
 */
const config = workerData as PoolConfig;
const profiles = loadProfiles(config.profilesDir);
// As the CLI's documentTypeReadOptions. Awaited in the handler, not at top level: from source,
// tsx loads a worker as CommonJS.
const doctypes = config.doctypesDir ? loadDoctypes(config.doctypesDir) : shippedDoctypes();
const documentTypes: Promise<Pick<ReadOptions, 'doctypes' | 'xsd'>> = doctypes.doctypes.some(
  (d) => d.xsd?.shipped,
)
  ? loadXsdEngine().then((xsd) => ({ doctypes, xsd }))
  : Promise.resolve({ doctypes });

export default async function handle(
  task: PooledTask,
): Promise<ChunkOutcome<EvaluatedDocument[] | PackedDocuments> | TaskOutcome> {
  const types = await documentTypes;
  // The pool's deadline runs from here, not from when the task was queued.
  task.started?.postMessage('started');
  task.started?.close();
  try {
    if (task.kind === 'documents') return evaluateChunk(task, types);
    return handleTask(task, { config, profiles, read: { limits: config.limits, ...types } });
  } catch (error) {
    // Usage errors are answers (exit 2, HTTP 400); anything else is a bug and propagates.
    if (error instanceof UserError) return { ok: false, error: error.message };
    throw error;
  }
}

function evaluateChunk(
  { files, setup, pack }: DocumentsTask,
  types: Pick<ReadOptions, 'doctypes' | 'xsd'>,
): ChunkOutcome<EvaluatedDocument[] | PackedDocuments> {
  const options: EvaluateOptions = {
    kind: setup.kind,
    profiles,
    asOf: new Date(setup.asOf),
    receivers: setup.receivers,
    from: setup.from,
    maxFindingsPerRule: setup.maxFindingsPerRule,
    ruleLevels: setup.ruleLevels,
  };
  const receivers = selectReceivers(profiles, setup.receivers);
  const read: ReadOptions = {
    limits: config.limits,
    within: setup.within,
    followSymlinks: setup.followSymlinks,
    ...types,
  };
  const verify = {
    ...(setup.certificates?.length ? { certificates: setup.certificates } : {}),
    ...(setup.crls?.length ? { crls: setup.crls, issuers: setup.issuers } : {}),
    ...(setup.requireRevocation ? { requireRevocation: true, issuers: setup.issuers } : {}),
  };
  const documents = files.map((file) =>
    evaluateDocument(loadDocument(file, read, options.asOf, verify), receivers, options),
  );
  return { ok: true, documents: pack ? packDocuments(documents, pack) : documents };
}

import { workerData } from 'piscina';
// The service's workers serve many requests: every family's code, loaded once when each starts
// (its handlers are synchronous).
import '../crypto/eager.js';
import { XSD_ENGINE } from '../doctypes/xsd.js';
import type { ReadOptions } from '../documents/read.js';
import { loadProfiles } from '../profiles/load.js';
import { handleTask } from '../serve/handle-task.js';
import type { TaskOutcome } from '../serve/tasks.js';
import { UserError } from '../util/errors.js';
import { evaluateChunk, workerDocumentTypes } from './evaluate-chunk.js';
import type { ChunkOutcome, PoolConfig, PooledTask } from './pool.js';
import type { PackedDocuments } from './pair-pack.js';
import type { EvaluatedDocument } from './run.js';

/**
 * A worker thread of engine/pool.ts for `corridor serve` (and for `matrix --jobs` run from
 * source: see matrix-worker.ts): profiles, document types and their XSD validator are loaded
 * once, when the thread starts; each task is a service request or a chunk of a matrix's files.
 */
const config = workerData as PoolConfig;
const profiles = loadProfiles(config.profilesDir);
// libxml2 loaded now, as everything else. Awaited in the handler, not at top level: from
// source, tsx loads a worker as CommonJS.
const readTypes = workerDocumentTypes(config);
const documentTypes: Promise<Pick<ReadOptions, 'doctypes' | 'xsd'>> = readTypes.xsd
  ? XSD_ENGINE.load().then(() => readTypes)
  : Promise.resolve(readTypes);

export default async function handle(
  task: PooledTask,
): Promise<ChunkOutcome<EvaluatedDocument[] | PackedDocuments> | TaskOutcome> {
  const types = await documentTypes;
  // The pool's deadline runs from here, not from when the task was queued.
  task.started?.postMessage('started');
  task.started?.close();
  try {
    if (task.kind === 'documents') return await evaluateChunk(task, { config, profiles, types });
    return handleTask(task, { config, profiles, read: { limits: config.limits, ...types } });
  } catch (error) {
    // Usage errors are answers (exit 2, HTTP 400); anything else is a bug and propagates.
    if (error instanceof UserError) return { ok: false, error: error.message };
    throw error;
  }
}

import { workerData } from 'piscina';
import { loadProfiles } from '../profiles/load.js';
import { UserError } from '../util/errors.js';
import { withLazy } from '../util/lazy.js';
import { evaluateChunk, workerDocumentTypes, type ChunkWorkerState } from './evaluate-chunk.js';
import type { ChunkOutcome, PoolConfig, PooledTask } from './pool.js';
import type { PackedDocuments } from './pair-pack.js';
import type { EvaluatedDocument } from './run.js';

/**
 * A worker thread of `matrix --jobs` (engine/pool.ts), compiled. It loads the profiles and the
 * document types when it starts; the GOST, SM2 and bign code, pkijs and libxml2 load when a
 * document of its chunks first needs them (util/lazy.ts), as on the main thread. The service's
 * worker (pool-worker.ts), which loads all of them and the service's handlers up front, took
 * ~0.45 s to answer its first task against ~0.24 s for this one, and a corpus of RSA and ECDSA
 * documents needs none of them. From source the pool uses pool-worker.ts instead: under tsx a worker thread
 * cannot resolve the lazy modules' dynamic imports.
 */
const config = workerData as PoolConfig;
const types = workerDocumentTypes(config);
// Under withLazy too: a trust anchor the plain DER reader leaves to pkijs (one with CRL
// distribution points, as real CA certificates often have) loads it here.
const state: Promise<ChunkWorkerState> = withLazy(() => loadProfiles(config.profilesDir)).then(
  (profiles) => ({ config, profiles, types }),
);
// A profile that fails to load is each task's answer (awaited there), not an unhandled rejection.
state.catch(() => undefined);

export default async function handle(
  task: PooledTask,
): Promise<ChunkOutcome<EvaluatedDocument[] | PackedDocuments>> {
  if (task.kind !== 'documents')
    throw new Error(`internal: a matrix worker got a ${task.kind} task`);
  try {
    return await evaluateChunk(task, await state);
  } catch (error) {
    // Usage errors are answers (exit 2); anything else is a bug and propagates.
    if (error instanceof UserError) return { ok: false, error: error.message };
    throw error;
  }
}

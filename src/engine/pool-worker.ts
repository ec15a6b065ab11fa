import { workerData } from 'piscina';
// A worker evaluates many documents: every family's code, loaded once when it starts.
import '../crypto/eager.js';
import { loadDoctypes, shippedDoctypes } from '../doctypes/load.js';
import { loadXsdEngine } from '../doctypes/xsd.js';
import type { ReadOptions } from '../documents/read.js';
import { loadProfiles } from '../profiles/load.js';
import { UserError } from '../util/errors.js';
import type { ChunkOutcome, WorkerSetup } from './pool.js';
import { evaluateDocument, loadDocument, selectReceivers, type EvaluateOptions } from './run.js';

/**
 * A worker thread of engine/pool.ts: profiles, receivers and document types are loaded once,
 * when the thread starts; each task is a chunk of files, read, verified and evaluated in order.
 */
const setup = workerData as WorkerSetup;
const profiles = loadProfiles(setup.profilesDir);
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
// As the CLI's documentTypeReadOptions. Awaited in the handler, not at top level: from source,
// tsx loads a worker as CommonJS.
const doctypes = setup.doctypesDir ? loadDoctypes(setup.doctypesDir) : shippedDoctypes();
const documentTypes: Promise<Pick<ReadOptions, 'doctypes' | 'xsd'>> = doctypes.doctypes.some(
  (d) => d.xsd?.shipped,
)
  ? loadXsdEngine().then((xsd) => ({ doctypes, xsd }))
  : Promise.resolve({ doctypes });

export default async function evaluateChunk(files: string[]): Promise<ChunkOutcome> {
  const read: ReadOptions = {
    limits: setup.limits,
    within: setup.within,
    followSymlinks: setup.followSymlinks,
    ...(await documentTypes),
  };
  const verify = {
    ...(setup.certificates?.length ? { certificates: setup.certificates } : {}),
    ...(setup.crls?.length ? { crls: setup.crls, issuers: setup.issuers } : {}),
    ...(setup.requireRevocation ? { requireRevocation: true, issuers: setup.issuers } : {}),
  };
  try {
    return {
      ok: true,
      documents: files.map((file) =>
        evaluateDocument(loadDocument(file, read, options.asOf, verify), receivers, options),
      ),
    };
  } catch (error) {
    if (error instanceof UserError) return { ok: false, error: error.message };
    throw error;
  }
}

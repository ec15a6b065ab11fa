import { loadDoctypes, shippedDoctypes } from '../doctypes/load.js';
import { XSD_ENGINE } from '../doctypes/xsd.js';
import type { ReadOptions } from '../documents/read.js';
import type { ProfileSet } from '../profiles/load.js';
import { withLazy } from '../util/lazy.js';
import type { ChunkOutcome, DocumentsTask, PoolConfig } from './pool.js';
import { packDocuments, type PackedDocuments } from './pair-pack.js';
import {
  evaluateDocument,
  loadDocument,
  selectReceivers,
  type EvaluateOptions,
  type EvaluatedDocument,
} from './run.js';

/** What a worker thread loaded once, when it started, for the matrix chunks it evaluates. */
export interface ChunkWorkerState {
  config: PoolConfig;
  profiles: ProfileSet;
  types: Pick<ReadOptions, 'doctypes' | 'xsd'>;
}

/**
 * The document types a worker reads with, as the CLI's documentTypeReadOptions: libxml2's
 * validator (not loaded yet) when a definition ships an XSD.
 */
export function workerDocumentTypes(config: PoolConfig): Pick<ReadOptions, 'doctypes' | 'xsd'> {
  const doctypes = config.doctypesDir ? loadDoctypes(config.doctypesDir) : shippedDoctypes();
  return doctypes.doctypes.some((d) => d.xsd?.shipped)
    ? { doctypes, xsd: XSD_ENGINE }
    : { doctypes };
}

/**
 * A chunk of a matrix's files, read, verified and evaluated in order in a worker thread
 * (engine/pool.ts). A chunk that needed a module not loaded yet (util/lazy.ts) is evaluated
 * again once it is: once per module and worker at most; a worker that loaded every family up
 * front never does.
 */
export async function evaluateChunk(
  { files, setup, pack }: DocumentsTask,
  { config, profiles, types }: ChunkWorkerState,
): Promise<ChunkOutcome<EvaluatedDocument[] | PackedDocuments>> {
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
  const documents = await withLazy(() =>
    files.map((file) =>
      evaluateDocument(loadDocument(file, read, options.asOf, verify), receivers, options),
    ),
  );
  return { ok: true, documents: pack ? packDocuments(documents, pack) : documents };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MATRIX_WORKER_LIMITS,
  WorkPool,
  matrixPool,
  runInPool,
  threadsFor,
  POOL_THRESHOLD,
  type RunSetup,
} from '../../src/engine/pool.js';
import { findDocuments, run, type RunOptions } from '../../src/engine/run.js';
import type { MatrixResult } from '../../src/engine/types.js';
import { loadProfiles } from '../../src/profiles/load.js';
import { documentTypeReadOptions } from '../../src/cli/doctype-options.js';
import { generatedCorpus } from '../helpers/generated-corpus.js';

/** A result with its spooled pairs read back in place: what every format reads. */
function flat(result: MatrixResult): string {
  const { spool, ...rest } = result;
  const text = JSON.stringify({ ...rest, pairs: spool ? [...spool] : rest.pairs });
  spool?.dispose();
  return text;
}

describe('worker pool', () => {
  const asOf = new Date('2026-12-01T00:00:00Z');
  const setup: RunSetup = { asOf: asOf.toISOString(), kind: 'matrix', receivers: 'all' };
  let pool: WorkPool;
  let options: RunOptions;

  beforeAll(async () => {
    const { out, profilesDir } = generatedCorpus();
    // The main thread and one worker.
    pool = matrixPool({ profilesDir }, 2);
    options = {
      kind: 'matrix',
      profiles: loadProfiles(profilesDir),
      files: findDocuments(`${out}/documents`),
      asOf,
      receivers: 'all',
      // The CLI's single-threaded path: shipped document types with their XSD validator, as
      // each worker loads them.
      read: await documentTypeReadOptions({}),
    };
  });
  afterAll(() => pool.destroy());

  it('main thread and worker give the single thread’s result, pairs spooled and in order', async () => {
    const by = new Set<string>();
    const single = run({ ...options, spoolPairs: true });
    // Small chunks: both threads work, and their answers interleave. The worker's pairs come
    // packed (engine/pair-pack.ts) and go to the spool as they are.
    const pooled = await runInPool({ ...options, spoolPairs: true }, setup, pool, {
      chunk: 3,
      onChunk: (thread) => by.add(thread),
    });
    expect(by).toEqual(new Set(['main', 'worker']));
    expect(single.spool!.count).toBeGreaterThan(100);
    expect(flat(pooled)).toBe(flat(single));
  });

  it("bounds a matrix worker's young generation, and only a matrix's", async () => {
    expect(MATRIX_WORKER_LIMITS.maxYoungGenerationSizeMb).toBeGreaterThan(0);
    expect(pool.resourceLimits).toEqual(MATRIX_WORKER_LIMITS);
    // The service's pool (serve/app.ts) keeps V8's defaults.
    const service = new WorkPool({ workers: 1, config: {} });
    expect(service.resourceLimits).toBeUndefined();
    await service.destroy();
  });

  it('gives the same result with pairs kept whole, and when only the workers evaluate', async () => {
    const single = run(options);
    const pooled = await runInPool(options, setup, pool, { chunk: 4, mainEvaluates: false });
    expect(JSON.stringify(pooled)).toBe(JSON.stringify(single));
  });

  it('counts the same cells and totals when no pair is kept', async () => {
    const single = run({ ...options, keepPairs: false });
    const pooled = await runInPool({ ...options, keepPairs: false }, setup, pool, { chunk: 5 });
    expect(pooled.totals?.findings.error).toBeGreaterThan(0);
    expect(JSON.stringify(pooled)).toBe(JSON.stringify(single));
  });

  it('reports the error the single thread meets first', async () => {
    const files = [...options.files];
    files.splice(4, 0, '/nonexistent/first.xml');
    files.splice(20, 0, '/nonexistent/second.xml');
    const single = (() => {
      try {
        run({ ...options, files });
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(single).toContain('first.xml');
    await expect(runInPool({ ...options, files }, setup, pool, { chunk: 3 })).rejects.toThrow(
      single,
    );
  });

  it('auto uses one thread below the threshold', () => {
    expect(threadsFor('auto', POOL_THRESHOLD - 1)).toBe(1);
    expect(threadsFor(3, 10)).toBe(3);
  });
});

import { describe, expect, it } from 'vitest';
import { runInPool, threadsFor, POOL_THRESHOLD } from '../../src/engine/pool.js';
import { findDocuments, run } from '../../src/engine/run.js';
import { loadProfiles } from '../../src/profiles/load.js';
import { documentTypeReadOptions } from '../../src/cli/doctype-options.js';
import { generatedCorpus } from '../helpers/generated-corpus.js';

describe('worker pool', () => {
  it('two worker threads produce the single-threaded result, documents in order', async () => {
    const { out, profilesDir } = generatedCorpus();
    const asOf = new Date('2026-12-01T00:00:00Z');
    const options = {
      kind: 'matrix' as const,
      profiles: loadProfiles(profilesDir),
      files: findDocuments(`${out}/documents`),
      asOf,
      receivers: 'all' as const,
    };
    // The CLI's single-threaded path: shipped document types with their XSD validator, as each
    // worker loads them.
    const single = run({ ...options, read: await documentTypeReadOptions({}) });
    const pooled = await runInPool(
      options,
      { profilesDir, asOf: asOf.toISOString(), kind: 'matrix', receivers: 'all' },
      2,
      3, // small chunks: both threads work, and their answers interleave
    );
    expect(single.pairs.length).toBeGreaterThan(100);
    expect(JSON.stringify(pooled)).toBe(JSON.stringify(single));
  });

  it('auto uses one thread below the threshold', () => {
    expect(threadsFor('auto', POOL_THRESHOLD - 1)).toBe(1);
    expect(threadsFor(3, 10)).toBe(3);
  });
});

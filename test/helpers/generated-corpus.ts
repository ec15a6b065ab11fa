import { inject } from 'vitest';
import { findDocuments } from '../../src/engine/run.js';
import { loadProfiles } from '../../src/profiles/load.js';

/**
 * The fixture corpus generated once for this test run by test/setup/corpus.global.ts, as
 * `corridor fixtures generate` would, with profiles whose anchors are the CAs it used. Suites
 * that write into it use names of their own.
 */
export function generatedCorpus(): { out: string; profilesDir: string } {
  return inject('generatedCorpus');
}

/** A matrix run over the generated corpus, every receiver, on the corpus's as-of date. */
export function generatedMatrixOptions(): {
  kind: 'matrix';
  profiles: ReturnType<typeof loadProfiles>;
  files: string[];
  asOf: Date;
  receivers: 'all';
} {
  const { out, profilesDir } = generatedCorpus();
  return {
    kind: 'matrix',
    profiles: loadProfiles(profilesDir),
    files: findDocuments(`${out}/documents`),
    asOf: new Date('2026-12-01T00:00:00Z'),
    receivers: 'all',
  };
}

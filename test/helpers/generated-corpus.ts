import { inject } from 'vitest';

/**
 * The fixture corpus generated once for this test run by test/setup/corpus.global.ts, as
 * `corridor fixtures generate` would, with profiles whose anchors are the CAs it used. Suites
 * that write into it use names of their own.
 */
export function generatedCorpus(): { out: string; profilesDir: string } {
  return inject('generatedCorpus');
}

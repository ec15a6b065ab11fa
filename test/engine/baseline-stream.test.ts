import { describe, expect, it } from 'vitest';
import { baselineRecorder, createBaseline } from '../../src/engine/baseline.js';
import { findDocuments, run } from '../../src/engine/run.js';
import { loadProfiles } from '../../src/profiles/load.js';
import { generatedCorpus } from '../helpers/generated-corpus.js';

describe('baseline create from a stream of pairs', () => {
  const { out, profilesDir } = generatedCorpus();
  const options = {
    kind: 'matrix' as const,
    profiles: loadProfiles(profilesDir),
    files: findDocuments(`${out}/documents`),
    asOf: new Date('2026-12-01T00:00:00Z'),
    receivers: 'all' as const,
  };

  it('records, from a run that keeps no pair, the baseline of the run that keeps them all', () => {
    const file = `${out}/baseline.json`;
    const kept = run(options);
    const recorder = baselineRecorder(file);
    const streamed = run({ ...options, keepPairs: false, stages: [recorder] });
    expect(streamed.pairs).toEqual([]);
    const baseline = recorder.baseline(streamed.asOf);
    expect(baseline.findings.length).toBeGreaterThan(0);
    expect(baseline).toEqual(createBaseline(kept, file));
    // The stage changes nothing: the same cells as without it.
    expect(streamed.cells).toEqual(kept.cells);
  });
});

import { describe, expect, it } from 'vitest';
import { baselineRecorder, createBaseline } from '../../src/engine/baseline.js';
import { run } from '../../src/engine/run.js';
import { generatedCorpus, generatedMatrixOptions } from '../helpers/generated-corpus.js';

describe('baseline create from a stream of pairs', () => {
  const { out } = generatedCorpus();
  const options = generatedMatrixOptions();

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

import { describe, expect, it } from 'vitest';
import { run } from '../../src/engine/run.js';
import { totalsOf } from '../../src/engine/types.js';
import { getFormatter } from '../../src/report/all.js';
import { formatToString } from '../../src/report/index.js';
import { generatedMatrixOptions } from '../helpers/generated-corpus.js';

describe('a run that drops its pairs', () => {
  it('builds the same cells and counts, and the same text grid, as one that keeps them', () => {
    const options = generatedMatrixOptions();
    const kept = run(options);
    const dropped = run({ ...options, keepPairs: false });
    expect(dropped.pairs).toEqual([]);
    // The compact list of a streaming run reads back as the kept run's entries, key order too.
    expect(dropped.documents).not.toBeInstanceOf(Array);
    expect(JSON.stringify([...dropped.documents])).toBe(JSON.stringify(kept.documents));
    expect(JSON.stringify(dropped.documents)).toBe(JSON.stringify(kept.documents));
    expect(dropped.cells).toEqual(kept.cells);
    expect(dropped.totals).toEqual(totalsOf(kept));
    expect(dropped.totals?.findings.error).toBeGreaterThan(0);
    const text = getFormatter('text')!;
    const context = { rules: [], color: false };
    expect(formatToString(text, dropped, context)).toBe(formatToString(text, kept, context));
  });
});

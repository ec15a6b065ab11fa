import { availableParallelism } from 'node:os';

// How many threads a matrix uses, apart from the pool itself (pool.ts re-exports it): the CLI
// decides before it loads piscina, which a one-thread run never needs (~20 ms; issue #14).

/**
 * Below this many documents `--jobs auto` (the default) stays on the main thread. A worker
 * costs CPU once: its start (imports, profiles, document types, XSD: ~0.5 s) and V8 optimizing
 * the hot code again in its isolate (~0.5 s). Measured on an idle 2-core machine (matrix -f json
 * of signed documents × 13 receivers, `/usr/bin/time`, 2–3 runs, wall): 1,000 documents
 * --jobs 1 2.08 s vs --jobs 2 2.17 s (slower); 2,500: 4.18 vs 3.96 s (5% faster); 5,000: 6.76
 * vs 6.27 s (7% faster). The crossover lies between 1,000 and 2,500, so auto starts workers
 * from 2,000 documents. Measured again once a matrix's worker loaded the families' code only on
 * need (matrix-worker.ts, ready in ~0.25 s instead of ~0.45 s; 4 interleaved runs each, wall
 * medians): 500 documents 1.9 vs 1.9 s, 1,000 2.9 vs 2.9 s, 2,000 5.4 vs 4.5 s (17% faster).
 * The crossover moved little: the second isolate's optimizing is the larger cost.
 */
export const POOL_THRESHOLD = 2000;

/** `--jobs`: `auto` uses every core for a corpus above POOL_THRESHOLD, one thread below it. */
export function threadsFor(jobs: number | 'auto', documents: number): number {
  if (jobs === 'auto') return documents >= POOL_THRESHOLD ? Math.min(availableParallelism(), 4) : 1;
  return jobs;
}

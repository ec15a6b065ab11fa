import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what survived its last full collection before
 * the next one: 25 %, where V8 picks up to 300 % when the program spends little time in GC,
 * which a batch run does. A matrix promotes ~20 MiB/s of short-lived objects (a document's
 * parse, pairs on their way to the spool) that only a full collection frees, so with V8's
 * choice peak memory rose with the corpus until the first such collection: matrix -f text,
 * one thread, peak RSS 125 MiB at 1,000 documents and 196-215 MiB at 10,000 (issue #14: flat
 * in the number of documents). With 25 %: 125 and ~148 MiB, CPU within run-to-run noise (a
 * full collection of the ~20 MiB that stays live takes 2-5 ms). A GC heuristic: no result
 * depends on it. The flag is V8's, read at each collection, so setting it at start-up works.
 */
export const HEAP_GROWING_PERCENT = 25;

export function applyHeapPolicy(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

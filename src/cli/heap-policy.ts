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

/** V8 flags of a matrix's young generation (see applyMatrixHeapPolicy). */
export const MATRIX_HEAP_FLAGS = [
  '--semi-space-growth-factor=1',
  '--no-parallel-scavenge',
] as const;

let matrixPolicy = false;

/**
 * The young generation of a matrix stays at the size V8 starts it with (1 MiB semi-spaces)
 * instead of growing to 16 MiB in a long run. V8 keeps an old-generation limit of what survived
 * + max(25 %, 8 MiB) + one semi-space, and the new space holds two semi-spaces: at full size
 * the young generation was worth ~48 MiB of a steady-state peak that a short run never
 * reaches, so peak RSS rose with the corpus (issue #14: json, one thread, 122 MiB at 1,000
 * documents, 142 at 10,000, 154 at 50,000). A document's evaluation allocates ~0.5 MB, so small
 * semi-spaces mean a scavenge every few documents: each is short (~0.25 ms), and runs on this
 * thread alone (--no-parallel-scavenge: helper tasks for a 1 MiB scavenge cost more CPU than
 * they save). Both flags are V8's, read at each scavenge, so setting them once the command is
 * known works. V8 sets the growth factor back to 2 when it configures another isolate, which a
 * worker thread's start does: a matrix on several threads is left so (holding both threads at
 * 1 MiB cost 10-15 % more CPU and wall there); its workers' young generation is bounded by
 * their resourceLimits instead (engine/pool.ts matrixPool). Only for matrix: `serve` and the
 * short commands keep V8's defaults. A GC heuristic: no result depends on it.
 */
export function applyMatrixHeapPolicy(): void {
  for (const flag of MATRIX_HEAP_FLAGS) setFlagsFromString(flag);
  matrixPolicy = true;
}

/** Whether this process applied the matrix's young-generation policy (tests). */
export function matrixHeapPolicyApplied(): boolean {
  return matrixPolicy;
}

import { getHeapSpaceStatistics } from 'node:v8';
import { setV8Flag } from '../util/v8-flags.js';

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
  setV8Flag(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/** V8 flags of a matrix's young generation (see applyMatrixHeapPolicy). */
export const MATRIX_HEAP_FLAGS = [
  '--semi-space-growth-factor=1',
  '--no-parallel-scavenge',
] as const;

let matrixPolicy = false;

/**
 * The young generation of a matrix stays at a fixed size (V8's start size, 1 MiB semi-spaces,
 * while profiles load; MATRIX_SEMI_SPACE_MIB once documents flow: youngGenerationStep) instead
 * of growing to 16 MiB in a long run. V8 keeps an old-generation limit of what survived
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
 * their resourceLimits instead (engine/pool.ts matrixPool). Only for matrix (verify holds its
 * own, applyVerifyHeapPolicy): `serve` and the short commands keep V8's defaults. A GC
 * heuristic: no result depends on it.
 */
export function applyMatrixHeapPolicy(): void {
  for (const flag of MATRIX_HEAP_FLAGS) setV8Flag(flag);
  matrixPolicy = true;
}

/** Whether this process applied the matrix's young-generation policy (tests). */
export function matrixHeapPolicyApplied(): boolean {
  return matrixPolicy;
}

/**
 * The semi-space size a matrix's young generation grows to once its documents flow, and then
 * keeps (MiB): twice the 1 MiB applyMatrixHeapPolicy holds it at while profiles load. 1,000
 * distinct signed documents (bench/lib/signed-corpus.ts) × 13 receivers, json, one thread:
 * 461 scavenges (206 ms, --trace-gc) at 1 MiB, each copying the document in hand, against 236
 * (141 ms); 13 runs, median of each run's ratio to the interleaved run of the build before: CPU
 * -2 %, wall -3 to -6 %, peak RSS +2 MiB; with 26 receivers (more survives each document) CPU
 * and wall -8 %; 50,000 documents, wall 65 -> 53 s (one run each), peak RSS 87 -> 90 MiB.
 * 4 MiB was no faster, for +7 MiB. The size is fixed, so memory stays flat in the number of
 * documents. V8 reads its semi-space bounds only when the heap is made, so the size is reached
 * through the growth factor, which it reads at each scavenge (see youngGenerationStep).
 */
export const MATRIX_SEMI_SPACE_MIB = 2;

const MIB = 1024 * 1024;

/** One semi-space's size in bytes (V8 commits two for its new space). */
function semiSpaceBytes(): number {
  for (const space of getHeapSpaceStatistics())
    if (space.space_name === 'new_space') return space.space_size / 2;
  return 0;
}

/**
 * A step for after each document of a matrix: the first one lets the young generation grow to
 * MATRIX_SEMI_SPACE_MIB in one step (V8 grows it, by the growth factor, once as much as its
 * size has survived scavenges), and the first one that finds it there holds it (factor 1).
 * Profiles and document types load before the first step, at the start size, so their own
 * survivors cannot grow it past the target; one document's cannot grow it twice. A GC
 * heuristic: no result depends on it. Undefined when the matrix heap policy is not applied.
 *
 * On several threads the step runs as each chunk is taken in: the workers' start set V8's
 * factor back to 2, so the main thread's young generation has grown by then, and it is held at
 * that size (4 MiB semi-spaces at 1,000 documents, where it went on to V8's 16 MiB): matrix
 * --jobs 2, peak RSS 156 -> 128 MiB at 1,000 documents and 168 -> 135 MiB at 10,000, CPU and
 * wall within noise (+2-3 %, 2-5 runs).
 */
export function youngGenerationStep(
  semiSpaceMiB: number = MATRIX_SEMI_SPACE_MIB,
): (() => void) | undefined {
  if (!matrixPolicy) return undefined;
  return holdYoungGeneration(semiSpaceMiB);
}

/** The step of youngGenerationStep, for a young generation held at `semiSpaceMiB`. */
function holdYoungGeneration(semiSpaceMiB: number): () => void {
  const target = semiSpaceMiB * MIB;
  let held = false;
  let started = false;
  return () => {
    if (held) return;
    const size = semiSpaceBytes();
    if (size >= target || size === 0) {
      setV8Flag('--semi-space-growth-factor=1');
      held = true;
    } else if (!started) {
      setV8Flag(`--semi-space-growth-factor=${Math.ceil(target / size)}`);
      started = true;
    }
  };
}

/**
 * The semi-space size `verify` holds its young generation at once documents flow (MiB), as a
 * matrix does. V8 grows it to 4-8 MiB within ~50 documents, and each first pass over a grown
 * semi-space touches fresh pages, which cost ~11.5 µs each on the 2-core test machine (issue
 * #14). A 22 KB document's verify allocates ~350 KB. 200 × 22 KB RSA documents, --format json:
 * V8's growth made 24 scavenges (29 ms, --trace-gc) and 8,276 minor page faults; held at 2 MiB,
 * 38 scavenges (27 ms) and 7,273 faults, peak RSS 70 -> 66 MB; CPU -5.2 % (median of 31 paired
 * runs' ratios), -4.9 % at 1,000 documents (9 runs), one document and 20 within noise (-1.8 %,
 * +1.0 %). 1 MiB: 75 scavenges (39 ms), -2.9 %; 4 MiB: as V8's own. A GC heuristic: no result
 * depends on it. Only for the CLI's verify: the library and `serve` keep V8's defaults.
 */
export const VERIFY_SEMI_SPACE_MIB = 2;

/**
 * verify's young generation: held at its start size from now on, then grown once to
 * VERIFY_SEMI_SPACE_MIB by the returned step, taken after each document (youngGenerationStep's).
 */
export function applyVerifyHeapPolicy(semiSpaceMiB: number = VERIFY_SEMI_SPACE_MIB): () => void {
  setV8Flag('--semi-space-growth-factor=1');
  return holdYoungGeneration(semiSpaceMiB);
}

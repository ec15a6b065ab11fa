import { setV8Flag } from '../util/v8-flags.js';

/**
 * V8 inlines callees of up to 460 bytes of bytecode into optimized code; `verify` caps that at
 * 60, so the parser's and the canonicalizer's large functions (startTag, renderElement) reach
 * TurboFan in a fraction of the compile time. A batch verify is mostly its first documents,
 * run before optimized code arrives, and compiling it is CPU on another thread: on 200 × 22 KB
 * documents, CPU 479 -> 416 ms (-13 %), on 200 small signed documents 347 -> 308 ms; on 2,000
 * the total still fell (1,991 -> 1,840 ms) though warm code is a few per cent slower. Helpers
 * under 60 bytes (name, whitespace and position helpers) are still inlined.
 */
export const MAX_INLINED_BYTECODE_SIZE = 60;

/**
 * What one optimized function may inline in all: 100 bytes of bytecode, where V8 allows 920.
 * A matrix's hot code is wide (rules, constraint validators, the spool's records), and with
 * V8's budget its compile jobs took ~1.2 s of background CPU per thread at 1,000 documents
 * (/proc/self/task), a third of the run: on two cores, that CPU is what the second matrix
 * thread needs. 1,000 documents × 13 receivers, 7-9 interleaved runs each: --jobs 1 CPU
 * -12 to -19 % and wall -6 to -10 %; --jobs 2 CPU -9 %, wall -10 %; 5,000 documents within
 * noise (CPU -3 %, wall +-4 %).
 */
export const MAX_INLINED_BYTECODE_SIZE_CUMULATIVE = 100;

/**
 * The JIT policy of the batch commands (verify, check, matrix); `serve` keeps V8's defaults,
 * since a long-lived process earns back its compile time. A JIT heuristic: no result depends
 * on it. V8 reads the flags at each compilation, so setting them at run time works, like
 * cli/heap-policy.ts.
 */
export function applyJitPolicy(): void {
  setV8Flag(`--max-inlined-bytecode-size=${MAX_INLINED_BYTECODE_SIZE}`);
  setV8Flag(`--max-inlined-bytecode-size-cumulative=${MAX_INLINED_BYTECODE_SIZE_CUMULATIVE}`);
}

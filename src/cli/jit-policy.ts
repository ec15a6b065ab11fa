import { setFlagsFromString } from 'node:v8';

/**
 * V8 inlines callees of up to 460 bytes of bytecode into optimized code; `verify` caps that at
 * 60, so the parser's and the canonicalizer's large functions (startTag, renderElement) reach
 * TurboFan in a fraction of the compile time. A batch verify is mostly its first documents,
 * run before optimized code arrives, and compiling it is CPU on another thread: on 200 × 22 KB
 * documents, CPU 479 -> 416 ms (-13 %), on 200 small signed documents 347 -> 308 ms; on 2,000
 * the total still fell (1,991 -> 1,840 ms) though warm code is a few per cent slower. Helpers
 * under 60 bytes (name, whitespace and position helpers) are still inlined. A JIT heuristic:
 * no result depends on it. V8 reads the flag at each compilation, so setting it at run time
 * works, like cli/heap-policy.ts.
 */
export const MAX_INLINED_BYTECODE_SIZE = 60;

export function applyJitPolicy(): void {
  setFlagsFromString(`--max-inlined-bytecode-size=${MAX_INLINED_BYTECODE_SIZE}`);
}

import { setFlagsFromString } from 'node:v8';

let kept = false;

/**
 * Sets a V8 flag in this process: a JIT or GC heuristic (cli/heap-policy.ts, cli/jit-policy.ts,
 * engine/pool.ts), never something a result depends on. Every caller goes through here so that
 * the build's training run can keep V8's flags as they were (keepV8Flags).
 */
export function setV8Flag(flag: string): void {
  if (!kept) setFlagsFromString(flag);
}

/**
 * From now on setV8Flag sets nothing. For the build's training run of a script bundle
 * (cli/script-bundle.cts writeCodeCache): V8 takes a code cache only under the flags it was
 * made with, and every run starts with V8's own; the flags change how code is optimized and
 * collected, not the bytecode the cache holds.
 */
export function keepV8Flags(): void {
  kept = true;
}

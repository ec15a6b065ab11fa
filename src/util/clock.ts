/**
 * Milliseconds on a monotonic clock, for elapsed times only. Not `performance.now()`: the
 * global `performance` is a lazy getter whose first read loads node:perf_hooks (~4 ms CPU of
 * a one-document `verify`, which reads the clock for its time budget and uses nothing else of
 * it). Both read the same monotonic clock.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * Runs `fn` for about `ms` milliseconds after a short warm-up and returns operations per
 * second. Shared by the benchmarks; bench/run.ts runs only the files directly in bench/.
 */
export function opsPerSecond(fn: () => void, ms = 1500): number {
  for (let i = 0; i < 3; i++) fn();
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    fn();
    count++;
    elapsed = performance.now() - start;
  }
  return (count * 1000) / elapsed;
}

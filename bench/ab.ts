/**
 * Two builds of corridor on one command line, side by side: rounds of one run each, the order
 * alternating, CPU and peak RSS read by the `-r` probe (lib/probe.ts). Prints each build's
 * medians and the median of the rounds' after/before CPU ratios. This machine's speed drifts
 * within minutes, and a ratio taken inside one round cancels the drift that medians of separate
 * runs keep: a 3-5 % change shows here after ~20 rounds where `scale.ts` needs luck.
 *
 *   npm run build && npx tsx bench/ab.ts --before /tmp/old/bin/corridor.js [--runs 21] \
 *     -- verify --key rsa.pem --format json docs/*.xml
 *
 * The command line is the caller's, so `npm run bench` (run.ts) leaves this tool out.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { probeArgs, readProbe } from './lib/probe.js';
import { median } from './lib/median.js';

const dash = process.argv.indexOf('--');
const own = dash === -1 ? process.argv.slice(2) : process.argv.slice(2, dash);
const command = dash === -1 ? [] : process.argv.slice(dash + 1);
const option = (name: string): string | undefined => {
  const at = own.indexOf(name);
  return at === -1 ? undefined : own[at + 1];
};
const before = option('--before');
const after = option('--after') ?? fileURLToPath(new URL('../bin/corridor.js', import.meta.url));
const runs = Number(option('--runs') ?? 21);
if (!before || command.length === 0 || !(runs > 0)) {
  console.error(
    'usage: bench/ab.ts --before <bin/corridor.js> [--after <bin>] [--runs N] -- <args>',
  );
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'corridor-bench-ab-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const probe = probeArgs(work);

function sample(bin: string): { cpu: number; rssMiB: number } {
  const run = spawnSync(process.execPath, [...probe, resolve(bin), ...command], {
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const measured = readProbe(String(run.stderr));
  // Exit 1 is a verdict (a failing pair or signature), not a failed run.
  if (!measured || (run.status !== 0 && run.status !== 1)) {
    throw new Error(`${bin} exited ${run.status}: ${String(run.stderr).slice(-500)}`);
  }
  return measured;
}

type Sample = ReturnType<typeof sample>;
const samples: Record<'before' | 'after', Sample[]> = { before: [], after: [] };
for (let round = 0; round < runs; round++) {
  const order = round % 2 === 0 ? (['before', 'after'] as const) : (['after', 'before'] as const);
  for (const build of order) samples[build].push(sample(build === 'before' ? before : after));
}
const ratios = samples.after.map((s, round) => s.cpu / samples.before[round]!.cpu);
for (const build of ['before', 'after'] as const) {
  const list = samples[build];
  console.log(
    `${build.padEnd(6)}  CPU ${(median(list.map((s) => s.cpu)) * 1000).toFixed(1)} ms  ` +
      `peak RSS ${median(list.map((s) => s.rssMiB)).toFixed(1)} MiB`,
  );
}
console.log(
  `after / before CPU, median of ${runs} rounds: ${median(ratios).toFixed(3)} ` +
    `(rounds from ${Math.min(...ratios).toFixed(3)} to ${Math.max(...ratios).toFixed(3)})`,
);

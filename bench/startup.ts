/**
 * Start-up time of the built CLI: median wall time (and min, max) and median CPU time (user +
 * system, reported by the child itself, so a busy machine disturbs it less than wall time) over
 * several runs of `--help`, light commands and `matrix` on the shipped corpus, each in a fresh
 * `node` process, against a bare `node -e 0` for reference. Build first (`npm run build`).
 *
 *   npx tsx bench/startup.ts                      # this tree's bin/corridor.js
 *   npx tsx bench/startup.ts --bin /tmp/old/bin/corridor.js --runs 9
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = resolve(argument('--bin') ?? resolve(root, 'bin/corridor.js'));
const runs = Number(argument('--runs') ?? 7);
if (!existsSync(bin)) throw new Error(`${bin} not found: run npm run build first`);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs expects a whole number ≥ 1');

interface Case {
  name: string;
  args: string[];
  /** Runs for slow cases; defaults to --runs. */
  runs?: number;
}

const cases: Case[] = [
  { name: 'node -e 0 (reference)', args: [] },
  { name: '--help', args: ['--help'] },
  { name: '--version', args: ['--version'] },
  { name: 'check --help', args: ['check', '--help'] },
  { name: 'profiles list', args: ['profiles', 'list'] },
  { name: 'profiles show RU', args: ['profiles', 'show', 'RU'] },
  { name: 'profiles lint', args: ['profiles', 'lint'] },
  {
    name: 'check (one pair)',
    args: ['check', 'fixtures/documents/RU/licence.xml', '--to', 'KZ', '--fail-on', 'never'],
  },
  { name: 'algorithms', args: ['algorithms'] },
  { name: 'matrix (shipped corpus)', args: ['matrix', '-f', 'json'], runs: Math.min(runs, 5) },
];

// Preloaded into the child: prints its own CPU time on exit, on stderr after everything else.
const CPU_PROBE =
  'data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();' +
  'process.stderr.write("\\ncpu-us:"+(u.user+u.system))})';

function timeOnce(args: string[]): { wall: number; cpu: number } {
  const argv = ['--import', CPU_PROBE, ...(args.length === 0 ? ['-e', '0'] : [bin, ...args])];
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, argv, {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, CI: '1' }, // no progress bar
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const stderr = String(result.stderr);
  if (result.status !== 0) {
    throw new Error(`corridor ${args.join(' ')} exited ${result.status}: ${stderr}`);
  }
  const cpu = /cpu-us:(\d+)\s*$/.exec(stderr);
  if (!cpu) throw new Error(`corridor ${args.join(' ')}: no CPU figure on stderr`);
  return { wall, cpu: Number(cpu[1]) / 1000 };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

console.log(`bin: ${bin}, node ${process.version}, ${runs} runs (matrix: ${Math.min(runs, 5)})`);
console.log(
  `${'case'.padEnd(26)} ${'wall ms'.padStart(8)} ${'min'.padStart(6)} ${'max'.padStart(6)} ` +
    `${'cpu ms'.padStart(7)}`,
);
const ms = (value: number, width: number): string => value.toFixed(0).padStart(width);
for (const { name, args, runs: count = runs } of cases) {
  timeOnce(args); // warm the file-system cache
  const times = Array.from({ length: count }, () => timeOnce(args));
  const walls = times.map((t) => t.wall);
  console.log(
    `${name.padEnd(26)} ${ms(median(walls), 8)} ${ms(Math.min(...walls), 6)} ` +
      `${ms(Math.max(...walls), 6)} ${ms(median(times.map((t) => t.cpu)), 7)}`,
  );
}

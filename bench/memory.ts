/**
 * Peak memory of `corridor matrix` against the number of documents, for every output format
 * (issue #14: flat, ± 10 %, from 1,000 to 50,000 documents). The documents are hard links to
 * 1,000 distinct signed ones (bench/lib/signed-corpus.ts): for memory the number of documents
 * matters, and links cost no signing time. Peak RSS is the child's own (`maxRSS` at exit), one
 * run each. With --before <bin/corridor.js of another build> both builds run, side by side.
 * --jobs is passed to matrix (default auto, as users run it: from 2,000 documents a worker
 * thread joins, a second V8 heap; --jobs 1 shows how memory depends on documents alone). On
 * Linux a last row runs json with MALLOC_ARENA_MAX=1 (see below).
 *
 *   npm run build && npx tsx bench/memory.ts [--counts 1000,10000,50000] [--formats json,html]
 *     [--before /tmp/old/bin/corridor.js] [--jobs 1]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatIds } from '../src/report/index.js';
import { probeArgs, readProbe } from './lib/probe.js';
import { linkedCorpus, signedCorpus } from './lib/signed-corpus.js';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'dist/cli/main.js'))) throw new Error('run npm run build first');
const beforeArg = argument('--before');
const builds: Array<[string, string]> = [
  ...(beforeArg ? [['before', resolve(beforeArg)] as [string, string]] : []),
  [beforeArg ? 'after' : 'this build', join(root, 'bin/corridor.js')],
];
const counts = (argument('--counts') ?? '1000,10000').split(',').map(Number);
const jobs = argument('--jobs') ?? 'auto';
const formats = argument('--formats')?.split(',') ?? formatIds;

const work = mkdtempSync(join(tmpdir(), 'corridor-bench-memory-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

// Preloaded into the child: its peak RSS on stderr when it exits, after everything else.
const PROBE = probeArgs(work);

function peakMiB(
  bin: string,
  dir: string,
  format: string,
  env: Record<string, string> = {},
): number {
  const run = spawnSync(
    process.execPath,
    [
      ...PROBE,
      bin,
      'matrix',
      '--docs',
      dir,
      '-f',
      format,
      '-o',
      join(work, `out.${format}`),
      '--as-of',
      '2026-12-01',
      '--jobs',
      jobs,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: '1', ...env } },
  );
  const stderr = String(run.stderr);
  const probe = readProbe(stderr);
  if (![0, 1].includes(run.status ?? -1) || !probe)
    throw new Error(`matrix -f ${format} exited ${run.status}: ${stderr.slice(-500)}`);
  return probe.rssMiB;
}

const corpus = signedCorpus(join(work, 'signed'), 1000);
const dirs = counts.map((count) => {
  const dir = join(work, `linked-${count}`);
  linkedCorpus(corpus, dir, count);
  return dir;
});

const header = ['build', 'format', ...counts.map(String), `${counts.at(-1)} / ${counts[0]}`];
const rows: string[][] = [header];
console.log(`peak RSS of matrix --jobs ${jobs} (MiB) by documents, 13 receivers, one run each`);
/**
 * glibc keeps freed memory in the malloc arena it came from, one per thread that allocates
 * (V8's compiler and GC threads have one each). On Linux a last json row runs with one arena
 * for the whole process (MALLOC_ARENA_MAX=1, which glibc reads as the process starts): what
 * that row does not grow is the allocator's, not corridor's (the README's `matrix` section).
 */
const variants: Array<{ format: string; label: string; env: Record<string, string> }> = [
  ...formats.map((format) => ({ format, label: format, env: {} })),
  ...(process.platform === 'linux'
    ? [{ format: 'json', label: 'json, MALLOC_ARENA_MAX=1', env: { MALLOC_ARENA_MAX: '1' } }]
    : []),
];
for (const { format, label, env } of variants)
  for (const [name, bin] of builds) {
    const peaks = dirs.map((dir) => peakMiB(bin, dir, format, env));
    const row = [
      name,
      label,
      ...peaks.map((p) => p.toFixed(0)),
      (peaks.at(-1)! / peaks[0]!).toFixed(2),
    ];
    rows.push(row);
    console.log(row.join('\t'));
  }
const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
console.log(
  `\n${rows.map((r) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`).join('\n')}`,
);

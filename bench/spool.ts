/**
 * The cost of keeping pairs and printing them (issue #14): a `matrix -f json` result's pairs
 * added to the pair spool, then the JSON report written from it (to a sink that counts bytes),
 * and the spool split by cell (junit, html, markdown) and read back. CPU of this process, one
 * phase at a time, medians of --runs rounds; with --before <bin/corridor.js of another build>
 * both builds' compiled modules run in the same process, rounds alternated.
 *
 *   npm run build && npx tsx bench/spool.ts --pairs result.json [--before /tmp/old/bin/corridor.js]
 *     [--runs 5]
 * `result.json`: any `corridor matrix -f json` output (e.g. of 1,000 documents).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { MatrixResult, PairResult } from '../src/engine/types.js';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pairsFile = argument('--pairs');
if (!pairsFile) throw new Error('give --pairs <matrix -f json output>');
const runs = Number(argument('--runs') ?? 5);
const beforeArg = argument('--before');

interface Spool extends Iterable<PairResult> {
  add(pair: PairResult): void;
  cell(sender: string, receiver: string): Iterable<PairResult>;
  dispose(): void;
}
interface Build {
  name: string;
  PairSpool: new () => Spool;
  json: { write(result: MatrixResult, out: { write(chunk: string): void }): void };
}

async function load(name: string, dist: string): Promise<Build> {
  const spool = (await import(pathToFileURL(join(dist, 'engine/pair-spool.js')).href)) as {
    PairSpool: Build['PairSpool'];
  };
  const json = (await import(pathToFileURL(join(dist, 'report/json.js')).href)) as {
    jsonFormatter: Build['json'];
  };
  return { name, PairSpool: spool.PairSpool, json: json.jsonFormatter };
}

const builds: Build[] = [];
if (beforeArg) builds.push(await load('before', join(dirname(resolve(beforeArg)), '../dist')));
builds.push(await load(beforeArg ? 'after' : 'this build', join(root, 'dist')));

const result = JSON.parse(readFileSync(pairsFile, 'utf8')) as MatrixResult;
const cells = result.cells.map((cell) => [cell.sender, cell.receiver] as const);

const cpu = (work: () => void): number => {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

type Phase = 'add' | 'json' | 'cells';
const samples = new Map(
  builds.map((b) => [b.name, { add: [], json: [], cells: [] } as Record<Phase, number[]>]),
);
let bytes = 0;
for (let round = 0; round < runs; round++) {
  for (const build of builds) {
    const spool = new build.PairSpool();
    const times = samples.get(build.name)!;
    times.add.push(cpu(() => result.pairs.forEach((pair) => spool.add(pair))));
    times.json.push(
      cpu(() => {
        bytes = 0;
        build.json.write({ ...result, pairs: [], spool } as unknown as MatrixResult, {
          write: (chunk) => {
            bytes += chunk.length;
          },
        });
      }),
    );
    times.cells.push(
      cpu(() => {
        for (const [sender, receiver] of cells)
          for (const pair of spool.cell(sender, receiver)) void pair;
      }),
    );
    spool.dispose();
  }
}
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!;
console.log(
  `${result.pairs.length} pairs, JSON report ${(bytes / 1048576).toFixed(1)} M units; CPU ms, medians of ${runs}`,
);
console.log('| build | add to spool | JSON report | split by cell + read |');
console.log('|---|---|---|---|');
for (const build of builds) {
  const t = samples.get(build.name)!;
  console.log(
    `| ${build.name} | ${median(t.add).toFixed(0)} | ${median(t.json).toFixed(0)} | ${median(t.cells).toFixed(0)} |`,
  );
}

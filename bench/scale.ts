/**
 * The full pairwise check at scale, side by side in one run (issue #14):
 *   1. `corridor matrix` (13 receivers) vs `xmlsec1 --verify` of the same files in one process,
 *      on 1,000 distinct signed documents (5,000 too with --large): every copy re-signed, so no
 *      two share signed content (bench/lib/signed-corpus.ts); one row per `--jobs` value of
 *      --jobs (default 1,auto: one thread, and every core); the paired wall ratio is the median
 *      of each round's ratio to that round's xmlsec1 run. A `corridor verify --trust` row does
 *      xmlsec1's own job on the same files (parse, signatures, chain to the same CAs): what the
 *      matrix costs beyond it is its 13 receivers' rules and the report;
 *   2. `corridor verify` vs xmlsec1 and xml-crypto on 200 distinct 22 KB RSA documents;
 *   3. peak RSS of `matrix` at 1,000 and 10,000 documents (50,000 too with --large), json and text;
 *   4. the cost of a receiver: 1,000 documents against 13 and against 26 receivers (the shipped
 *      profiles plus a renamed copy of each). A copy has its original's policies, so what
 *      receivers share by content (algorithm matches, chains, constraint results) is made once
 *      for both; `check` of the same documents therefore also runs against the first 1, half and
 *      all of the shipped receivers, distinct ones: the slope is what one more of those costs.
 * CPU is user + system time reported by each child (a shared machine disturbs it less than
 * wall time); medians of --runs interleaved runs. With --before <bin/corridor.js of another
 * build> every corridor figure is measured for both builds, interleaved, in the same run.
 *
 *   npm run build && npx tsx bench/scale.ts [--before /tmp/old/bin/corridor.js] [--runs 3] [--large]
 *     [--sections 1,4] [--jobs 1,2,auto]
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signEnveloped } from '../src/signature/sign.js';
import { compareText } from '../src/util/collate.js';
import { median } from './lib/median.js';
import { probeArgs, readProbe } from './lib/probe.js';
import { linkedCorpus, signedCorpus } from './lib/signed-corpus.js';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const after = join(root, 'bin/corridor.js');
const beforeArg = argument('--before');
const before = beforeArg ? resolve(beforeArg) : undefined;
const runs = Number(argument('--runs') ?? 3);
const large = process.argv.includes('--large');
/** --sections 1,4 runs only those sections (default: all). */
const sections = argument('--sections')?.split(',').map(Number);
const only = (section: number): boolean => !sections || sections.includes(section);
const jobsValues = (argument('--jobs') ?? '1,auto').split(',');
if (!existsSync(join(root, 'dist/cli/main.js'))) throw new Error('run npm run build first');
if (spawnSync('xmlsec1', ['--version']).status !== 0) {
  console.log(
    'xmlsec1 is not installed: nothing to compare with (Debian: apt-get install xmlsec1).',
  );
  process.exit(0);
}
if (spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status !== 0) {
  throw new Error('/usr/bin/time (Debian package time) is needed to measure xmlsec1');
}

const work = mkdtempSync(join(tmpdir(), 'corridor-bench-scale-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

interface Sample {
  cpu: number;
  wall: number;
  rssMiB: number;
}

// Preloaded into a node child: its own CPU time and peak RSS on stderr, after everything else.
const PROBE = probeArgs(work);

function node(args: string[], okStatus: number[] = [0, 1]): Sample {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [...PROBE, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, CI: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const stderr = String(run.stderr);
  const probe = readProbe(stderr);
  if (!okStatus.includes(run.status ?? -1) || !probe)
    throw new Error(
      `node ${args.slice(0, 3).join(' ')}… exited ${run.status}: ${stderr.slice(-500)}`,
    );
  return { ...probe, wall };
}

function xmlsec1(args: string[], expectOk: number): Sample {
  const start = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', 'time:%U:%S:%M', 'xmlsec1', '--verify', ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const time = /time:([\d.]+):([\d.]+):(\d+)\s*$/.exec(run.stderr);
  const ok = (`${run.stdout}${run.stderr}`.match(/^OK$/gm) ?? []).length;
  if (!time || ok !== expectOk)
    throw new Error(`xmlsec1 verified ${ok} of ${expectOk}: ${run.stderr.slice(0, 500)}`);
  return { cpu: Number(time[1]) + Number(time[2]), wall, rssMiB: Number(time[3]) / 1024 };
}

/** Every run of each named command, round by round (interleaved). */
function rounds(commands: Record<string, () => Sample>, count = runs): Record<string, Sample[]> {
  const samples: Record<string, Sample[]> = {};
  for (let i = 0; i < count; i++)
    for (const [name, command] of Object.entries(commands)) (samples[name] ??= []).push(command());
  return samples;
}

/**
 * The median of each round's ratio of `name` to `base` (the same round's run): on a shared
 * machine whose speed drifts between rounds, steadier than a ratio of the two medians.
 */
function pairedRatio(
  samples: Record<string, Sample[]>,
  name: string,
  base: string,
  of: 'cpu' | 'wall',
): number {
  const own = samples[name]!;
  const other = samples[base]!;
  return median(own.map((sample, round) => sample[of] / other[round]![of]));
}

/** Medians of `count` interleaved runs of each named command. */
function interleaved(commands: Record<string, () => Sample>, count = runs): Record<string, Sample> {
  return mediansOf(rounds(commands, count));
}

function mediansOf(samples: Record<string, Sample[]>): Record<string, Sample> {
  return Object.fromEntries(
    Object.entries(samples).map(([name, list]) => [
      name,
      {
        cpu: median(list.map((s) => s.cpu)),
        wall: median(list.map((s) => s.wall)),
        rssMiB: median(list.map((s) => s.rssMiB)),
      },
    ]),
  );
}

const builds: Array<[string, string]> = before
  ? [
      ['before', before],
      ['after', after],
    ]
  : [['this build', after]];
const f2 = (n: number): string => n.toFixed(2);
const table = (rows: string[][]): void => {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  for (const row of rows)
    console.log(
      row
        .map((cell, c) => cell.padEnd(widths[c]!))
        .join('  ')
        .trimEnd(),
    );
};

console.log(
  `node ${process.version}; ${runs} interleaved runs, medians; CPU = user + system of the child`,
);
if (before) console.log(`before: ${before}\nafter:  ${after}`);

// 1. matrix vs xmlsec1 batch verify.
const sizes = large ? [1000, 5000] : [1000];
// Section 2 makes its own documents: signing 1,000 is skipped when only it runs.
const needCorpus = only(1) || only(3) || only(4);
const biggest = needCorpus
  ? signedCorpus(join(work, 'signed'), Math.max(...sizes))
  : { dir: '', files: [], caFiles: [] };
const trusted = biggest.caFiles.flatMap((file) => ['--trusted-pem', file]);
if (only(1))
  console.log(
    '\n1. matrix (13 receivers, -f json -o file) vs xmlsec1 --verify of the same files in one process',
  );
const matrixRows = [
  [
    'documents',
    'command',
    'CPU s',
    'wall s',
    'CPU ratio',
    'wall ratio',
    'wall ratio, paired',
    'peak RSS MiB',
  ],
];
for (const size of only(1) ? sizes : []) {
  const dir = size === biggest.files.length ? biggest.dir : join(work, `signed-${size}`);
  const files =
    size === biggest.files.length ? biggest.files : linkedSubset(biggest.files, dir, size);
  const commands: Record<string, () => Sample> = {
    xmlsec1: () => xmlsec1([...trusted, ...files], size),
  };
  for (const [name, bin] of builds)
    commands[`corridor verify --trust (${name})`] = () =>
      node([
        bin,
        'verify',
        '--format',
        'json',
        '--as-of',
        '2026-12-01',
        ...biggest.caFiles.flatMap((file) => ['--trust', file]),
        ...files,
      ]);
  for (const [name, bin] of builds)
    for (const jobs of jobsValues)
      commands[`corridor matrix --jobs ${jobs} (${name})`] = () =>
        node([
          bin,
          'matrix',
          '--docs',
          dir,
          '-f',
          'json',
          '-o',
          join(work, 'out.json'),
          '--as-of',
          '2026-12-01',
          '--jobs',
          jobs,
        ]);
  const samples = rounds(commands);
  const result = mediansOf(samples);
  const base = result['xmlsec1']!;
  for (const [name, s] of Object.entries(result))
    matrixRows.push([
      String(size),
      name,
      f2(s.cpu),
      f2(s.wall),
      f2(s.cpu / base.cpu),
      f2(s.wall / base.wall),
      f2(pairedRatio(samples, name, 'xmlsec1', 'wall')),
      s.rssMiB.toFixed(0),
    ]);
}
if (only(1)) table(matrixRows);

/** The first `count` files of a corpus, hard-linked under `dir` (same content, same names). */
function linkedSubset(files: readonly string[], dir: string, count: number): string[] {
  return linkedCorpus({ dir: '', files: files.slice(0, count), caFiles: [] }, dir, count);
}

// 2. verify: corridor vs xmlsec1 vs xml-crypto on 200 × 22 KB.
if (only(2)) {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyFile = join(work, 'rsa.pem');
  writeFileSync(keyFile, rsa.publicKey.export({ type: 'spki', format: 'pem' }));
  const dir = join(work, 'verify');
  mkdirSync(dir);
  const files = Array.from({ length: 200 }, (_, n) => {
    const lines = [`<d:Declaration xmlns:d="urn:corridor:bench" number="D-${n}">`];
    for (let line = 0; lines.join('\n').length < 21 * 1024; line++)
      lines.push(
        `  <d:Line no="${line}"><d:Hs>${8400 + (line % 90)}.10</d:Hs><d:Goods>Machine parts, lot ${n}-${line} &amp; spares</d:Goods><d:Mass unit="kg">${(n + line * 1.25).toFixed(2)}</d:Mass></d:Line>`,
      );
    lines.push('</d:Declaration>');
    const xml = signEnveloped(`<?xml version="1.0" encoding="UTF-8"?>\n${lines.join('\n')}\n`, {
      signatureAlgorithm: 'rsa-sha256',
      digestAlgorithm: 'sha256',
      canonicalization: 'exc-c14n',
      privateKey: { family: 'rsa', keyObject: rsa.privateKey },
    });
    const file = join(dir, `d${n}.xml`);
    writeFileSync(file, xml);
    return file;
  });
  const sizeKb = readFileSync(files[0]!).length / 1024;
  const xmlCrypto = join(work, 'xml-crypto.mjs');
  // xml-crypto in a process of its own, as the CLIs: read, parse (xmldom), verify each file.
  writeFileSync(
    xmlCrypto,
    `import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(${JSON.stringify(join(root, 'package.json'))});
const { DOMParser } = require('@xmldom/xmldom');
const { SignedXml } = require('xml-crypto');
const key = readFileSync(process.argv[2], 'utf8');
let ok = 0;
for (const file of process.argv.slice(3)) {
  const xml = readFileSync(file, 'utf8');
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const signature = doc.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature')[0];
  const sig = new SignedXml({ publicCert: key });
  sig.loadSignature(signature);
  if (sig.checkSignature(xml)) ok++;
}
if (ok !== process.argv.length - 3) { console.error('xml-crypto verified ' + ok); process.exit(3); }
`,
  );
  const commands: Record<string, () => Sample> = {
    'xmlsec1 --verify': () => xmlsec1(['--pubkey-pem', keyFile, ...files], files.length),
    'xml-crypto (node process)': () => node([xmlCrypto, keyFile, ...files], [0]),
  };
  for (const [name, bin] of builds)
    commands[`corridor verify (${name})`] = () =>
      node([bin, 'verify', '--key', keyFile, '--format', 'json', ...files], [0]);
  const result = interleaved(commands);
  console.log(
    `\n2. verify of ${files.length} distinct ${sizeKb.toFixed(0)} KB RSA-SHA256 documents, one process each`,
  );
  const base = result['xmlsec1 --verify']!;
  const crypto = result['xml-crypto (node process)']!;
  const rows = [['command', 'CPU s', 'wall s', 'CPU / xmlsec1', 'xml-crypto CPU / this']];
  for (const [name, s] of Object.entries(result))
    rows.push([name, f2(s.cpu), f2(s.wall), f2(s.cpu / base.cpu), f2(crypto.cpu / s.cpu)]);
  table(rows);
}

// 3. peak RSS against the number of documents.
if (only(3)) {
  const counts = large ? [1000, 10000, 50000] : [1000, 10000];
  console.log(
    '\n3. peak RSS of matrix (MiB) by documents (hard links to the 1,000 signed ones), one run each',
  );
  const rows = [['build', 'format', ...counts.map(String), `${counts.at(-1)} / ${counts[0]}`]];
  const dirs = counts.map((count) => {
    const dir = join(work, `linked-${count}`);
    linkedCorpus(biggest, dir, count);
    return dir;
  });
  for (const [name, bin] of builds)
    for (const format of ['json', 'text']) {
      const peaks = dirs.map(
        (dir) =>
          node([
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
          ]).rssMiB,
      );
      rows.push([name, format, ...peaks.map((p) => p.toFixed(0)), f2(peaks.at(-1)! / peaks[0]!)]);
    }
  table(rows);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

// 4. the cost of a receiver: 13 vs 26.
if (only(4)) {
  /** The receivers (every profile but the baselines) of a profiles folder, in id order. */
  const receiversIn = (dir: string): Array<Record<string, unknown>> =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.json') && !f.includes('schema'))
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>)
      .filter((profile) => profile['kind'] !== 'baseline')
      .sort((x, y) => compareText(String(x['id']), String(y['id'])));
  /** Each build's own shipped profiles, and a copy with a renamed twin of every receiver. */
  const doubled = (bin: string, name: string): { dir: string; receivers: number } => {
    const shipped = resolve(dirname(bin), '../profiles');
    const dir = join(work, `profiles-26-${name.replace(/\W/g, '')}`);
    // dereference: a build whose profiles folder is a symbolic link is copied, not linked to.
    cpSync(shipped, dir, { recursive: true, dereference: true });
    const receivers = receiversIn(dir);
    for (const profile of receivers) {
      // A renamed copy is one more receiver; it claims no member states (senders stay as they are).
      const { memberStates: _claimed, ...copy } = profile;
      writeFileSync(
        join(dir, `${String(profile['id'])}-B.json`),
        JSON.stringify({ ...copy, id: `${String(profile['id'])}-B` }, null, 2),
      );
    }
    return { dir, receivers: receivers.length };
  };
  const commands: Record<string, () => Sample> = {};
  let receivers = 0;
  for (const [name, bin] of builds) {
    const twice = doubled(bin, name);
    receivers = twice.receivers;
    for (const [label, dir] of [
      ['single', resolve(dirname(bin), '../profiles')],
      ['double', twice.dir],
    ] as const)
      commands[`${name}|${label}`] = () =>
        node([
          bin,
          'matrix',
          '--docs',
          biggest.dir,
          '--profiles',
          dir,
          '-f',
          'json',
          '-o',
          join(work, 'out.json'),
          '--as-of',
          '2026-12-01',
        ]);
  }
  const subsets = new Map<string, number[]>();
  for (const [name, bin] of builds) {
    const ids = receiversIn(resolve(dirname(bin), '../profiles')).map((p) => String(p['id']));
    const sizes = [...new Set([1, Math.ceil(ids.length / 2), ids.length])];
    subsets.set(name, sizes);
    for (const size of sizes)
      commands[`${name}|to ${size}`] = () =>
        node([
          bin,
          'check',
          '--to',
          ids.slice(0, size).join(','),
          '--as-of',
          '2026-12-01',
          '--fail-on',
          'never',
          '-f',
          'json',
          '-o',
          join(work, 'check.json'),
          ...biggest.files,
        ]);
  }
  const result = interleaved(commands);
  console.log(
    `\n4. cost of a receiver: matrix of ${biggest.files.length} documents, ${receivers} vs ${2 * receivers} receivers (-f json)`,
  );
  const rows = [
    [
      'build',
      `CPU s (${receivers})`,
      `CPU s (${2 * receivers})`,
      `per extra receiver, % of the ${receivers}-receiver run`,
    ],
  ];
  for (const [name] of builds) {
    const small = result[`${name}|single`]!.cpu;
    const big = result[`${name}|double`]!.cpu;
    rows.push([
      name,
      f2(small),
      f2(big),
      `${((100 * (big - small)) / receivers / small).toFixed(1)}%`,
    ]);
  }
  table(rows);
  console.log(
    `\n   distinct receivers: check of the same ${biggest.files.length} documents --to the first n shipped receivers (-f json)`,
  );
  const distinctRows = [
    ['build', 'receivers', 'CPU s', 'per extra receiver, % of the all-receiver run'],
  ];
  for (const [name] of builds) {
    const sizes = subsets.get(name)!;
    const cpuOf = (size: number): number => result[`${name}|to ${size}`]!.cpu;
    const all = sizes[sizes.length - 1]!;
    for (const size of sizes)
      distinctRows.push([
        name,
        String(size),
        f2(cpuOf(size)),
        size === 1
          ? ''
          : `${((100 * (cpuOf(size) - cpuOf(1))) / (size - 1) / cpuOf(all)).toFixed(1)}%`,
      ]);
  }
  table(distinctRows);
}

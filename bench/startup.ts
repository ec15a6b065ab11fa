/**
 * Start-up of the built CLI: median wall time (and min, max), median CPU time (user + system,
 * reported by the child itself, so a busy machine disturbs it less than wall time) and the
 * number of modules loaded (ES modules through a loader hook, CommonJS ones from
 * require.cache), over several runs of `--help`, light commands, one-document `check`s and
 * `matrix` on the shipped corpus, each in a fresh `node` process, against a bare `node -e 0`.
 * Build first (`npm run build`).
 *
 *   npx tsx bench/startup.ts                      # this tree's bin/corridor.js
 *   npx tsx bench/startup.ts --runs 9 --bin /tmp/old/bin/corridor.js
 *   npx tsx bench/startup.ts --before-ref <commit> # builds that commit in a temporary folder
 *                                                  # and prints both side by side, runs interleaved
 *   npx tsx bench/startup.ts --before /tmp/base/bin/corridor.js   # a built tree, side by side
 *   npx tsx bench/startup.ts --only 'verify|check'                 # the cases matching a RegExp
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signedCorpus } from './lib/signed-corpus.js';
import { median } from './lib/median.js';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = resolve(argument('--bin') ?? resolve(root, 'bin/corridor.js'));
const runs = Number(argument('--runs') ?? 7);
const beforeRef = argument('--before-ref');
const beforeBin = argument('--before');
const only = new RegExp(argument('--only') ?? '');
if (!existsSync(bin)) throw new Error(`${bin} not found: run npm run build first`);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs expects a whole number ≥ 1');

interface Case {
  name: string;
  args: string[];
  /** Runs for slow cases; defaults to --runs. */
  runs?: number;
}

const oneCheck = (file: string) => ['check', file, '--to', 'KZ', '--fail-on', 'never'];
// 200 distinct signed RSA/ECDSA documents (bench/lib/signed-corpus.ts), made only when a case
// needs them; verify's exit code is 1 for the untrusted ones, so the run passes --key-less.
let corpusDir: string | undefined;
const corpusFiles = (): string[] => {
  corpusDir ??= mkdtempSync(join(tmpdir(), 'corridor-startup-corpus-'));
  return signedCorpus(corpusDir, 200).files;
};
const allCases: Case[] = [
  { name: 'node -e 0 (reference)', args: [] },
  { name: '--help', args: ['--help'] },
  { name: '--version', args: ['--version'] },
  { name: 'check --help', args: ['check', '--help'] },
  { name: 'profiles list', args: ['profiles', 'list'] },
  { name: 'profiles show RU', args: ['profiles', 'show', 'RU'] },
  { name: 'profiles lint', args: ['profiles', 'lint'] },
  {
    name: 'check RSA doc (one pair)',
    args: oneCheck('fixtures/documents/EU/customs-declaration.xml'),
  },
  {
    name: 'check GOST doc (one pair)',
    args: oneCheck('fixtures/documents/RU/customs-declaration.xml'),
  },
  { name: 'check RU licence (one pair)', args: oneCheck('fixtures/documents/RU/licence.xml') },
  { name: 'algorithms', args: ['algorithms'] },
  { name: 'verify one document', args: ['verify', 'fixtures/documents/EU/licence.xml'] },
  {
    name: 'verify -f json one document',
    args: ['verify', 'fixtures/documents/EU/licence.xml', '-f', 'json'],
  },
  { name: 'verify 200 documents', args: ['verify', '<corpus>'] },
  { name: 'matrix (shipped corpus)', args: ['matrix', '-f', 'json'], runs: Math.min(runs, 5) },
];
const cases = allCases
  .filter((c) => c.args.length === 0 || only.test(c.name))
  .map((c) => (c.args[1] === '<corpus>' ? { ...c, args: [c.args[0]!, ...corpusFiles()] } : c));
process.on('exit', () => {
  if (corpusDir) rmSync(corpusDir, { recursive: true, force: true });
});

// Preloaded into the child: counts the modules it loads (ES modules in a loader hook, which runs
// on its own thread and adds into shared memory; CommonJS ones from require.cache) and prints
// them with its own CPU time on exit, on stderr after everything else.
const HOOK =
  'let n;export function initialize(d){n=new Int32Array(d.counts)}' +
  'export async function load(u,c,next){const r=await next(u,c);' +
  'if(r.format!=="builtin"&&r.format!=="commonjs")Atomics.add(n,0,1);return r}';
const PROBE =
  'import{register,createRequire}from"node:module";' +
  'const counts=new SharedArrayBuffer(4);' +
  `register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOK)}`)},{data:{counts}});` +
  'const cache=createRequire(process.cwd()+"/").cache;' +
  'process.on("exit",()=>{const u=process.cpuUsage();' +
  'const esm=Atomics.load(new Int32Array(counts),0);' +
  'process.stderr.write("\\ncpu-us:"+(u.user+u.system)+" modules:"+(esm+Object.keys(cache).length))})';
const PROBE_URL = `data:text/javascript,${encodeURIComponent(PROBE)}`;

interface Sample {
  wall: number;
  cpu: number;
  modules: number;
}

function timeOnce(corridor: string, args: string[]): Sample {
  const argv = ['--import', PROBE_URL, ...(args.length === 0 ? ['-e', '0'] : [corridor, ...args])];
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, argv, {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, CI: '1' }, // no progress bar
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const stderr = String(result.stderr);
  // verify exits 1 when a signature is valid but not trusted (no --trust): still a full run.
  if (result.status !== 0 && !(args[0] === 'verify' && result.status === 1)) {
    throw new Error(`corridor ${args.join(' ')} exited ${result.status}: ${stderr}`);
  }
  const probe = /cpu-us:(\d+) modules:(\d+)\s*$/.exec(stderr);
  if (!probe) throw new Error(`corridor ${args.join(' ')}: no CPU figure on stderr`);
  return { wall, cpu: Number(probe[1]) / 1000, modules: Number(probe[2]) };
}

/**
 * `ref` exported and built as its `npm run build` does (tsc, then the CLI bundle when the ref has
 * scripts/bundle.ts) in a temporary folder, sharing this tree's node_modules.
 */
function buildRef(ref: string): { bin: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-startup-'));
  execFileSync('sh', ['-c', `git -C "${root}" archive "${ref}" | tar -x -C "${dir}"`]);
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir]);
  if (existsSync(join(dir, 'scripts/bundle.ts'))) {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/bundle.ts'], { cwd: dir });
  }
  return { bin: join(dir, 'bin/corridor.js'), cleanup: () => rmSync(dir, { recursive: true }) };
}

const ms = (value: number, width: number): string => value.toFixed(0).padStart(width);
const summary = (samples: Sample[]) => ({
  wall: median(samples.map((s) => s.wall)),
  cpu: median(samples.map((s) => s.cpu)),
  modules: median(samples.map((s) => s.modules)),
  min: Math.min(...samples.map((s) => s.wall)),
  max: Math.max(...samples.map((s) => s.wall)),
});

if (beforeRef === undefined && beforeBin === undefined) {
  console.log(`bin: ${bin}, node ${process.version}, ${runs} runs (matrix: ${Math.min(runs, 5)})`);
  console.log(
    `${'case'.padEnd(28)} ${'wall ms'.padStart(8)} ${'min'.padStart(6)} ${'max'.padStart(6)} ` +
      `${'cpu ms'.padStart(7)} ${'modules'.padStart(8)}`,
  );
  for (const { name, args, runs: count = runs } of cases) {
    timeOnce(bin, args); // warm the file-system cache
    const s = summary(Array.from({ length: count }, () => timeOnce(bin, args)));
    console.log(
      `${name.padEnd(28)} ${ms(s.wall, 8)} ${ms(s.min, 6)} ${ms(s.max, 6)} ${ms(s.cpu, 7)} ` +
        `${ms(s.modules, 8)}`,
    );
  }
} else {
  const before = beforeBin
    ? { bin: resolve(beforeBin), cleanup: () => undefined }
    : buildRef(beforeRef!);
  try {
    console.log(
      `before: ${beforeBin ?? beforeRef}, after: ${bin}, node ${process.version}, medians of ${runs} runs ` +
        `(matrix: ${Math.min(runs, 5)}), before and after interleaved`,
    );
    console.log(
      `${'case'.padEnd(28)} ${'cpu ms before'.padStart(13)} ${'after'.padStart(6)} ` +
        `${'ratio'.padStart(6)} ${'wall ms before'.padStart(14)} ${'after'.padStart(6)} ` +
        `${'modules before'.padStart(14)} ${'after'.padStart(6)}`,
    );
    for (const { name, args, runs: count = runs } of cases) {
      timeOnce(before.bin, args);
      timeOnce(bin, args);
      const old: Sample[] = [];
      const now: Sample[] = [];
      for (let i = 0; i < count; i++) {
        old.push(timeOnce(before.bin, args));
        now.push(timeOnce(bin, args));
      }
      const [b, a] = [summary(old), summary(now)];
      console.log(
        `${name.padEnd(28)} ${ms(b.cpu, 13)} ${ms(a.cpu, 6)} ${(a.cpu / b.cpu).toFixed(2).padStart(6)} ` +
          `${ms(b.wall, 14)} ${ms(a.wall, 6)} ${ms(b.modules, 14)} ${ms(a.modules, 6)}`,
      );
    }
  } finally {
    before.cleanup();
  }
}

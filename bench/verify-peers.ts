/**
 * Section 2 of bench/scale.ts alone (issue #14's `verify` goals, ~15 s instead of ~70 s):
 * `corridor verify --key` vs `xmlsec1 --verify` and xml-crypto on 200 distinct 22 KB RSA-SHA256
 * documents, one process each, side by side in one run. CPU = user + system of each child;
 * medians of --runs interleaved runs. With --before <bin/corridor.js of another build>, both.
 *
 *   npm run build && npx tsx bench/verify-peers.ts [--before /tmp/old/bin/corridor.js] [--runs 5]
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signEnveloped } from '../src/signature/sign.js';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const after = join(root, 'bin/corridor.js');
const beforeArg = argument('--before');
const runs = Number(argument('--runs') ?? 5);
const count = Number(argument('--documents') ?? 200);
if (!existsSync(join(root, 'dist/cli/main.js'))) throw new Error('run npm run build first');
if (spawnSync('xmlsec1', ['--version']).status !== 0) {
  console.log(
    'xmlsec1 is not installed: nothing to compare with (Debian: apt-get install xmlsec1).',
  );
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'corridor-bench-verify-peers-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

interface Sample {
  cpu: number;
  wall: number;
}

const PROBE =
  'data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();' +
  'process.stderr.write("\\nprobe:"+(u.user+u.system))})';

function node(args: string[]): Sample {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--import', PROBE, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const probe = /probe:(\d+)\s*$/.exec(String(run.stderr));
  if (run.status !== 0 || !probe)
    throw new Error(
      `node ${args.slice(0, 2).join(' ')}… exited ${run.status}: ${String(run.stderr).slice(-500)}`,
    );
  return { cpu: Number(probe[1]) / 1e6, wall };
}

function xmlsec1(args: string[], expectOk: number): Sample {
  const start = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', 'time:%U:%S', 'xmlsec1', '--verify', ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const time = /time:([\d.]+):([\d.]+)\s*$/.exec(run.stderr);
  const ok = (`${run.stdout}${run.stderr}`.match(/^OK$/gm) ?? []).length;
  if (!time || ok !== expectOk)
    throw new Error(`xmlsec1 verified ${ok} of ${expectOk}: ${run.stderr.slice(0, 500)}`);
  return { cpu: Number(time[1]) + Number(time[2]), wall };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const keyFile = join(work, 'rsa.pem');
writeFileSync(keyFile, rsa.publicKey.export({ type: 'spki', format: 'pem' }));
const dir = join(work, 'verify');
mkdirSync(dir);
// The corpus of bench/scale.ts section 2: every document distinct and signed on its own.
const files = Array.from({ length: count }, (_, n) => {
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
const xmlCrypto = join(work, 'xml-crypto.mjs');
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
  'xml-crypto (node process)': () => node([xmlCrypto, keyFile, ...files]),
  'bare node (start-up floor)': () => node(['-e', '0']),
};
const builds: Array<[string, string]> = beforeArg
  ? [
      ['before', resolve(beforeArg)],
      ['after', after],
    ]
  : [['this build', after]];
for (const [name, bin] of builds) {
  commands[`corridor verify (${name})`] = () =>
    node([bin, 'verify', '--key', keyFile, '--format', 'json', ...files]);
  commands[`corridor verify, 1 document (${name})`] = () =>
    node([bin, 'verify', '--key', keyFile, '--format', 'json', files[0]!]);
}
const samples: Record<string, Sample[]> = {};
for (let i = 0; i < runs; i++)
  for (const [name, command] of Object.entries(commands)) (samples[name] ??= []).push(command());
const result = Object.fromEntries(
  Object.entries(samples).map(([name, list]) => [
    name,
    { cpu: median(list.map((s) => s.cpu)), wall: median(list.map((s) => s.wall)) },
  ]),
);
const kb = readFileSync(files[0]!).length / 1024;
console.log(
  `node ${process.version}; verify of ${count} distinct ${kb.toFixed(0)} KB RSA-SHA256 documents, one process each; ${runs} interleaved runs, medians; CPU = user + system of the child`,
);
const base = result['xmlsec1 --verify']!;
const crypto = result['xml-crypto (node process)']!;
const rows = [['command', 'CPU s', 'wall s', 'CPU / xmlsec1', 'xml-crypto CPU / this']];
for (const [name, s] of Object.entries(result))
  rows.push([
    name,
    s.cpu.toFixed(3),
    s.wall.toFixed(3),
    (s.cpu / base.cpu).toFixed(2),
    (crypto.cpu / s.cpu).toFixed(2),
  ]);
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
for (const [name] of builds) {
  const n = result[`corridor verify (${name})`]!.cpu;
  const one = result[`corridor verify, 1 document (${name})`]!.cpu;
  console.log(
    `${name}: start-up (1 document) ${one.toFixed(3)} s, per further document ${(((n - one) / (count - 1)) * 1000).toFixed(3)} ms`,
  );
}

/**
 * `corridor verify` of two builds side by side in one run, per key family (issue #11's note:
 * the key and algorithm work must not slow RSA or ECDSA down): --documents (200) distinct
 * 22 KB documents signed with RSA-2048 / RSA-SHA256 and as many with ECDSA P-256 /
 * ECDSA-SHA256, each verified by one `corridor verify --key` process per build and family, and
 * the first document alone (start-up). CPU is user + system of the child; medians of --runs
 * interleaved runs; the cost per document is the slope between the two.
 *
 *   npm run build
 *   git archive <old commit> | tar -x -C /tmp/old && ln -s "$PWD/node_modules" /tmp/old/ \
 *     && (cd /tmp/old && npx tsc -p tsconfig.json)
 *   npx tsx bench/verify-families.ts --before /tmp/old/bin/corridor.js [--runs 7] [--keyinfo]
 *
 * --keyinfo: the documents carry their signer's (self-signed) certificate in KeyInfo and are
 * verified without --key (key selection from KeyInfo, the common case).
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { issueCertificate } from '../src/pki/issue.js';
import { signEnveloped } from '../src/signature/sign.js';
import { probeArgs, readProbe } from './lib/probe.js';
import { median } from './lib/median.js';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const after = join(root, 'bin/corridor.js');
const beforeArg = argument('--before');
if (!beforeArg) throw new Error('usage: --before <bin/corridor.js of the other build>');
const before = resolve(beforeArg);
const runs = Number(argument('--runs') ?? 5);
const count = Number(argument('--documents') ?? 200);
const keyInfo = process.argv.includes('--keyinfo');
if (!existsSync(join(root, 'dist/cli/main.js'))) throw new Error('run npm run build first');

const work = mkdtempSync(join(tmpdir(), 'corridor-bench-families-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

// Preloaded into the child: its own CPU time on stderr, after everything else.
const PROBE = probeArgs(work);

interface Sample {
  cpu: number;
  wall: number;
}

function verify(bin: string, key: string, files: readonly string[]): Sample {
  const start = process.hrtime.bigint();
  const run = spawnSync(
    process.execPath,
    [...PROBE, bin, 'verify', ...(keyInfo ? [] : ['--key', key]), '--format', 'json', ...files],
    { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 },
  );
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const probe = readProbe(String(run.stderr));
  // Every document must verify in both builds, or the comparison means nothing.
  const valid = (String(run.stdout).match(/"valid": ?true/g) ?? []).length;
  if (run.status !== 0 || !probe || valid < files.length)
    throw new Error(`${bin} verify: exit ${run.status}, ${valid} valid of ${files.length}`);
  return { cpu: probe.cpu, wall };
}

function corpus(
  name: string,
  algorithm: string,
  pair: { privateKey: KeyObject; publicKey: KeyObject },
): string[] {
  const family = algorithm.startsWith('rsa') ? 'rsa' : 'ecdsa';
  const privateKey = pair.privateKey;
  const certificates = keyInfo
    ? [
        issueCertificate({
          subject: `CN=Bench ${name},O=Corridor,C=XX`,
          issuerKey: { family, keyObject: privateKey },
          subjectPublicKey: new Uint8Array(pair.publicKey.export({ type: 'spki', format: 'der' })),
          notBefore: new Date('2024-01-01'),
          notAfter: new Date('2036-01-01'),
          isCA: false,
          serial: 4242n,
        }),
      ]
    : undefined;
  const dir = join(work, name);
  mkdirSync(dir);
  return Array.from({ length: count }, (_, n) => {
    const lines = [`<d:Declaration xmlns:d="urn:corridor:bench" number="D-${n}">`];
    for (let line = 0; lines.join('\n').length < 21 * 1024; line++)
      lines.push(
        `  <d:Line no="${line}"><d:Hs>${8400 + (line % 90)}.10</d:Hs><d:Goods>Machine parts, lot ${n}-${line} &amp; spares</d:Goods><d:Mass unit="kg">${(n + line * 1.25).toFixed(2)}</d:Mass></d:Line>`,
      );
    lines.push('</d:Declaration>');
    const xml = signEnveloped(`<?xml version="1.0" encoding="UTF-8"?>\n${lines.join('\n')}\n`, {
      signatureAlgorithm: algorithm,
      digestAlgorithm: 'sha256',
      canonicalization: 'exc-c14n',
      privateKey: { family, keyObject: privateKey },
      ...(certificates ? { certificates } : {}),
    });
    const file = join(dir, `d${n}.xml`);
    writeFileSync(file, xml);
    return file;
  });
}

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const families = [
  { name: 'RSA-2048 rsa-sha256', files: corpus('rsa', 'rsa-sha256', rsa), key: rsa },
  { name: 'P-256 ecdsa-sha256', files: corpus('ec', 'ecdsa-sha256', ec), key: ec },
].map((family, index) => {
  const key = join(work, `key${index}.pem`);
  writeFileSync(key, family.key.publicKey.export({ type: 'spki', format: 'pem' }));
  return { ...family, keyFile: key };
});

const kb = readFileSync(families[0]!.files[0]!).length / 1024;
console.log(
  `node ${process.version}; corridor verify of ${count} distinct ${kb.toFixed(0)} KB documents per family, ${keyInfo ? 'certificate in KeyInfo, no --key' : '--key'}, one process per run; ${runs} interleaved runs, medians; CPU = user + system of the child`,
);
console.log(`before: ${before}\nafter:  ${after}\n`);
// One document measures start-up (module loading, key reading); the slope from one to
// `count` documents is the cost per document, which start-up work elsewhere cannot hide.
const rows = [
  ['family', 'build', '1 doc CPU s', `${count} docs CPU s`, 'per doc ms', `${count} docs wall s`],
];
const ratios: string[] = [];
for (const family of families) {
  const samples: Record<string, Sample[]> = {};
  for (let i = 0; i < runs; i++)
    for (const [build, bin] of [
      ['before', before],
      ['after', after],
    ] as const) {
      (samples[`${build} 1`] ??= []).push(verify(bin, family.keyFile, family.files.slice(0, 1)));
      (samples[`${build} n`] ??= []).push(verify(bin, family.keyFile, family.files));
    }
  const m = (name: string, field: keyof Sample) => median(samples[name]!.map((s) => s[field]));
  const perDoc = (build: string) =>
    ((m(`${build} n`, 'cpu') - m(`${build} 1`, 'cpu')) / (count - 1)) * 1000;
  for (const build of ['before', 'after'])
    rows.push([
      family.name,
      build,
      m(`${build} 1`, 'cpu').toFixed(2),
      m(`${build} n`, 'cpu').toFixed(2),
      perDoc(build).toFixed(3),
      m(`${build} n`, 'wall').toFixed(2),
    ]);
  ratios.push(
    `${family.name}: after/before CPU — start-up (1 doc) ${(m('after 1', 'cpu') / m('before 1', 'cpu')).toFixed(2)}, ${count} docs ${(m('after n', 'cpu') / m('before n', 'cpu')).toFixed(2)}, per document ${(perDoc('after') / perDoc('before')).toFixed(2)}`,
  );
}
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
console.log(`\n${ratios.join('\n')}`);

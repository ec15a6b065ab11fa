// corridor against xmlsec1 (the C reference implementation of XMLDSig, Debian package xmlsec1):
// documents verified per second, on the same corridor-signed documents of about 1 KB, 20 KB and
// 200 KB, RSA-SHA256, RSA-PSS and ECDSA P-256, as
//   (a) corridor in-process (parse + the guarded verifier the CLI uses),
//   (b) the corridor CLI over a batch of N files in one process (`corridor verify a.xml b.xml …`),
//   (c) `xmlsec1 --verify` once per file, process start included,
//   (d) `xmlsec1 --verify a.xml b.xml …`, N files in one process.
// First a correctness cross-check: every document verifies with all three, and a tampered copy
// fails with all three; any disagreement is printed and the run exits 1.
//
//   npm run build && npx tsx bench/xmlsec1.ts [--bin path/to/corridor.js]
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PrivateKey, PublicKey } from '../src/crypto/types.js';
import { decodePublicKey } from '../src/pki/spki.js';
import { verifyWithinLimits } from '../src/security/verify.js';
import { signEnveloped } from '../src/signature/sign.js';
import { parseXml } from '../src/xml/parse.js';
import { opsPerSecond } from './lib/rate.js';

const version = spawnSync('xmlsec1', ['--version'], { encoding: 'utf8' });
if (version.status !== 0) {
  console.log(
    'xmlsec1 is not installed: nothing to compare with (Debian: apt-get install xmlsec1).',
  );
  process.exit(0);
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const binIndex = process.argv.indexOf('--bin');
const bin = resolve(
  binIndex >= 0 ? (process.argv[binIndex + 1] ?? '') : join(root, 'bin/corridor.js'),
);
// The launcher runs the compiled CLI: without a build there is nothing to time.
const haveCli = existsSync(bin) && (binIndex >= 0 || existsSync(join(root, 'dist/cli/main.js')));
const work = mkdtempSync(join(tmpdir(), 'corridor-bench-xmlsec1-'));
const asOf = new Date();

interface Family {
  name: string;
  signatureAlgorithm: string;
  pair: { privateKey: KeyObject; publicKey: KeyObject };
  family: 'rsa' | 'ecdsa';
}

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const FAMILIES: Family[] = [
  { name: 'RSA-2048 SHA-256', signatureAlgorithm: 'rsa-sha256', pair: rsa, family: 'rsa' },
  { name: 'RSA-PSS SHA-256', signatureAlgorithm: 'rsa-pss-sha256', pair: rsa, family: 'rsa' },
  {
    name: 'ECDSA P-256 SHA-256',
    signatureAlgorithm: 'ecdsa-sha256',
    pair: generateKeyPairSync('ec', { namedCurve: 'P-256' }),
    family: 'ecdsa',
  },
];

/** Size label, target bytes, files per batch (fewer large ones keep the run short). */
const SIZES: Array<[string, number, number]> = [
  ['1 KB', 1024, 100],
  ['20 KB', 20 * 1024, 100],
  ['200 KB', 200 * 1024, 30],
];

/** Declaration number `serial` of about `bytes` bytes: every file of a batch differs. */
function declaration(serial: number, bytes: number): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<d:Declaration xmlns:d="urn:corridor:bench:xmlsec1" number="D-${serial}">`,
  ];
  let length = 140;
  for (let line = 0; length < bytes; line++) {
    const text = `  <d:Line no="${line}"><d:Hs>${8400 + (line % 90)}.10</d:Hs><d:Goods>Machine parts, lot ${serial}-${line} &amp; spares</d:Goods><d:Mass unit="kg">${(serial + line * 1.25).toFixed(2)}</d:Mass></d:Line>`;
    lines.push(text);
    length += text.length + 1;
  }
  lines.push('</d:Declaration>', '');
  return lines.join('\n');
}

/** Wall-clock seconds of the fastest of `runs` runs (a busy machine only ever slows one down). */
function seconds(run: () => void, runs = 3): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return best;
}

function xmlsec1(keyFile: string, files: readonly string[]) {
  const run = spawnSync('xmlsec1', ['--verify', '--pubkey-pem', keyFile, ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${run.stdout}${run.stderr}`;
  return { status: run.status, output, ok: (output.match(/^OK$/gm) ?? []).length };
}

function corridorCli(keyFile: string, files: readonly string[]) {
  const run = spawnSync(
    process.execPath,
    [bin, 'verify', '--key', keyFile, '--format', 'json', ...files],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  let valid: Array<boolean | null> = [];
  try {
    const parsed = JSON.parse(run.stdout) as {
      results: Array<{ signatures: Array<{ valid: boolean | null }> }>;
    };
    valid = parsed.results.map((r) => (r.signatures.length === 1 ? r.signatures[0]!.valid : null));
  } catch {
    // Reported below as a disagreement, with the exit status.
  }
  return { status: run.status, valid, stderr: run.stderr };
}

function inProcess(xml: string, key: PublicKey): boolean | null {
  const results = verifyWithinLimits(parseXml(xml), { asOf, keys: [key] });
  return results.length === 1 ? results[0]!.valid : null;
}

const disagreements: string[] = [];
const rows: string[][] = [
  [
    'family',
    'size',
    'N',
    '(a) in-process',
    '(b) CLI, N files/process',
    '(c) xmlsec1, 1 file/process',
    '(d) xmlsec1, N files/process',
  ],
];

for (const family of FAMILIES) {
  const privateKey: PrivateKey = { family: family.family, keyObject: family.pair.privateKey };
  const publicKey = decodePublicKey(
    new Uint8Array(family.pair.publicKey.export({ type: 'spki', format: 'der' })),
  );
  const keyFile = join(work, `${family.signatureAlgorithm}.pem`);
  writeFileSync(keyFile, family.pair.publicKey.export({ type: 'spki', format: 'pem' }));

  for (const [label, bytes, count] of SIZES) {
    const where = `${family.name}, ${label}`;
    const documents = Array.from({ length: count }, (_, i) =>
      signEnveloped(declaration(i, bytes), {
        signatureAlgorithm: family.signatureAlgorithm,
        digestAlgorithm: 'sha256',
        canonicalization: 'exc-c14n',
        privateKey,
      }),
    );
    const files = documents.map((xml, i) => {
      const file = join(work, `${family.signatureAlgorithm}-${bytes}-${i}.xml`);
      writeFileSync(file, xml);
      return file;
    });
    const tampered = join(work, `${family.signatureAlgorithm}-${bytes}-tampered.xml`);
    const tamperedXml = documents[0]!.replace('Machine parts', 'Machine Parts');
    if (tamperedXml === documents[0]) throw new Error('internal: the tampering changed nothing');
    writeFileSync(tampered, tamperedXml);

    // Correctness first: all valid and the tampered copy invalid, for each verifier.
    const ours = documents.map((xml) => inProcess(xml, publicKey));
    if (!ours.every((v) => v === true))
      disagreements.push(`${where}: corridor in-process: not all valid`);
    if (inProcess(tamperedXml, publicKey) !== false) {
      disagreements.push(`${where}: corridor in-process: tampered copy not refused`);
    }
    if (haveCli) {
      const cli = corridorCli(keyFile, [...files, tampered]);
      const expected = [...files.map(() => true), false];
      if (cli.status !== 1 || JSON.stringify(cli.valid) !== JSON.stringify(expected)) {
        disagreements.push(
          `${where}: corridor CLI: exit ${String(cli.status)}, ${cli.stderr.trim()}`,
        );
      }
    }
    const theirs = xmlsec1(keyFile, files);
    // xmlsec1 1.2.37 has no RSA-PSS: it says so by failing to find the SignatureMethod URI.
    const unknown = theirs.status !== 0 && /FindByHref/.test(theirs.output) && theirs.ok === 0;
    if (!unknown) {
      if (theirs.status !== 0 || theirs.ok !== count) {
        disagreements.push(`${where}: xmlsec1 verified ${theirs.ok} of ${count}`);
      }
      if (xmlsec1(keyFile, [tampered]).status === 0) {
        disagreements.push(`${where}: xmlsec1 accepted the tampered copy`);
      }
    }

    // Throughput.
    let next = 0;
    const a = opsPerSecond(() => {
      inProcess(documents[next++ % count]!, publicKey);
    }, 1500);
    const b = haveCli ? count / seconds(() => corridorCli(keyFile, files)) : undefined;
    const perFile = files.slice(0, Math.min(count, 30));
    const c = unknown
      ? undefined
      : perFile.length / seconds(() => perFile.forEach((file) => xmlsec1(keyFile, [file])), 1);
    const d = unknown ? undefined : count / seconds(() => xmlsec1(keyFile, files));
    const shown = (value: number | undefined, why: string) =>
      value === undefined ? why : value.toFixed(0);
    rows.push([
      family.name,
      label,
      String(count),
      shown(a, '-'),
      shown(b, 'no build'),
      shown(c, 'unknown URI'),
      shown(d, 'unknown URI'),
    ]);
  }
}
rmSync(work, { recursive: true, force: true });

console.log(`${version.stdout.trim()}; node ${process.version}; documents verified per second`);
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
for (const row of rows) {
  console.log(
    row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '),
  );
}
console.log(
  '(b) and (d): best of 3 runs, one process start per batch of N files; (c): up to 30 files, ' +
    'one process start per file. ' +
    '"unknown URI": xmlsec1 does not know the SignatureMethod, so it cannot verify those.',
);
if (!haveCli) console.log(`(b) skipped: ${bin} has no build next to it; run npm run build.`);
if (disagreements.length > 0) {
  console.error(`\nVerdicts disagree:\n${disagreements.map((d) => `  ${d}`).join('\n')}`);
  process.exitCode = 1;
}

/**
 * Builds a ~50 MB signed customs declaration (the IN sample with its GoodsItem repeated) in a
 * temporary folder and prints how to measure `corridor check` and `corridor verify` on it.
 *
 *   npm run build && node --import tsx scripts/measure-large-document.ts [--mb 49] [--run]
 *
 * With --run it also runs both commands under `/usr/bin/time -v` and prints peak RSS and wall
 * time. Kept out of the test suite on purpose: it takes seconds and hundreds of MB.
 * The document is signed with the TEST ONLY IN key under fixtures/keys/.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPrivateKey } from '../src/pki/keys.js';
import { pemBlocks } from '../src/pki/pem.js';
import { signEnveloped } from '../src/signature/sign.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const mbIndex = args.indexOf('--mb');
// Just under the default 50 MiB limit, so the default run reads it.
const targetBytes = Number(mbIndex >= 0 ? args[mbIndex + 1] : 49) * 1024 * 1024;

const sample = readFileSync(join(ROOT, 'fixtures/documents/IN/customs-declaration.xml'), 'utf8');
const unsigned = sample.replace(/<ds:Signature[\s>][\s\S]*?<\/ds:Signature>/, '');
const item = /<GoodsItem>[\s\S]*?<\/GoodsItem>\n/.exec(unsigned)?.[0];
if (!item) throw new Error('no GoodsItem in the sample');

// Enough GoodsItem copies (each with its own sequence number) to reach the target size.
const count = Math.max(1, Math.floor((targetBytes - unsigned.length - 4096) / item.length));
const items: string[] = [];
for (let i = 1; i <= count; i++) {
  items.push(item.replace('<Sequence>1</Sequence>', `<Sequence>${i}</Sequence>`));
}
const large = unsigned.replace(item, items.join(''));

const key = loadPrivateKey(
  readFileSync(join(ROOT, 'fixtures/keys/IN/signer-rsa2048.key.pem'), 'utf8'),
);
const cert = pemBlocks(
  readFileSync(join(ROOT, 'fixtures/keys/IN/signer-rsa2048.cert.pem'), 'utf8'),
)[0];
if (!cert) throw new Error('no IN signer certificate');
const started = performance.now();
const signed = signEnveloped(large, {
  signatureAlgorithm: 'rsa-sha256',
  digestAlgorithm: 'sha256',
  privateKey: key,
  certificates: [cert.der],
});
const signMs = performance.now() - started;

const dir = mkdtempSync(join(tmpdir(), 'corridor-large-'));
const file = join(dir, 'customs-declaration-50mb.xml');
writeFileSync(file, signed);
const size = statSync(file).size;
const bin = join(ROOT, 'bin/corridor.js');
const commands = [
  [
    'check',
    file,
    '--to',
    'IN,EU,RU',
    '--as-of',
    '2026-12-01',
    '-f',
    'json',
    '-o',
    join(dir, 'check.json'),
  ],
  ['verify', file, '--as-of', '2026-12-01'],
];

const out = (line: string) => process.stdout.write(`${line}\n`);
out(`wrote ${file}`);
out(
  `  ${(size / 1024 ** 2).toFixed(1)} MiB, ${count} GoodsItem, signed in ${(signMs / 1000).toFixed(1)} s`,
);
out('');
out('measure with (after `npm run build`, since bin/corridor.js runs dist/):');
for (const command of commands) out(`  /usr/bin/time -v node ${bin} ${command.join(' ')}`);
out('and read "Maximum resident set size" (peak RSS, kB) and "Elapsed (wall clock) time".');

if (args.includes('--run')) {
  out('');
  for (const command of commands) {
    const run = spawnSync('/usr/bin/time', ['-v', process.execPath, bin, ...command], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    const wall =
      /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.*)/.exec(run.stderr)?.[1] ?? '?';
    const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1] ?? NaN);
    out(
      `corridor ${command[0]}: exit ${run.status}, wall ${wall}, peak RSS ${(rss / 1024).toFixed(0)} MiB`,
    );
  }
}

/**
 * GOST R 34.10-2012 verification throughput with a cached key (the case of many documents
 * signed by one certificate), plus Streebog speed. Run: npx tsx bench/gost.ts
 */
import { generateGostKeyPair } from '../src/crypto/gost/keys.js';
import type { GostFamily } from '../src/crypto/gost/oids.js';
import { gostScheme } from '../src/crypto/schemes/gost.js';
import { streebog256, streebog512 } from '../src/crypto/streebog.js';
import { opsPerSecond } from './lib/rate.js';

const message = new TextEncoder().encode('<SignedInfo>' + 'x'.repeat(800) + '</SignedInfo>');
const cases: [GostFamily, string, string][] = [
  ['gost2012-256', '1.2.643.2.2.35.1', 'CryptoPro-A'],
  ['gost2012-256', '1.2.643.7.1.2.1.1.1', 'tc26-256-A'],
  ['gost2012-512', '1.2.643.7.1.2.1.2.1', 'tc26-512-A'],
  ['gost2012-512', '1.2.643.7.1.2.1.2.3', 'tc26-512-C'],
];

for (const [family, oid, name] of cases) {
  const { privateKey, publicKey } = generateGostKeyPair(family, oid);
  const sig = gostScheme.sign(family, privateKey, message, 'xmldsig');
  // the first two calls validate the key and build its table
  gostScheme.verify(family, publicKey, message, sig, 'xmldsig');
  gostScheme.verify(family, publicKey, message, sig, 'xmldsig');
  const verifies = opsPerSecond(() => {
    if (!gostScheme.verify(family, publicKey, message, sig, 'xmldsig')) throw new Error('bad');
  });
  const signs = opsPerSecond(() => gostScheme.sign(family, privateKey, message, 'xmldsig'), 1000);
  console.log(
    `${family.padEnd(13)} ${name.padEnd(12)} verify ${verifies.toFixed(0).padStart(5)}/s (cached key)  sign ${signs.toFixed(0).padStart(5)}/s`,
  );
}

const data = new Uint8Array(8 * 1024 * 1024);
for (const [name, fn] of [
  ['streebog256', streebog256],
  ['streebog512', streebog512],
] as const) {
  fn(data.subarray(0, 65536));
  const t0 = performance.now();
  fn(data);
  console.log(`${name} ${(8 / ((performance.now() - t0) / 1000)).toFixed(1)} MB/s`);
}

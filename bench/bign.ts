/**
 * bign-with-hbelt (STB 34.101.45), belt-hash (STB 34.101.31) and bash256 (STB 34.101.77)
 * speed: what a Belarusian
 * document costs to verify (digest of its canonical form + one signature over SignedInfo).
 * Run: npx tsx bench/bign.ts
 */
import { bash256 } from '../src/crypto/bash/hash.js';
import { BELT_H } from '../src/crypto/belt/block.js';
import { beltHash } from '../src/crypto/belt/hash.js';
import { bignSpkiOfPrivateKey, generateBignPrivateKey } from '../src/crypto/bign/keys.js';
import { bignScheme } from '../src/crypto/schemes/bign.js';
import { decodePublicKey } from '../src/pki/spki.js';
import { opsPerSecond } from './lib/rate.js';

const key = generateBignPrivateKey('1.2.112.0.2.0.34.101.45.3.1');
const privateKey = { family: 'bign' as const, curve: key.curve, d: key.d };
const publicKey = decodePublicKey(bignSpkiOfPrivateKey(key));
const message = new TextEncoder().encode('<SignedInfo>' + 'x'.repeat(800) + '</SignedInfo>');
const sig = bignScheme.sign('bign-hbelt', privateKey, message, 'xmldsig');
bignScheme.verify('bign-hbelt', publicKey, message, sig, 'xmldsig');

const verifies = opsPerSecond(() => {
  if (!bignScheme.verify('bign-hbelt', publicKey, message, sig, 'xmldsig')) throw new Error('bad');
});
const signs = opsPerSecond(
  () => bignScheme.sign('bign-hbelt', privateKey, message, 'xmldsig'),
  1000,
);
console.log(
  `bign-hbelt curve256v1 verify ${verifies.toFixed(0).padStart(5)}/s  sign ${signs.toFixed(0).padStart(5)}/s (deterministic k)`,
);

const data = new Uint8Array(8 * 1024 * 1024).map((_, i) => BELT_H[i & 255] as number);
for (const [name, fn] of [
  ['belt-hash', beltHash],
  ['bash256', bash256],
] as const) {
  fn(data.subarray(0, 65536));
  const t0 = performance.now();
  fn(data);
  console.log(`${name} ${(8 / ((performance.now() - t0) / 1000)).toFixed(1)} MB/s`);
}

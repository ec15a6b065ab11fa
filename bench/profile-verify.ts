// One 200 KB RSA-SHA256 document (the bench/xmlsec1.ts shape) parsed and verified N times, for
// `node --cpu-prof --import tsx bench/profile-verify.ts [N] [KB]`; without --cpu-prof it prints
// the per-phase split (parse / verify) so a change can be timed without a profiler.
// Summarise a profile: node --import tsx bench/lib/cpuprofile-summary.ts CPU.*.cpuprofile
import { generateKeyPairSync } from 'node:crypto';
import type { PrivateKey } from '../src/crypto/types.js';
import { decodePublicKey } from '../src/pki/spki.js';
import { verifyWithinLimits } from '../src/security/verify.js';
import { signEnveloped } from '../src/signature/sign.js';
import { parseXml } from '../src/xml/parse.js';

const runs = Number(process.argv[2] ?? 200);
const bytes = Number(process.argv[3] ?? 200) * 1024;

function declaration(bytes: number): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<d:Declaration xmlns:d="urn:corridor:bench:xmlsec1" number="D-1">',
  ];
  let length = 140;
  for (let line = 0; length < bytes; line++) {
    const text = `  <d:Line no="${line}"><d:Hs>${8400 + (line % 90)}.10</d:Hs><d:Goods>Machine parts, lot 1-${line} &amp; spares</d:Goods><d:Mass unit="kg">${(1 + line * 1.25).toFixed(2)}</d:Mass></d:Line>`;
    lines.push(text);
    length += text.length + 1;
  }
  lines.push('</d:Declaration>', '');
  return lines.join('\n');
}

const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privateKey: PrivateKey = { family: 'rsa', keyObject: pair.privateKey };
const publicKey = decodePublicKey(
  new Uint8Array(pair.publicKey.export({ type: 'spki', format: 'der' })),
);
const xml = signEnveloped(declaration(bytes), {
  signatureAlgorithm: 'rsa-sha256',
  digestAlgorithm: 'sha256',
  canonicalization: 'exc-c14n',
  privateKey,
});
const asOf = new Date();
let parseMs = 0;
let verifyMs = 0;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const doc = parseXml(xml);
  const t1 = performance.now();
  const results = verifyWithinLimits(doc, { asOf, keys: [publicKey] });
  const t2 = performance.now();
  if (results.length !== 1 || results[0]!.valid !== true) throw new Error('did not verify');
  if (i >= 3) {
    parseMs += t1 - t0;
    verifyMs += t2 - t1;
  }
}
const n = Math.max(1, runs - 3);
console.log(
  `${(xml.length / 1024).toFixed(0)} KB x ${n}: parse ${(parseMs / n).toFixed(2)} ms, verify ${(verifyMs / n).toFixed(2)} ms, total ${(1000 / ((parseMs + verifyMs) / n)).toFixed(0)} docs/s`,
);

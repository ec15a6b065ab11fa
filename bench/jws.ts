// JWS/CT throughput: read (JSON.parse + member scan + header) and verify (JCS + signature) of
// signed JSON declarations, small and large, and JCS alone against the reference
// implementation (canonicalize). `npx tsx bench/jws.ts`.
import { generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';
import type { PrivateKey } from '../src/crypto/types.js';
import { readDocument } from '../src/documents/read.js';
import { canonicalizeJson } from '../src/jose/jcs.js';
import { signJwsCt } from '../src/jose/jws-ct-sign.js';
import { verifyJsonDocument } from '../src/jose/verify-document.js';
import { decodePublicKey } from '../src/pki/spki.js';

const canonicalize = createRequire(import.meta.url)('canonicalize') as (v: unknown) => string;

function declaration(items: number): Record<string, unknown> {
  return {
    $type: 'urn:corridor:customs-declaration:1',
    declarationNumber: 'D-1',
    issuingCountry: 'EU',
    goodsItems: Array.from({ length: items }, (_, i) => ({
      commodityCode: String(10_000_000 + i),
      description: `Item ${i} — ball bearings, “steel”`,
      invoicedValue: 1234.5 + i,
      originCountry: 'DE',
    })),
  };
}

function time(label: string, runs: number, work: () => void): void {
  work();
  const start = performance.now();
  for (let i = 0; i < runs; i++) work();
  const ms = (performance.now() - start) / runs;
  console.log(
    `${label.padEnd(44)} ${ms.toFixed(3).padStart(9)} ms/op  ${(1000 / ms).toFixed(0).padStart(7)} op/s`,
  );
}

const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const privateKey: PrivateKey = { family: 'ecdsa', keyObject: pair.privateKey };
const publicKey = decodePublicKey(
  new Uint8Array(pair.publicKey.export({ type: 'spki', format: 'der' })),
);

for (const items of [5, 1_000, 50_000]) {
  const value = declaration(items);
  const text = JSON.stringify(
    signJwsCt(value, { signatureAlgorithm: 'ecdsa-sha256', privateKey }),
    null,
    2,
  );
  const bytes = new TextEncoder().encode(text);
  const size = `${(bytes.length / 1024).toFixed(0)} kB`;
  const runs = items > 10_000 ? 5 : items > 100 ? 50 : 2000;
  time(`read ${items} items (${size})`, runs, () => readDocument('x.json', bytes));
  const document = readDocument('x.json', bytes);
  time(`verify ES256 ${items} items (${size})`, runs, () => {
    if (verifyJsonDocument(document, { keys: [publicKey] })[0]?.valid !== true)
      throw new Error('not valid');
  });
  time(`JCS corridor ${items} items`, runs, () => canonicalizeJson(value));
  time(`JCS canonicalize (reference) ${items} items`, runs, () => canonicalize(value));
}

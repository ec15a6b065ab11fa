// Signed scope costs nothing on the common case: parse + verifyWithinLimits of a whole-document
// (URI="") RSA-2048 signature, 200 KB, and of the same document signed by ID on one element
// (where the wrapping checks run). `npx tsx bench/scope.ts`; compare commits side by side.
import { generateKeyPairSync } from 'node:crypto';
import type { PrivateKey } from '../src/crypto/types.js';
import { decodePublicKey } from '../src/pki/spki.js';
import { verifyWithinLimits } from '../src/security/verify.js';
import { signEnveloped } from '../src/signature/sign.js';
import { parseXml } from '../src/xml/parse.js';
import { opsPerSecond } from './lib/rate.js';

const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privateKey = { family: 'rsa', keyObject: pair.privateKey } as PrivateKey;
const publicKey = decodePublicKey(
  new Uint8Array(pair.publicKey.export({ type: 'spki', format: 'der' })),
);
const items = Array.from(
  { length: 2000 },
  (_, i) =>
    `  <Item n="${i}"><Code>${String(i).padStart(8, '0')}</Code><Text>goods ${i}</Text></Item>`,
).join('\n');
const unsigned = `<?xml version="1.0" encoding="UTF-8"?>\n<Doc xmlns="urn:bench"><Head Id="head"><No>1</No></Head>\n${items}\n</Doc>\n`;
const sign = (referenceUri: '' | '#head') =>
  signEnveloped(unsigned, {
    signatureAlgorithm: 'rsa-sha256',
    digestAlgorithm: 'sha256',
    privateKey,
    referenceUri,
  });
const asOf = new Date();
for (const [name, text] of [
  ['whole document (URI="")', sign('')],
  ['one element by ID', sign('#head')],
] as const) {
  const run = () => {
    const [v] = verifyWithinLimits(parseXml(text), { asOf, keys: [publicKey] });
    if (v?.valid !== true) throw new Error(`${name}: not valid`);
  };
  console.log(
    `${name}, ${Math.round(text.length / 1024)} KB: ${opsPerSecond(run, 3000).toFixed(1)} docs/s`,
  );
}

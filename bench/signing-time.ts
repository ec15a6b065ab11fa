// Cost of reading the XAdES SigningTime (no cryptography) on a 200-item declaration:
// readSignatures without and with a signed SignedProperties, and readXadesSigningTime alone.
// The '#id' Reference makes the reader build the document's ID index, whatever reads the time.
// `npx tsx bench/signing-time.ts`.
import { generateKeyPairSync } from 'node:crypto';
import type { PrivateKey } from '../src/crypto/types.js';
import { readSignatures, signatureElementOf } from '../src/signature/read.js';
import { signEnveloped } from '../src/signature/sign.js';
import { readXadesSigningTime } from '../src/signature/signing-time.js';
import { parseXml } from '../src/xml/parse.js';
import { opsPerSecond } from './lib/rate.js';

const items = Array.from(
  { length: 200 },
  (_, i) => `  <Item n="${i}"><Code>8471300000</Code><Text>Laptops ${i}</Text></Item>\n`,
).join('');
const unsigned = `<Declaration xmlns="urn:bench">\n${items}</Declaration>\n`;
const privateKey: PrivateKey = {
  family: 'rsa',
  keyObject: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey,
};
const options = { signatureAlgorithm: 'rsa-sha256', digestAlgorithm: 'sha256', privateKey };
const plain = signEnveloped(unsigned, options);
const xades = signEnveloped(unsigned, {
  ...options,
  xadesSigningTime: { time: '2019-06-01T10:00:00Z' },
});

const line = (name: string, rate: number) =>
  console.log(`${name.padEnd(40)} ${rate.toFixed(0).padStart(8)}/s`);
for (const [name, xml] of [
  ['plain XMLDSig', plain],
  ['XAdES SigningTime', xades],
] as const) {
  line(
    `${name}: parse`,
    opsPerSecond(() => parseXml(xml)),
  );
  line(
    `${name}: parse + readSignatures`,
    opsPerSecond(() => readSignatures(parseXml(xml))),
  );
}
const doc = parseXml(xades);
const [info] = readSignatures(doc);
const element = info && signatureElementOf(doc, info);
if (!info || !element) throw new Error('no signature');
line(
  'readXadesSigningTime alone (index built)',
  opsPerSecond(() => readXadesSigningTime(doc, element, info.references, [])),
);

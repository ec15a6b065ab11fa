// Per-document cost of XSD validation (libxml2-wasm), beside the cost of reading the document
// without a schema, measured side by side in one process: the ratio is what to quote on a noisy
// machine. Schema compilation is once per process and reported on its own.
// `npm run bench -- xsd`
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readDocument } from '../src/documents/read.js';
import { loadXsdEngine } from '../src/doctypes/xsd.js';

const vector = (p: string) =>
  readFileSync(fileURLToPath(new URL(`../test/vectors/doctypes/${p}`, import.meta.url)));
const samples = [
  ['CC015C (NCTS P5, 10 KB)', vector('hmrc-transit-movements-validator/cc015c-valid-2.xml')],
  ['DEC-DMS (CDS, 10 KB)', vector('hmrc-customs-declarations/TT_EX001a.xml')],
  ['CEB621 (China 2022, 7 KB)', vector('chinaport-data-signature/CEB621Message.xml')],
] as const;
const ROUNDS = 200;

let started = performance.now();
const xsd = await loadXsdEngine();
console.log(`libxml2-wasm load: ${(performance.now() - started).toFixed(0)} ms`);
for (const [name, bytes] of samples) {
  started = performance.now();
  readDocument('x.xml', bytes, { xsd }); // compiles the schema set once
  const compile = performance.now() - started;
  const time = (withXsd: boolean) => {
    const t = performance.now();
    for (let i = 0; i < ROUNDS; i++) readDocument('x.xml', bytes, withXsd ? { xsd } : {});
    return (performance.now() - t) / ROUNDS;
  };
  // Interleaved, twice, keep the better of each.
  const plain = Math.min(time(false), time(false));
  const validated = Math.min(time(true), time(true));
  console.log(
    `${name}: first document (schema compile) ${compile.toFixed(0)} ms; read ${plain.toFixed(2)} ms/doc, read+XSD ${validated.toFixed(2)} ms/doc (XSD ${(validated - plain).toFixed(2)} ms/doc, ×${(validated / plain).toFixed(1)})`,
  );
}

/**
 * The cold path: the first 50 documents of a matrix run on the shipped corpus, each phase timed
 * per document in a fresh process (built code, `npm run build` first): parse (bytes to tree),
 * read (parse, document model, format recognition and mapping, XSD validation), verify and
 * evaluate (rules for every receiver), in CPU milliseconds. Profiles, document types and libxml2 are loaded before
 * the clock starts. The same 50 documents are then read again, warm; the table gives the sum of
 * each phase over the 50 documents cold and warm, medians of several processes.
 *
 *   npx tsx bench/cold-path.ts [--runs 5] [--dist /tmp/old/dist]
 */
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median } from './lib/median.js';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(argument('--dist') ?? resolve(root, 'dist'));
const runs = Number(argument('--runs') ?? 5);
const DOCUMENTS = 50;

/** Runs in the child: prints one JSON line of per-phase sums, cold and warm. */
const CHILD = `
const at = (p) => import(${JSON.stringify(pathToFileURL(dist).href)} + '/' + p);
const { readFileSync } = await import('node:fs');
const { loadCrypto } = await at('crypto/schemes/index.js');
const { loadProfiles } = await at('profiles/load.js');
const { shippedDoctypes } = await at('doctypes/load.js');
const { loadXsdEngine } = await at('doctypes/xsd.js');
const { parseXml } = await at('xml/parse.js');
const { readDocumentFile } = await at('documents/read.js');
const { verifyParsedDocument } = await at('engine/verify-document.js');
const { findDocuments, startEvaluation } = await at('engine/run.js');
await loadCrypto();
const profiles = loadProfiles();
const read = { doctypes: shippedDoctypes(), xsd: await loadXsdEngine() };
const asOf = new Date('2026-12-01T00:00:00Z');
const files = findDocuments(${JSON.stringify(resolve(root, 'fixtures/documents'))});
const first = [...files, ...files].slice(0, ${DOCUMENTS});
// CPU time of this process (its compiler and GC threads included): steadier than wall time on a
// shared machine, and what the cold path costs.
const now = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const pass = () => {
  const sums = { parse: 0, read: 0, verify: 0, evaluate: 0 };
  const evaluation = startEvaluation({ kind: 'matrix', profiles, asOf, receivers: 'all' });
  for (const file of first) {
    let t = now();
    const bytes = readFileSync(file);
    if (bytes[0] === 0x3c || bytes[3] === 0x3c) { try { parseXml(bytes); } catch {} }
    sums.parse += now() - t;
    t = now();
    const document = readDocumentFile(file, read);
    sums.read += now() - t;
    t = now();
    const verifications = verifyParsedDocument(document, { asOf });
    sums.verify += now() - t;
    t = now();
    evaluation.add({ document, verifications });
    sums.evaluate += now() - t;
  }
  return sums;
};
const cold = pass();
const warm = pass();
process.stdout.write(JSON.stringify({ cold, warm }) + '\\n');
`;

type Sums = Record<'parse' | 'read' | 'verify' | 'evaluate', number>;
const samples: Array<{ cold: Sums; warm: Sums }> = [];
for (let i = 0; i < runs; i++) {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD], {
    cwd: root,
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`cold-path child failed: ${child.stderr}`);
  samples.push(JSON.parse(child.stdout.trim().split('\n').pop()!) as { cold: Sums; warm: Sums });
}
console.log(
  `dist: ${dist}, first ${DOCUMENTS} documents of the shipped corpus, medians of ${runs} processes`,
);
console.log(
  `${'phase'.padEnd(10)} ${'cold ms'.padStart(8)} ${'warm ms'.padStart(8)} ${'cold/warm'.padStart(9)}`,
);
for (const phase of ['parse', 'read', 'verify', 'evaluate'] as const) {
  const cold = median(samples.map((s) => s.cold[phase]));
  const warm = median(samples.map((s) => s.warm[phase]));
  console.log(
    `${phase.padEnd(10)} ${cold.toFixed(1).padStart(8)} ${warm.toFixed(1).padStart(8)} ${(cold / warm).toFixed(1).padStart(9)}`,
  );
}

/**
 * Parse throughput of corridor's parseXml against fast-xml-parser and xmldom on generated
 * documents of 1 KB, 20 KB, 200 KB and 5 MB, and canonicalization (inclusive C14N 1.0 of the
 * parsed tree) against xml-crypto on xmldom. Run: npx tsx bench/xml-parse.ts
 */
import { DOMParser } from '@xmldom/xmldom';
import { XMLParser } from 'fast-xml-parser';
import { C14nCanonicalization } from 'xml-crypto';
import { canonicalize } from '../src/xml/c14n.js';
import { parseXml } from '../src/xml/parse.js';

/** An e-document-like file: namespaced records with attributes, text, references, comments. */
function generate(targetBytes: number): string {
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<doc:Envelope xmlns:doc="urn:example:doc" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="env">\n',
  ];
  let size = parts[0]!.length + parts[1]!.length;
  for (let n = 0; size < targetBytes - 200; n++) {
    const item =
      `  <doc:Item Id="item-${n}" seq="${n}" kind="${n % 3 === 0 ? 'goods' : 'service'}">\n` +
      `    <doc:Name lang="ru">Товар № ${n} &amp; услуга</doc:Name>\n` +
      `    <doc:Price currency="EUR">${(n * 1.37).toFixed(2)}</doc:Price>\n` +
      (n % 10 === 0 ? `    <!-- checkpoint ${n} -->\n` : '') +
      `    <doc:Note><![CDATA[free <text> ${n}]]></doc:Note>\n` +
      `  </doc:Item>\n`;
    parts.push(item);
    size += Buffer.byteLength(item);
  }
  parts.push('</doc:Envelope>\n');
  return parts.join('');
}

function measure(label: string, bytes: number, fn: () => void): string {
  // Warm up, then run for at least ~400 ms.
  for (let k = 0; k < 3; k++) fn();
  let runs = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < 400 || runs < 3) {
    fn();
    runs++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  const mbps = (bytes * runs) / (elapsed / 1000) / (1024 * 1024);
  return `${label}: ${mbps.toFixed(1)} MB/s`;
}

const sizes: Array<[string, number]> = [
  ['1 KB', 1024],
  ['20 KB', 20 * 1024],
  ['200 KB', 200 * 1024],
  ['5 MB', 5 * 1024 * 1024],
];
const fxp = new XMLParser({ ignoreAttributes: false, processEntities: true });
for (const [label, size] of sizes) {
  const text = generate(size);
  const bytes = new TextEncoder().encode(text);
  const tree = parseXml(text);
  const dom = new DOMParser().parseFromString(text, 'text/xml');
  const c14n = new C14nCanonicalization();
  const results = [
    measure('corridor parseXml(bytes)', bytes.length, () => parseXml(bytes)),
    measure('corridor parseXml(string)', bytes.length, () => parseXml(text)),
    measure('fast-xml-parser', bytes.length, () => fxp.parse(text)),
    measure('xmldom', bytes.length, () => new DOMParser().parseFromString(text, 'text/xml')),
    measure('corridor canonicalize (c14n10)', bytes.length, () =>
      canonicalize(tree, { method: 'c14n10', withComments: false }),
    ),
    measure('xml-crypto C14nCanonicalization', bytes.length, () =>
      c14n.process(dom.documentElement as never, {}),
    ),
  ];
  console.log(`${label} (${bytes.length} bytes)\n  ${results.join('\n  ')}`);
}

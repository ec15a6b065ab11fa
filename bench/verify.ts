// XMLDSig verification throughput: corridor (parse + verify, from text) per signature family
// and document size, and xml-crypto on the same RSA documents. `npx tsx bench/verify.ts`.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { generateGostKeyPair } from '../src/crypto/gost/keys.js';
import { schemeFor } from '../src/crypto/schemes/index.js';
import { SM2_ORDER } from '../src/crypto/sm2/curve.js';
import type { PrivateKey, PublicKey } from '../src/crypto/types.js';
import { decodePublicKey } from '../src/pki/spki.js';
import { signEnveloped } from '../src/signature/sign.js';
import { verifyDocument } from '../src/signature/verify.js';
import { parseXml } from '../src/xml/parse.js';
import { sm2PublicPoint } from '../src/crypto/sm2/curve.js';
import { opsPerSecond } from './lib/rate.js';

interface Family {
  name: string;
  signature: string;
  digest: string;
  keys: () => { privateKey: PrivateKey; publicKey: PublicKey };
}

function nodeKeys(family: 'rsa' | 'ecdsa' | 'eddsa') {
  const pair =
    family === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : family === 'ecdsa'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : generateKeyPairSync('ed25519');
  const spki = new Uint8Array(pair.publicKey.export({ type: 'spki', format: 'der' }));
  return {
    privateKey: { family, keyObject: pair.privateKey } as PrivateKey,
    publicKey: decodePublicKey(spki),
  };
}

function sm2Keys() {
  let d = 0n;
  while (d <= 0n || d >= SM2_ORDER - 1n) d = BigInt(`0x${randomBytes(32).toString('hex')}`);
  const algorithm = Buffer.from('301306072a8648ce3d020106082a811ccf5501822d', 'hex');
  const body = Buffer.concat([algorithm, Buffer.from([0x03, 0x42, 0x00]), sm2PublicPoint(d)]);
  const spki = Buffer.concat([Buffer.from([0x30, body.length]), body]);
  return {
    privateKey: { family: 'sm2', d } as PrivateKey,
    publicKey: decodePublicKey(new Uint8Array(spki)),
  };
}

const FAMILIES: Family[] = [
  {
    name: 'RSA-2048 SHA-256',
    signature: 'rsa-sha256',
    digest: 'sha256',
    keys: () => nodeKeys('rsa'),
  },
  {
    name: 'RSA-PSS SHA-256',
    signature: 'rsa-pss-sha256',
    digest: 'sha256',
    keys: () => nodeKeys('rsa'),
  },
  {
    name: 'ECDSA P-256',
    signature: 'ecdsa-sha256',
    digest: 'sha256',
    keys: () => nodeKeys('ecdsa'),
  },
  { name: 'Ed25519', signature: 'ed25519', digest: 'sha256', keys: () => nodeKeys('eddsa') },
  { name: 'SM2/SM3', signature: 'sm2-sm3', digest: 'sm3', keys: sm2Keys },
  {
    name: 'GOST 2012-256 (CryptoPro-A)',
    signature: 'gost2012-256',
    digest: 'streebog256',
    keys: () => generateGostKeyPair('gost2012-256', '1.2.643.2.2.35.1'),
  },
  {
    name: 'GOST 2012-512 (tc26-512-A)',
    signature: 'gost2012-512',
    digest: 'streebog512',
    keys: () => generateGostKeyPair('gost2012-512', '1.2.643.7.1.2.1.2.1'),
  },
];

/** A customs-like document of about `bytes` bytes. */
function documentOf(bytes: number): string {
  const items: string[] = [];
  let size = 120;
  for (let i = 0; size < bytes; i++) {
    const item = `  <c:Item n="${i}"><c:Code>8471.30</c:Code><c:Description>Portable computer, batch ${i} &amp; accessories</c:Description><c:Value currency="EUR">${(i * 37.5).toFixed(2)}</c:Value></c:Item>\n`;
    items.push(item);
    size += item.length;
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<c:Declaration xmlns:c="urn:corridor:bench">\n${items.join('')}</c:Declaration>\n`;
}

const SIZES: Array<[string, number]> = [
  ['1 KB', 1024],
  ['20 KB', 20 * 1024],
  ['200 KB', 200 * 1024],
];
const asOf = new Date();
const rows: string[][] = [['family', ...SIZES.map(([label]) => `${label} docs/s`)]];

for (const family of FAMILIES) {
  if (!schemeFor(family.signature)) continue;
  const { privateKey, publicKey } = family.keys();
  const row = [family.name];
  for (const [, bytes] of SIZES) {
    const signed = signEnveloped(documentOf(bytes), {
      signatureAlgorithm: family.signature,
      digestAlgorithm: family.digest,
      canonicalization: 'exc-c14n',
      privateKey,
    });
    const once = () => {
      const [result] = verifyDocument(parseXml(signed), { asOf, keys: [publicKey] });
      if (result?.valid !== true) throw new Error(`${family.name}: not valid`);
    };
    once();
    row.push(opsPerSecond(once, 1000).toFixed(0));
  }
  rows.push(row);
}

// xml-crypto on the same kind of RSA documents, with the same key given explicitly.
{
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicKey = decodePublicKey(
    new Uint8Array(pair.publicKey.export({ type: 'spki', format: 'der' })),
  );
  const publicPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const corridorRow = ['RSA-2048 corridor (same docs)'];
  const xmlCryptoRow = ['RSA-2048 xml-crypto 6.3'];
  for (const [, bytes] of SIZES) {
    const signed = signEnveloped(documentOf(bytes), {
      signatureAlgorithm: 'rsa-sha256',
      digestAlgorithm: 'sha256',
      canonicalization: 'exc-c14n',
      privateKey: { family: 'rsa', keyObject: pair.privateKey },
    });
    corridorRow.push(
      opsPerSecond(() => {
        const [result] = verifyDocument(parseXml(signed), { asOf, keys: [publicKey] });
        if (result?.valid !== true) throw new Error('corridor: not valid');
      }, 1000).toFixed(0),
    );
    xmlCryptoRow.push(
      opsPerSecond(() => {
        const dom = new DOMParser().parseFromString(signed, 'text/xml');
        const signature = dom.getElementsByTagNameNS(
          'http://www.w3.org/2000/09/xmldsig#',
          'Signature',
        )[0];
        const sx = new SignedXml({ publicCert: publicPem });
        sx.loadSignature(signature as unknown as Parameters<SignedXml['loadSignature']>[0]);
        if (!sx.checkSignature(signed)) throw new Error('xml-crypto: not valid');
      }, 1000).toFixed(0),
    );
  }
  rows.push(corridorRow, xmlCryptoRow);
}

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
for (const row of rows) {
  console.log(
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  '),
  );
}

/**
 * Distinct signed documents for the scale benches: copies of the shipped RSA-SHA256 and
 * ECDSA-SHA256 samples (what xmlsec1 1.2.37 verifies; it has no RSA-PSS, GOST, SM2 or bign),
 * each given its own whitespace between the root's first children (signed content under every
 * C14N, ignored by the document model) and signed again with the sample's TEST ONLY key. No two
 * documents share signed bytes, so a cache of verdicts cannot be what makes a run fast.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SIGNING_PLAN, type KeySpec } from '../../src/fixtures/signing-plan.js';
import { signEnveloped } from '../../src/signature/sign.js';

const ROOT = new URL('../../', import.meta.url).pathname;

interface Source {
  id: string;
  type: 'customs-declaration' | 'licence';
  unsigned: string;
  sign: (xml: string) => string;
}

function keyLabel(spec: KeySpec): string {
  if (spec.family === 'rsa') return `rsa${spec.bits}`;
  if (spec.family === 'ecdsa') return `ecdsa-${spec.curve.toLowerCase()}`;
  return spec.family;
}

const der = (file: string): Uint8Array =>
  new Uint8Array(new X509Certificate(readFileSync(file)).raw);

/** The samples xmlsec1 can verify, with a function that signs a variant as the sample was. */
function sources(): Source[] {
  const found: Source[] = [];
  for (const [id, plan] of Object.entries(SIGNING_PLAN)) {
    for (const type of ['customs-declaration', 'licence'] as const) {
      const spec = type === 'licence' ? plan.licence : plan.declaration;
      if (spec.signatureAlgorithm !== 'rsa-sha256' && spec.signatureAlgorithm !== 'ecdsa-sha256')
        continue;
      if (spec.key.family !== 'rsa' && spec.key.family !== 'ecdsa') continue;
      const family = spec.key.family;
      const keys = join(ROOT, 'fixtures/keys', id);
      const keyObject = createPrivateKey(
        readFileSync(join(keys, `signer-${keyLabel(spec.key)}.key.pem`)),
      );
      const certificates = [
        der(join(keys, `signer-${keyLabel(spec.key)}.cert.pem`)),
        der(join(keys, 'ca.cert.pem')),
      ];
      const signed = readFileSync(join(ROOT, 'fixtures/documents', id, `${type}.xml`), 'utf8');
      const unsigned = signed.replace(/\s*<ds:Signature[\s\S]*<\/ds:Signature>/, '');
      if (unsigned === signed) throw new Error(`no ds:Signature in ${id}/${type}.xml`);
      found.push({
        id,
        type,
        unsigned,
        sign: (xml) =>
          signEnveloped(xml, {
            signatureAlgorithm: spec.signatureAlgorithm,
            digestAlgorithm: spec.digestAlgorithm,
            canonicalization: spec.canonicalization,
            privateKey: { family, keyObject },
            certificates,
          }),
      });
    }
  }
  return found;
}

/** Whitespace unique to `n`: a newline, then n in binary as spaces and tabs (leading 1 = tab). */
function uniqueSpace(n: number): string {
  return `\n${n.toString(2).replace(/0/g, ' ').replace(/1/g, '\t')}`;
}

export interface SignedCorpus {
  dir: string;
  files: string[];
  /** The CA certificates that issued the signers (for xmlsec1 --trusted-pem). */
  caFiles: string[];
}

/** `count` distinct signed documents under `dir` (nested per jurisdiction, as the corpus is). */
export function signedCorpus(dir: string, count: number): SignedCorpus {
  const all = sources();
  const files: string[] = [];
  for (let n = 0; n < count; n++) {
    const source = all[n % all.length]!;
    const xml = source.unsigned.replace(/^(<\?xml[^>]*\?>\s*<[^>]*>)/, `$1${uniqueSpace(n + 1)}`);
    const folder = join(dir, source.id);
    mkdirSync(folder, { recursive: true });
    const file = join(folder, `${source.type}-${String(n).padStart(6, '0')}.xml`);
    writeFileSync(file, source.sign(xml));
    files.push(file);
  }
  const caFiles = [...new Set(all.map((s) => s.id))].map((id) =>
    join(ROOT, 'fixtures/keys', id, 'ca.cert.pem'),
  );
  return { dir, files, caFiles };
}

/**
 * `count` documents under `dir` made of hard links to `corpus`'s files (memory benches: the
 * number of documents matters, not their distinctness, and links cost no signing time).
 */
export function linkedCorpus(corpus: SignedCorpus, dir: string, count: number): string[] {
  const files: string[] = [];
  for (let n = 0; n < count; n++) {
    const source = corpus.files[n % corpus.files.length]!;
    const folder = join(dir, String(Math.floor(n / 1000)).padStart(3, '0'));
    if (n % 1000 === 0) mkdirSync(folder, { recursive: true });
    const file = join(folder, `d${String(n).padStart(6, '0')}.xml`);
    linkSync(source, file);
    files.push(file);
  }
  return files;
}

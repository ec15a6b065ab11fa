/**
 * The W3C XML Signature 1.1 interoperability vectors (test/vectors/xmldsig11-interop-2012,
 * from xmlsec): enveloping signatures made by other implementations, ECDSA P-256/384/521 and
 * RSA over SHA-1/224/256/384/512. Each verifies through the `verify` data path with the
 * certificate the vector was made for, its scope is its own ds:Object, and one changed character
 * in the signed ds:Object makes it invalid. The HMAC vectors are left out (refused by design).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/documents/read.js';
import { verifyParsedDocument } from '../../src/engine/verify-document.js';
import { publicKeyFromPem } from '../../src/pki/spki.js';

const DIR = join(import.meta.dirname, '../vectors/xmldsig11-interop-2012');
const VECTORS = readdirSync(DIR).filter((f) => f.endsWith('.xml'));
const asOf = new Date('2026-12-01T00:00:00Z');

function keyFor(file: string) {
  const curve = /p(256|384|521)/.exec(file)?.[0];
  const name = curve ?? (file.includes('derencoded-ec') ? 'p256' : 'rsa');
  return { key: publicKeyFromPem(readFileSync(join(DIR, 'keys', `${name}-key.crt.pem`), 'utf8')) };
}

function verify(file: string, text: string) {
  const document = readDocument(file, new TextEncoder().encode(text));
  return verifyParsedDocument(document, { asOf, keys: [keyFor(file)] });
}

/** Changes the first letter or digit of text inside the element the first Reference names. */
function changeSignedObject(text: string): string {
  const id = /URI="#([^"]+)"/.exec(text)?.[1];
  const start = id ? text.indexOf(`Id="${id}"`) : -1;
  if (start < 0) throw new Error('no referenced element');
  const at = /(>[^<]*?)([0-9a-zA-Z])/g;
  at.lastIndex = start;
  const hit = at.exec(text);
  if (!hit?.[2]) throw new Error('no text to change');
  const index = hit.index + (hit[1] ?? '').length;
  return `${text.slice(0, index)}${hit[2] === 'a' ? 'b' : 'a'}${text.slice(index + 1)}`;
}

describe('W3C XMLDSig 1.1 interop vectors', () => {
  it('are all here (every non-HMAC vector of the round)', () => {
    expect(VECTORS.length).toBe(39);
  });

  it.each(VECTORS)('%s verifies, over its own ds:Object', (file) => {
    const [result, ...rest] = verify(file, readFileSync(join(DIR, file), 'utf8'));
    expect(rest).toEqual([]);
    expect(result?.valid).toBe(true);
    expect(result?.problems.map((p) => p.ruleId)).not.toContain('xmldsig/digest-mismatch');
    expect(result?.scope?.kind).toBe('objects');
  });

  it.each(VECTORS)('%s is invalid after one changed character in the signed object', (file) => {
    const [result] = verify(file, changeSignedObject(readFileSync(join(DIR, file), 'utf8')));
    expect(result?.valid).toBe(false);
    expect(result?.problems.map((p) => p.ruleId)).toContain('xmldsig/digest-mismatch');
  });
});

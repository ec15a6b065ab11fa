// xmlsec's own testDSig.sh cases for the algorithm families added for issue #11 (DSA, SHA-224,
// SHA-3, RSA-PSS variants, Ed448, MD5/RIPEMD-160, lenient ECDSA layouts): signed by xmlsec
// with OpenSSL, never by corridor. Each must come out as xmlsec expects, and a one-character
// change of its SignatureValue must make it invalid.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PublicKey } from '../../src/crypto/types.js';
import { publicKeyFromPem } from '../../src/pki/spki.js';
import type { SignatureVerification } from '../../src/signature/types.js';
import { verifyDocument } from '../../src/signature/verify.js';
import { parseXml } from '../../src/xml/parse.js';

const VECTORS = new URL('../vectors/xmlsec/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, VECTORS), 'utf8');
const key = (name: string) => publicKeyFromPem(read(`keys/${name}`));
const asOf = new Date('2026-06-01T00:00:00Z');

const p256 = key('ec-prime256v1-pubkey.pem');
const p521 = key('ec-prime521v1-pubkey.pem');
const rsa4096 = key('rsa-4096-pubkey.pem');
const dsa1024 = key('dsa-1024-pubkey.pem');
const ed448 = key('eddsa-ed448-pubkey.pem');

type Source = PublicKey | 'x509' | 'key-value';
/** [file, key as xmlsec's testDSig.sh gives it, extra problem ids expected]. */
const CASES: Array<[string, Source, string[]]> = [
  ['enveloped-sha1-dsa-sha1', dsa1024, []],
  ['enveloping-sha256-dsa2048-sha256', 'x509', []],
  ['enveloping-sha1-dsa1024-der-encoded-key-value', 'key-value', ['xmldsig/keyvalue-only']],
  ['enveloping-sha256-dsa2048-der-encoded-key-value', 'key-value', ['xmldsig/keyvalue-only']],
  ['enveloped-sha1-ecdsa-sha1', p256, []],
  ['enveloped-sha224-ecdsa-sha224', p256, []],
  ['enveloped-sha3_224-ecdsa-sha3_224', p256, []],
  ['enveloped-sha3_256-ecdsa-sha3_256', p256, []],
  ['enveloped-sha3_384-ecdsa-sha3_384', p521, []],
  ['enveloped-sha3_512-ecdsa-sha3_512', p521, []],
  ['enveloped-ripemd160-ecdsa-ripemd160', p256, []],
  ['enveloped-sha224-rsa-pss-sha224', rsa4096, []],
  ['enveloped-sha3_224-rsa-pss-sha3_224', rsa4096, []],
  ['enveloped-sha3_256-rsa-pss-sha3_256', rsa4096, []],
  ['enveloped-sha3_384-rsa-pss-sha3_384', rsa4096, []],
  ['enveloped-sha3_512-rsa-pss-sha3_512', rsa4096, []],
  ['enveloping-sha224-rsa-sha224', 'x509', []],
  ['enveloping-md5-rsa-md5', 'x509', []],
  ['enveloping-ripemd160-rsa-ripemd160', 'x509', []],
  ['enveloped-sha256-eddsa-ed448', ed448, []],
  ['enveloping-sha256-eddsa-ed448-der-encoded-key-value', 'key-value', ['xmldsig/keyvalue-only']],
  // ECDSA P-521 r‖s of 130 octets instead of 132 (Java's trimmed halves): verified, reported.
  ['enveloped-ecdsa-java-bug', 'x509', ['xmldsig/nonconformant-signature-encoding']],
  // xmlsec needs --insecure for this one: its halves are zero-padded past the curve size.
  ['enveloping-sha256-ecdsa-sha256_padded', 'x509', ['xmldsig/nonconformant-signature-encoding']],
];

function verify(xml: string, source: Source): SignatureVerification {
  const keys = typeof source === 'string' ? undefined : [source];
  const results = verifyDocument(parseXml(xml), { asOf, ...(keys ? { keys } : {}) });
  expect(results).toHaveLength(1);
  return results[0]!;
}

/** The same document with one base64 character of its SignatureValue changed. */
function changeSignatureValue(xml: string): string {
  return xml.replace(/(<(?:\w+:)?SignatureValue[^>]*>\s*)(.)(.)/, (_m, open, a: string, b) => {
    const swapped = a === 'A' ? 'B' : 'A';
    return `${open}${swapped}${b}`;
  });
}

describe('xmlsec testDSig.sh cases for the new algorithm families', () => {
  it.each(CASES)('%s verifies as xmlsec expects', (file, source, extra) => {
    const xml = read(`aleksey-xmldsig-01/${file}.xml`);
    const v = verify(xml, source);
    const unexpected = v.problems
      .map((p) => p.ruleId)
      .filter((id) => !extra.includes(id) && id !== 'xmldsig/signed-element-not-root');
    expect(unexpected, JSON.stringify(v.problems)).toEqual([]);
    for (const id of extra) expect(v.problems.map((p) => p.ruleId)).toContain(id);
    expect(v.valid).toBe(true);
    expect(v.keySource).toBe(typeof source === 'string' ? source : 'key-file');
    expect(verify(changeSignatureValue(xml), source).valid).toBe(false);
  });
});

import { readFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/parse.js';
import { readSignatures } from '../../src/signature/read.js';
import { chooseKey } from '../../src/signature/key-selection.js';
import { dsigChild } from '../../src/signature/dsig-elements.js';
import { publicKeyFromPem, decodePublicKey } from '../../src/pki/spki.js';

const VECTORS = new URL('../vectors/xmlsec/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, VECTORS), 'utf8');
const DS = 'http://www.w3.org/2000/09/xmldsig#';

function signatureOf(xml: string) {
  const doc = parseXml(xml);
  const [info] = readSignatures(doc);
  const element = doc.root.children.find(
    (c) => c.kind === 'element' && c.localName === 'Signature',
  );
  if (!info || element?.kind !== 'element') throw new Error('no signature');
  return { info, keyInfo: dsigChild(element, 'KeyInfo') };
}

describe('chooseKey', () => {
  it('picks the GOST leaf among two RSA CA certificates and orders the chain leaf first', () => {
    const { info, keyInfo } = signatureOf(read('enveloped-gost2012-256.xml'));
    const choice = chooseKey(info, keyInfo, 'gost2012-256', undefined);
    expect(choice.keySource).toBe('x509');
    expect(choice.problems).toEqual([]);
    expect(choice.candidates).toHaveLength(1);
    const signer = choice.candidates[0]?.signer;
    expect(signer?.keyAlgorithm).toBe('gost2012-256');
    expect(signer?.keyBits).toBe(256);
    expect(signer?.curveOid).toBe('1.2.643.2.2.35.1');
    expect(choice.certificateChain).toHaveLength(3);
    // Leaf first: the chain's first certificate is the GOST one, not document order's first.
    expect(choice.certificateChain[0]).toEqual(info.keyInfo.certificates[2]);
  });

  it('reports a key mismatch when no certificate fits the method, and no key at all', () => {
    const { info, keyInfo } = signatureOf(read('enveloped-gost2012-256.xml'));
    const choice = chooseKey(info, keyInfo, 'sm2', undefined);
    expect(choice.candidates).toEqual([]);
    expect(choice.problems.map((p) => p.ruleId)).toEqual(['xmldsig/key-mismatch']);
    const bare = signatureOf(read('enveloped-sha256-ecdsa-sha256.xml'));
    const none = chooseKey(bare.info, bare.keyInfo, 'ecdsa', undefined);
    expect(none.keySource).toBe('none');
    expect(none.problems.map((p) => p.ruleId)).toEqual(['xmldsig/no-key']);
  });

  it('ranks explicit keys by KeyName, then by family', () => {
    const { info, keyInfo } = signatureOf(read('enveloped-sha256-ecdsa-sha256.xml'));
    const ec = publicKeyFromPem(read('keys/ec-prime256v1-pubkey.pem'));
    const rsa = publicKeyFromPem(read('keys/rsa-4096-pubkey.pem'));
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    const otherEc = decodePublicKey(new Uint8Array(other.export({ type: 'spki', format: 'der' })));
    const choice = chooseKey(info, keyInfo, 'ecdsa', [
      { key: rsa },
      { key: otherEc },
      { key: ec, names: ['TestKeyName-ec-prime256v1'] },
    ]);
    expect(choice.keySource).toBe('key-file');
    expect(choice.candidates.map((c) => c.key)).toEqual([ec, otherEc]);
  });

  it('uses a bare RSAKeyValue but flags it as integrity-only', () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = publicKey.export({ format: 'jwk' });
    const b64 = (s: string | undefined) => Buffer.from(s ?? '', 'base64url').toString('base64');
    const xml =
      `<a xmlns:ds="${DS}"><ds:Signature><ds:SignedInfo/><ds:SignatureValue/><ds:KeyInfo><ds:KeyValue><ds:RSAKeyValue>` +
      `<ds:Modulus>${b64(jwk.n)}</ds:Modulus><ds:Exponent>${b64(jwk.e)}</ds:Exponent>` +
      `</ds:RSAKeyValue></ds:KeyValue></ds:KeyInfo></ds:Signature></a>`;
    const { info, keyInfo } = signatureOf(xml);
    const choice = chooseKey(info, keyInfo, 'rsa', undefined);
    expect(choice.keySource).toBe('key-value');
    expect(choice.problems.map((p) => p.ruleId)).toEqual(['xmldsig/keyvalue-only']);
    expect(choice.candidates[0]?.signer).toMatchObject({ keyAlgorithm: 'rsa', keyBits: 2048 });
    const broken = signatureOf(xml.replace(/<ds:Modulus>[^<]*/, '<ds:Modulus>!!'));
    const refused = chooseKey(broken.info, broken.keyInfo, 'rsa', undefined);
    expect(refused.candidates).toEqual([]);
    expect(refused.problems.map((p) => p.ruleId)).toContain('xmldsig/bad-key-value');
  });
});

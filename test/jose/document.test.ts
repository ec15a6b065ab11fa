import { describe, expect, it } from 'vitest';
import { encodeBase64Url } from '../../src/jose/base64url.js';
import { signJwsCt } from '../../src/jose/jws-ct-sign.js';
import type { SignatureVerification } from '../../src/signature/types.js';
import {
  declaration,
  ruleIds,
  signedDeclaration,
  signer,
  verifyText,
  verifyValue,
  type SignerKind,
} from './helpers.js';

/** Replaces the protected header of a signed value's JWS with `header` (signature unchanged). */
function withHeader(value: Record<string, unknown>, header: object): Record<string, unknown> {
  const [, , signature] = (value.signature as string).split('.');
  return { ...value, signature: `${encodeBase64Url(JSON.stringify(header))}..${signature}` };
}

const FAMILIES: Array<[SignerKind, string, string]> = [
  ['rsa', 'rsa-sha256', 'RS256'],
  ['rsa-pss', 'rsa-pss-sha256', 'PS256'],
  ['ec-p256', 'ecdsa-sha256', 'ES256'],
  ['ec-p384', 'ecdsa-sha384', 'ES384'],
  ['ed25519', 'ed25519', 'Ed25519'],
  ['gost2012-256', 'gost2012-256', 'urn:corridor:jose:gost2012-256'],
  ['sm2', 'sm2-sm3', 'urn:corridor:jose:sm2-sm3'],
];

describe('JWS/CT documents: sign → verify → tamper', () => {
  for (const [kind, algorithm, alg] of FAMILIES) {
    it(`${alg}: verifies with the x5c certificate, fails when a value changes`, () => {
      const signed = signedDeclaration(signer(kind), algorithm);
      const good = verifyValue(signed);
      expect(good.problems).toEqual([]);
      expect(good).toMatchObject({
        valid: true,
        keySource: 'x509',
        signatureMethod: alg,
        canonicalization: 'urn:ietf:rfc:8785',
      });
      expect(good.certificateChain).toEqual([signer(kind).certificate]);
      expect(good.signer?.subject).toContain(`corridor JWS test ${kind}`);

      const tampered = verifyValue({ ...signed, currency: 'USD' });
      expect(tampered.valid).toBe(false);
      expect(ruleIds(tampered)).toEqual(['jws/signature-mismatch']);
    });
  }

  it('the reader reports format jws, the member path and its line, the alg as written', () => {
    const signed = signedDeclaration(signer('ec-p256'), 'ecdsa-sha256');
    const { document } = verifyText(JSON.stringify(signed, null, 2));
    const [info] = document.signatures;
    expect(document.signatureCount).toBe(1);
    expect(info).toMatchObject({
      format: 'jws',
      path: '/signature',
      signatureMethod: 'ES256',
      canonicalizationMethod: 'urn:ietf:rfc:8785',
      references: [],
      placement: 'enveloped',
      pos: { line: 14, column: 3 },
    });
    expect(info?.keyInfo.certificates).toHaveLength(1);
    // The signature member is not part of the model; "$type" never was.
    expect(document.model).not.toHaveProperty('signature');
    expect(document.type).toBe('customs-declaration');
  });

  it('whitespace, member order and number spelling do not matter (that is what JCS is for)', () => {
    const signed = signedDeclaration(signer('rsa'), 'rsa-sha256');
    const reordered = Object.fromEntries(Object.entries(signed).reverse());
    const compact = JSON.stringify(reordered).replace('1250.5', '1.2505e3');
    expect(compact).toContain('1.2505e3');
    const { verifications } = verifyText(compact);
    expect(verifications[0]?.valid).toBe(true);
    // \u escapes of plain characters decode to the same string.
    const escaped = JSON.stringify(signed, null, 4).replace('"EUR"', '"\\u0045UR"');
    expect(verifyText(escaped).verifications[0]?.valid).toBe(true);
  });

  it('a changed, added or removed member fails; "$type" is signed too', () => {
    const signed = signedDeclaration(signer('ed25519'), 'ed25519');
    for (const changed of [
      { ...signed, totalValue: 1250.51 },
      { ...signed, extra: true },
      { ...signed, $type: 'urn:corridor:licence:1' },
      (({ currency: _c, ...rest }) => rest)(signed),
    ]) {
      expect(verifyValue(changed).valid).toBe(false);
    }
  });

  it('a signature from another document is refused', () => {
    const other = signedDeclaration(signer('rsa'), 'rsa-sha256', {}, declaration('IN'));
    const mine = signedDeclaration(signer('rsa'), 'rsa-sha256');
    expect(verifyValue({ ...mine, signature: other.signature }).valid).toBe(false);
  });
});

describe('JWS/CT refusals: each a finding, never a crash', () => {
  const rsa = () => signer('rsa');
  const signed = () => signedDeclaration(rsa(), 'rsa-sha256');

  it('alg none is refused', () => {
    const v = verifyValue(withHeader(signed(), { alg: 'none' }));
    expect(v.valid).toBe(false);
    expect(ruleIds(v)).toContain('jws/alg-none');
  });

  it('HS256 is recognised and refused like an XMLDSig HMAC', () => {
    const v = verifyValue(withHeader(signed(), { alg: 'HS256', kid: 'shared' }));
    expect(v.valid).toBe(false);
    expect(ruleIds(v)).toContain('jws/hmac-refused');
  });

  it('an unknown alg is unverifiable, not valid', () => {
    const v = verifyValue(withHeader(signed(), { alg: 'XX999' }));
    expect(v.valid).toBeNull();
    expect(ruleIds(v)).toContain('jws/unknown-algorithm');
  });

  it('an unknown crit extension refuses the signature even though it verifies', () => {
    const v = verifyValue(
      signedDeclaration(rsa(), 'rsa-sha256', { header: { crit: ['sigT', 'exp'], exp: 1 } }),
    );
    expect(v.valid).toBe(false);
    expect(ruleIds(v)).toEqual(['jws/unknown-crit']);
  });

  it('crit listing a standard name, or a name the header lacks, is a bad header', () => {
    for (const header of [{ crit: ['alg'] }, { crit: ['b64'] }, { crit: [] }]) {
      const v = verifyValue(signedDeclaration(rsa(), 'rsa-sha256', { header }));
      expect(v.valid).toBe(false);
      expect(ruleIds(v)).toContain('jws/bad-header');
    }
  });

  it('b64: false (RFC 7797) is refused, b64: true is the default', () => {
    const off = verifyValue(
      signedDeclaration(rsa(), 'rsa-sha256', { header: { b64: false, crit: ['sigT', 'b64'] } }),
    );
    expect(ruleIds(off)).toContain('jws/unencoded-payload');
    expect(off.valid).toBe(false);
    const on = verifyValue(
      signedDeclaration(rsa(), 'rsa-sha256', { header: { b64: true, crit: ['sigT', 'b64'] } }),
    );
    expect(on.valid).toBe(true);
  });

  it('a malformed sigT is a bad header', () => {
    const v = verifyValue(
      signedDeclaration(rsa(), 'rsa-sha256', { header: { sigT: 'yesterday' } }),
    );
    expect(v.valid).toBe(false);
    expect(ruleIds(v)).toContain('jws/bad-header');
  });

  it('x5t#S256 that is not the leaf thumbprint refuses the signature', () => {
    const v = verifyValue(
      signedDeclaration(rsa(), 'rsa-sha256', {
        header: { 'x5t#S256': encodeBase64Url('x'.repeat(32)) },
      }),
    );
    expect(v.valid).toBe(false);
    expect(ruleIds(v)).toEqual(['jws/x5t-mismatch']);
  });

  it('a jwk-only signature verifies but is not valid (integrity, not identity)', () => {
    const key = rsa().publicKey;
    const jwk = (
      'keyObject' in key ? key.keyObject.export({ format: 'jwk' }) : undefined
    ) as object;
    const value = signJwsCt(declaration(), {
      signatureAlgorithm: 'rsa-sha256',
      privateKey: rsa().privateKey,
      header: { jwk },
    });
    const v = verifyValue(value);
    expect(v.keySource).toBe('key-value');
    expect(v.valid).toBeNull();
    expect(ruleIds(v)).toEqual(['jws/jwk-only']);
    // Tampered, the jwk still catches it.
    expect(verifyValue({ ...value, currency: 'USD' }).valid).toBe(false);
  });

  it('a jwk carrying a private key is refused as a key', () => {
    const key = rsa().privateKey;
    const jwk = ('keyObject' in key ? key.keyObject.export({ format: 'jwk' }) : {}) as object;
    const v = verifyValue(
      signJwsCt(declaration(), {
        signatureAlgorithm: 'rsa-sha256',
        privateKey: key,
        header: { jwk },
      }),
    );
    expect(v.valid).toBeNull();
    expect(ruleIds(v)).toContain('jws/bad-jwk');
  });

  it('x5u / jku are never fetched and refuse the signature', () => {
    for (const header of [
      { x5u: 'https://example.test/cert.pem' },
      { jku: 'https://example.test/jwks' },
    ]) {
      const v = verifyValue(signedDeclaration(rsa(), 'rsa-sha256', { header }));
      expect(v.valid).toBe(false);
      expect(ruleIds(v)).toEqual(['jws/remote-key-reference']);
    }
  });

  it('with no key at all the signature is unverifiable', () => {
    const v = verifyValue(
      signJwsCt(declaration(), { signatureAlgorithm: 'rsa-sha256', privateKey: rsa().privateKey }),
    );
    expect(v.valid).toBeNull();
    expect(ruleIds(v)).toEqual(['jws/no-key']);
  });

  it('an explicit key is strict: the right key verifies without x5c, another key fails', () => {
    const bare = signJwsCt(declaration(), {
      signatureAlgorithm: 'rsa-sha256',
      privateKey: rsa().privateKey,
    });
    expect(verifyValue(bare, { keys: [rsa().publicKey] })).toMatchObject({
      valid: true,
      keySource: 'key-file',
    });
    const other = signer('rsa-pss').publicKey;
    const v = verifyValue(signed(), { keys: [other] });
    expect(v.valid).toBe(false);
    expect(ruleIds(v)).toContain('jws/signature-mismatch');
    const wrongFamily = verifyValue(signed(), { keys: [signer('ec-p256').publicKey] });
    expect(wrongFamily.valid).toBe(false);
    expect(ruleIds(wrongFamily)).toContain('jws/signature-mismatch');
  });

  it('ES256 signed by a P-384 key is refused for the curve', () => {
    const v = verifyValue(signedDeclaration(signer('ec-p384'), 'ecdsa-sha256'));
    expect(v.valid).toBe(false);
    expect(ruleIds(v)).toContain('jws/key-mismatch');
  });

  it('duplicate member names anywhere are refused with their location', () => {
    const text = JSON.stringify(signed(), null, 2).replace(
      '"currency": "EUR",',
      '"currency": "EUR",\n  "goodsItems": [],\n  "currency": "USD",',
    );
    const { document, verifications } = verifyText(text);
    const duplicates = document.signatures[0]?.problems.filter(
      (p) => p.ruleId === 'jws/duplicate-member',
    );
    expect(duplicates?.map((d) => d.message.split(' ')[1])).toEqual(['/currency', '/goodsItems']);
    expect(duplicates?.[0]?.pos?.line).toBeGreaterThan(1);
    expect(verifications[0]?.valid).toBe(false);
    // Nested, and spelled with an escape: still the same name.
    const nested = JSON.stringify(signed()).replace(
      '"quantity":3',
      '"quantity":3,"\\u0071uantity":4',
    );
    const again = verifyText(nested);
    expect(again.document.signatures[0]?.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('/goodsItems/0/quantity'),
    ]);
    expect(again.verifications[0]?.valid).toBe(false);
  });

  it('garbage in the signature member: each shape is a problem, never an exception', () => {
    const cases: Array<[unknown, string]> = [
      [42, 'jws/malformed'],
      [{ protected: 'x' }, 'jws/malformed'],
      ['', 'jws/malformed'],
      ['a.b.c', 'jws/malformed'],
      ['a..b..c', 'jws/malformed'],
      ['!!..AAAA', 'jws/bad-base64url'],
      [`${encodeBase64Url('not json')}..AAAA`, 'jws/bad-header'],
      [`${encodeBase64Url('[1]')}..AAAA`, 'jws/bad-header'],
      [`${encodeBase64Url('{"alg":"RS256","alg":"none"}')}..AAAA`, 'jws/bad-header'],
      [`${encodeBase64Url('{"alg":"RS256"}')}..`, 'jws/bad-base64url'],
      [`${encodeBase64Url('{"alg":"RS256"}')}..AAA=`, 'jws/bad-base64url'],
      [`${encodeBase64Url('{"alg":"RS256","x5c":["%%%"]}')}..AAAA`, 'jws/bad-certificate'],
      [`${encodeBase64Url('{"alg":"RS256","x5c":["AAAA"]}')}..AAAA`, 'jws/bad-certificate'],
      [`${encodeBase64Url('{"alg":7}')}..AAAA`, 'jws/bad-header'],
      [`${'A'.repeat(300_000)}..AAAA`, 'security/limit'],
    ];
    for (const [signature, ruleId] of cases) {
      const v = verifyValue({ ...declaration(), signature });
      expect(v.valid, JSON.stringify(signature).slice(0, 60)).not.toBe(true);
      expect(ruleIds(v), JSON.stringify(signature).slice(0, 60)).toContain(ruleId);
    }
  });

  it('content without a canonical form (lone surrogate) fails with jws/not-i-json', () => {
    const text = JSON.stringify(signed()).replace('"D-1"', '"D-1\\ud800"');
    const v = verifyText(text).verifications[0];
    expect(v?.valid).toBe(false);
    expect(v?.problems.map((p) => p.ruleId)).toEqual(['jws/not-i-json']);
  });

  it('hostile shapes: 100 000-level nesting and a flood of duplicates end in a verdict', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const text = JSON.stringify(signed()).replace(
      '"currency":"EUR"',
      `"currency":"EUR","deep":${deep}`,
    );
    const nested = verifyText(text);
    expect(nested.verifications[0]?.valid).toBe(false);
    expect(ruleIds(nested.verifications[0] as SignatureVerification)).toEqual([
      'jws/signature-mismatch',
    ]);
    const flood = `{"x":1${',"x":1'.repeat(50_000)},"signature":"${signed().signature as string}"}`;
    const flooded = verifyText(flood);
    // Reported a bounded number of times, and refused.
    expect(flooded.document.signatures[0]?.problems.length).toBe(16);
    expect(flooded.verifications[0]?.valid).toBe(false);
  });

  it('an unsigned JSON document has no signatures; a non-object JSON has none either', () => {
    expect(verifyText(JSON.stringify(declaration())).document.signatures).toEqual([]);
    expect(verifyText('{"signature":1').document.problems[0]?.ruleId).toBe('document/well-formed');
  });
});

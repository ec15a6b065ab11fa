import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PublicKey } from '../../src/crypto/types.js';
import { decodeBase64UrlStrict } from '../../src/jose/base64url.js';
import { classifyJwsAlg, verifyJwsInput } from '../../src/jose/jws-algorithm.js';
import { decodePublicKey } from '../../src/pki/spki.js';
import { nodeKeyPair } from '../signature/keys.js';

/** A public JWK through Node's importer, then corridor's own SPKI decoder. */
function keyFromJwk(jwk: JsonWebKey): PublicKey {
  const spki = createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'der' });
  return decodePublicKey(new Uint8Array(spki));
}

// RFC 7515 Appendix A.2 (RS256) and A.3 (ES256), RFC 8037 Appendix A.4 (Ed25519): the published
// compact JWSs and the public halves of their JWKs.
const PAYLOAD_7515 =
  'eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ';
const VECTORS: Array<{ name: string; jws: string; jwk: JsonWebKey }> = [
  {
    name: 'RFC 7515 A.2 RS256',
    jws:
      `eyJhbGciOiJSUzI1NiJ9.${PAYLOAD_7515}.` +
      'cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5' +
      'jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHl' +
      'b1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9Q' +
      'OYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw',
    jwk: {
      kty: 'RSA',
      e: 'AQAB',
      n:
        'ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4' +
        'd4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rex' +
        'MdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXF' +
        'vUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ',
    },
  },
  {
    name: 'RFC 7515 A.3 ES256',
    jws:
      `eyJhbGciOiJFUzI1NiJ9.${PAYLOAD_7515}.` +
      'DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q',
    jwk: {
      kty: 'EC',
      crv: 'P-256',
      x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
      y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
    },
  },
  {
    name: 'RFC 8037 A.4 EdDSA (Ed25519)',
    jws:
      'eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.' +
      'hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg',
    jwk: { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' },
  },
];

/** Verifies a compact JWS with corridor's alg mapping and schemes. */
function verifyCompact(jws: string, key: PublicKey): boolean {
  const [header, payload, signature] = jws.split('.') as [string, string, string];
  const alg = (JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg: string }).alg;
  const algorithm = classifyJwsAlg(alg);
  expect(algorithm.verdict).toBe(true);
  const value = decodeBase64UrlStrict(signature);
  if (!value || !algorithm.id) return false;
  return verifyJwsInput(algorithm.id, key, Buffer.from(`${header}.${payload}`, 'ascii'), value);
}

/** The same text with the character at `index` replaced by another base64url character. */
function changeAt(text: string, index: number): string {
  const c = text[index] === 'A' ? 'B' : 'A';
  return text.slice(0, index) + c + text.slice(index + 1);
}

describe('published JWS vectors', () => {
  for (const { name, jws, jwk } of VECTORS) {
    it(`${name} verifies with its JWK`, () => {
      expect(verifyCompact(jws, keyFromJwk(jwk))).toBe(true);
    });

    it(`${name} fails when one character of the payload or the signature changes`, () => {
      const key = keyFromJwk(jwk);
      const payloadAt = jws.indexOf('.') + 5;
      expect(verifyCompact(changeAt(jws, payloadAt), key)).toBe(false);
      expect(verifyCompact(changeAt(jws, jws.length - 10), key)).toBe(false);
    });
  }

  it('RS256 does not verify as PS256 under the same key (padding is part of the name)', () => {
    const { jws, jwk } = VECTORS[0] as (typeof VECTORS)[number];
    const [header, payload, signature] = jws.split('.') as [string, string, string];
    const value = decodeBase64UrlStrict(signature) as Uint8Array;
    const input = Buffer.from(`${header}.${payload}`, 'ascii');
    expect(verifyJwsInput('rsa-pss-sha256', keyFromJwk(jwk), input, value)).toBe(false);
  });

  it('ES256 refuses a key on another curve even before the math', () => {
    const { jws } = VECTORS[1] as (typeof VECTORS)[number];
    const [header, payload, signature] = jws.split('.') as [string, string, string];
    const p384 = nodeKeyPair('ecdsa', 'P-384').publicKey;
    const input = Buffer.from(`${header}.${payload}`, 'ascii');
    expect(
      verifyJwsInput('ecdsa-sha256', p384, input, decodeBase64UrlStrict(signature) as Uint8Array),
    ).toBe(false);
  });

  it('names: RFC 7518 / RFC 9864 names resolve; none and HS256 are refused; XML URIs are not algs', () => {
    expect(classifyJwsAlg('PS384').id).toBe('rsa-pss-sha384');
    expect(classifyJwsAlg('ES512').id).toBe('ecdsa-sha512');
    expect(classifyJwsAlg('Ed25519').id).toBe('ed25519');
    expect(classifyJwsAlg('urn:corridor:jose:gost2012-256').id).toBe('gost2012-256');
    expect(classifyJwsAlg('none')).toMatchObject({
      verdict: false,
      problem: { ruleId: 'jws/alg-none' },
    });
    expect(classifyJwsAlg('HS256')).toMatchObject({
      verdict: false,
      problem: { ruleId: 'jws/hmac-refused' },
    });
    expect(classifyJwsAlg('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256')).toMatchObject({
      verdict: null,
      problem: { ruleId: 'jws/unknown-algorithm' },
    });
  });
});

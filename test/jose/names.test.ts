import { describe, expect, it } from 'vitest';
import { algorithmById, algorithmByUri, allAlgorithms } from '../../src/algorithms/registry.js';
import { decodeBase64UrlStrict, encodeBase64Url } from '../../src/jose/base64url.js';

describe('JOSE names in the algorithm registry', () => {
  it('resolve through the same lookup as XML URIs, to the same entries', () => {
    const byName: Record<string, string> = {
      RS256: 'rsa-sha256',
      RS384: 'rsa-sha384',
      RS512: 'rsa-sha512',
      PS256: 'rsa-pss-sha256',
      PS384: 'rsa-pss-sha384',
      PS512: 'rsa-pss-sha512',
      ES256: 'ecdsa-sha256',
      ES384: 'ecdsa-sha384',
      ES512: 'ecdsa-sha512',
      Ed25519: 'ed25519',
      EdDSA: 'ed25519',
      HS256: 'hmac-sha256',
      HS384: 'hmac-sha384',
      HS512: 'hmac-sha512',
      'urn:corridor:jose:gost2012-256': 'gost2012-256',
      'urn:corridor:jose:gost2012-512': 'gost2012-512',
      'urn:corridor:jose:sm2-sm3': 'sm2-sm3',
    };
    for (const [name, id] of Object.entries(byName)) {
      expect(algorithmByUri(name), name).toBe(algorithmById(id));
    }
    // Case matters in JOSE: "rs256" is not a name.
    expect(algorithmByUri('rs256')).toBeUndefined();
  });

  it('corridor-defined names are marked unconfirmed; registered ones are not', () => {
    expect(algorithmById('gost2012-256')?.joseConfirmed).toBe(false);
    expect(algorithmById('sm2-sm3')?.joseConfirmed).toBe(false);
    expect(algorithmById('rsa-pss-sha256')?.joseConfirmed).toBe(true);
    expect(algorithmById('jcs')).toMatchObject({
      kind: 'canonicalization',
      uris: ['urn:ietf:rfc:8785'],
      confirmed: false,
    });
  });

  it('only signature methods carry JOSE names, and no name is used twice', () => {
    const names = allAlgorithms().flatMap((a) => a.jose ?? []);
    expect(new Set(names).size).toBe(names.length);
    for (const entry of allAlgorithms()) {
      if (entry.jose) expect(entry.kind).toBe('signature');
    }
  });
});

describe('base64url (strict)', () => {
  it('round-trips and refuses padding, whitespace, the standard alphabet and spare bits', () => {
    const bytes = new Uint8Array([0xfb, 0xff, 0x01]);
    expect(encodeBase64Url(bytes)).toBe('-_8B');
    expect(decodeBase64UrlStrict('-_8B')).toEqual(bytes);
    expect(decodeBase64UrlStrict('')).toEqual(new Uint8Array());
    for (const bad of ['+/8B', '-_8B=', '-_ 8B', 'A', 'AB', 'AAB']) {
      expect(decodeBase64UrlStrict(bad), bad).toBeNull();
    }
    expect(decodeBase64UrlStrict('AA')).toEqual(new Uint8Array([0]));
  });
});

import { readFileSync } from 'node:fs';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { KeyFormatError } from '../../src/crypto/errors.js';
import { GOST_CURVES, gostPointType, type GostCurveParams } from '../../src/crypto/gost/curves.js';
import {
  decodeGostPrivateKeyPkcs8,
  decodeGostPublicKey,
  encodeGostPrivateKeyPkcs8,
  encodeGostSpki,
  generateGostKeyPair,
  gostPublicKeyFor,
} from '../../src/crypto/gost/keys.js';
import { isGostKeyOid, type GostFamily } from '../../src/crypto/gost/oids.js';
import { prepareGostKey } from '../../src/crypto/gost/prepared-key.js';
import {
  bigIntToLe,
  decodeGostSignature,
  encodeGostSignature,
  gostSignHash,
  gostVerifyHash,
  hashToE,
} from '../../src/crypto/gost/signature.js';
import { gostScheme } from '../../src/crypto/schemes/gost.js';
import { streebog256 } from '../../src/crypto/streebog.js';
import type { GostPublicKey } from '../../src/crypto/types.js';

const pemBody = (pem: string): Uint8Array =>
  new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));

// ---------------------------------------------------------------------------------------
// Curves

describe('GOST curve table', () => {
  const curves = [...GOST_CURVES.values()];

  it('holds every RFC 4357 / RFC 7836 parameter set', () => {
    expect(curves.map((c) => c.oid).sort()).toEqual(
      [
        '1.2.643.2.2.35.1',
        '1.2.643.2.2.35.2',
        '1.2.643.2.2.35.3',
        '1.2.643.2.2.36.0',
        '1.2.643.2.2.36.1',
        '1.2.643.7.1.2.1.1.1',
        '1.2.643.7.1.2.1.1.2',
        '1.2.643.7.1.2.1.1.3',
        '1.2.643.7.1.2.1.1.4',
        '1.2.643.7.1.2.1.2.1',
        '1.2.643.7.1.2.1.2.2',
        '1.2.643.7.1.2.1.2.3',
      ].sort(),
    );
  });

  it.each(curves.map((c) => [c.name, c] as const))('%s: generator on the curve', (_n, c) => {
    const { p, a, b, gx, gy } = c;
    expect((gy * gy - (gx * gx * gx + a * gx + b)) % p).toBe(0n);
    // and a perturbed point is not, so the check itself can fail
    expect((gy * gy - (gx * gx * gx + a * gx + b + 1n)) % p).not.toBe(0n);
  });

  it.each(curves.map((c) => [c.name, c] as const))('%s: q·G = infinity', (_n, c) => {
    const G = gostPointType(c).BASE;
    // noble refuses scalars ≥ q, so compute (q-1)·G + G
    expect(
      G.multiplyUnsafe(c.q - 1n)
        .add(G)
        .is0(),
    ).toBe(true);
    expect(
      G.multiplyUnsafe(c.q - 2n)
        .add(G)
        .is0(),
    ).toBe(false);
  });

  it.each(curves.map((c) => [c.name, c] as const))('%s: h·q within the Hasse bound', (_n, c) => {
    // |p + 1 − h·q| ≤ 2√p: catches a wrong order or cofactor
    const t = c.p + 1n - c.cofactor * c.q;
    expect(t * t <= 4n * c.p).toBe(true);
    expect(c.bits).toBe(c.p.toString(2).length <= 256 ? 256 : 512);
  });

  it('aliases name the same curves (tc26 256-B..D = CryptoPro A..C, Xch A/B = A/C)', () => {
    const same = (x: string, y: string): void => {
      const cx = GOST_CURVES.get(x);
      const cy = GOST_CURVES.get(y);
      expect(cx && cy && [cx.p, cx.a, cx.b, cx.q, cx.gx, cx.gy]).toEqual(
        cy && [cy.p, cy.a, cy.b, cy.q, cy.gx, cy.gy],
      );
    };
    same('1.2.643.7.1.2.1.1.2', '1.2.643.2.2.35.1');
    same('1.2.643.7.1.2.1.1.3', '1.2.643.2.2.35.2');
    same('1.2.643.7.1.2.1.1.4', '1.2.643.2.2.35.3');
    same('1.2.643.2.2.36.0', '1.2.643.2.2.35.1');
    same('1.2.643.2.2.36.1', '1.2.643.2.2.35.3');
    // tc26 256-A is a different curve with cofactor 4
    expect(GOST_CURVES.get('1.2.643.7.1.2.1.1.1')?.cofactor).toBe(4n);
    expect(GOST_CURVES.get('1.2.643.7.1.2.1.1.1')?.a).not.toBe(
      GOST_CURVES.get('1.2.643.2.2.35.1')?.a,
    );
  });
});

// ---------------------------------------------------------------------------------------
// RFC 7091 / GOST R 34.10-2012 Appendix A examples

const A1: GostCurveParams = {
  oid: 'rfc7091-a1',
  name: 'RFC 7091 A.1 test curve',
  bits: 256,
  cofactor: 1n,
  p: 0x8000000000000000000000000000000000000000000000000000000000000431n,
  a: 7n,
  b: 0x5fbff498aa938ce739b8e022fbafef40563f6e6a3472fc2a514c0ce9dae23b7en,
  q: 0x8000000000000000000000000000000150fe8a1892976154c59cfc193accf5b3n,
  gx: 2n,
  gy: 0x08e2a8a0e65147d4bd6316030e16d19c85c97f0a9ca267122b96abbcea7e8fc8n,
};
const A1_D = 0x7a929ade789bb9be10ed359dd39a72c11b60961f49397eee1d19ce9891ec3b28n;
const A1_E = 0x2dfbc1b372d89a1188c09c52e0eec61fce52032ab1022e8e67ece6672b043ee5n;
const A1_K = 0x77105c9b20bcd3122823c8cf6fcc7b956de33814e95b7fe64fed924594dceab3n;
const A1_QX = 0x7f2b49e270db6d90d8595bec458b50c58585ba1d4e9b788f6689dbd8e56fd80bn;
const A1_QY = 0x26f1b489d6701dd185c8413a977b3cbbaf64d1c593d26627dffb101a87ff77dan;
const A1_R = 0x41aa28d2f1ab148280cd9ed56feda41974053554a42767b83ad043fd39dc0493n;
const A1_S = 0x01456c64ba4642a1653c235a98a60249bcd6d3f746b631df928014f6c5bf9c40n;

const A2: GostCurveParams = {
  oid: 'rfc7091-a2',
  name: 'RFC 7091 A.2 test curve',
  bits: 512,
  cofactor: 1n,
  a: 7n,
  p: 0x4531acd1fe0023c7550d267b6b2fee80922b14b2ffb90f04d4eb7c09b5d2d15df1d852741af4704a0458047e80e4546d35b8336fac224dd81664bbf528be6373n,
  b: 0x1cff0806a31116da29d8cfa54e57eb748bc5f377e49400fdd788b649eca1ac4361834013b2ad7322480a89ca58e0cf74bc9e540c2add6897fad0a3084f302adcn,
  q: 0x4531acd1fe0023c7550d267b6b2fee80922b14b2ffb90f04d4eb7c09b5d2d15da82f2d7ecb1dbac719905c5eecc423f1d86e25edbe23c595d644aaf187e6e6dfn,
  gx: 0x24d19cc64572ee30f396bf6ebbfd7a6c5213b3b3d7057cc825f91093a68cd762fd60611262cd838dc6b60aa7eee804e28bc849977fac33b4b530f1b120248a9an,
  gy: 0x2bb312a43bd2ce6e0d020613c857acddcfbf061e91e5f2c3f32447c259f39b2c83ab156d77f1496bf7eb3351e1ee4e43dc1a18b91b24640b6dbb92cb1add371en,
};
const A2_D =
  0x0ba6048aadae241ba40936d47756d7c93091a0e8514669700ee7508e508b102072e8123b2200a0563322dad2827e2714a2636b7bfd18aadfc62967821fa18dd4n;
const A2_E =
  0x3754f3cfacc9e0615c4f4a7c4d8dab531b09b6f9c170c533a71d147035b0c5917184ee536593f4414339976c647c5d5a407adedb1d560c4fc6777d2972075b8cn;
const A2_K =
  0x0359e7f4b1410feacc570456c6801496946312120b39d019d455986e364f365886748ed7a44b3e794434006011842286212273a6d14cf70ea3af71bb1ae679f1n;
const A2_QX =
  0x115dc5bc96760c7b48598d8ab9e740d4c4a85a65be33c1815b5c320c854621dd5a515856d13314af69bc5b924c8b4ddff75c45415c1d9dd9dd33612cd530efe1n;
const A2_QY =
  0x37c7c90cd40b0f5621dc3ac1b751cfa0e2634fa0503b3d52639f5d7fb72afd61ea199441d943ffe7f0c70a2759a3cdb84c114e1f9339fdf27f35eca93677beecn;
const A2_R =
  0x2f86fa60a081091a23dd795e1e3c689ee512a3c82ee0dcc2643c78eea8fcacd35492558486b20f1c9ec197c90699850260c93bcbcd9c5c3317e19344e173ae36n;
const A2_S =
  0x1081b394696ffe8e6585e7a9362d26b6325f56778aadbc081c0bfbe933d52ff5823ce288e8c4f362526080df7f70ce406a6eeb1f56919cb92a9853bde73e5b4an;

describe('RFC 7091 Appendix A examples', () => {
  const cases = [
    ['A.1 (256-bit)', A1, A1_D, A1_E, A1_K, A1_QX, A1_QY, A1_R, A1_S],
    ['A.2 (512-bit)', A2, A2_D, A2_E, A2_K, A2_QX, A2_QY, A2_R, A2_S],
  ] as const;

  it.each(cases)('%s: d·G = Q', (_n, c, d, _e, _k, qx, qy) => {
    const Q = gostPointType(c).BASE.multiply(d);
    expect([Q.x, Q.y]).toEqual([qx, qy]);
  });

  it.each(cases)('%s: signature with the given k is (r, s)', (_n, c, d, e, k, _x, _y, r, s) => {
    // the example's e is the hash read little-endian: feed the matching hash bytes
    const hash = bigIntToLe(e, c.bits / 8);
    expect(hashToE(hash, c.q)).toBe(e);
    expect(gostSignHash(c, d, hash, k)).toEqual({ r, s });
  });

  it.each(cases)('%s: verification accepts it, rejects changes', (_n, c, _d, e, _k, x, y, r, s) => {
    const Q = gostPointType(c).fromAffine({ x, y });
    const hash = bigIntToLe(e, c.bits / 8);
    expect(gostVerifyHash(c, Q, hash, { r, s })).toBe(true);
    expect(gostVerifyHash(c, Q, bigIntToLe(e + 1n, c.bits / 8), { r, s })).toBe(false);
    expect(gostVerifyHash(c, Q, hash, { r: s, s: r })).toBe(false);
    expect(gostVerifyHash(c, Q, hash, { r, s: s + 1n })).toBe(false);
    expect(gostVerifyHash(c, Q, hash, { r: r + c.q, s })).toBe(false);
    expect(gostVerifyHash(c, Q, hash, { r: 0n, s })).toBe(false);
    expect(gostVerifyHash(c, Q, hash, { r, s: c.q })).toBe(false);
    expect(gostVerifyHash(c, Q.double(), hash, { r, s })).toBe(false);
  });
});

describe('GOST signature helpers', () => {
  it('e = 0 becomes 1', () => {
    expect(hashToE(new Uint8Array(32), A1.q)).toBe(1n);
    expect(hashToE(bigIntToLe(A1.q, 32), A1.q)).toBe(1n);
    expect(hashToE(Uint8Array.of(2), A1.q)).toBe(2n);
  });
  it('hash bytes are read little-endian', () => {
    const h = new Uint8Array(32);
    h[0] = 1;
    expect(hashToE(h, A1.q)).toBe(1n);
    h[0] = 0;
    h[31] = 1;
    expect(hashToE(h, A1.q)).toBe(1n << 248n);
  });
  it('s ‖ r big-endian layout round-trips and checks length', () => {
    const bytes = encodeGostSignature({ r: 1n, s: 2n }, 256);
    expect(bytes.length).toBe(64);
    expect(bytes[31]).toBe(2);
    expect(bytes[63]).toBe(1);
    expect(decodeGostSignature(bytes, 256)).toEqual({ r: 1n, s: 2n });
    expect(decodeGostSignature(bytes, 512)).toBeUndefined();
    expect(decodeGostSignature(bytes.subarray(1), 256)).toBeUndefined();
  });
  it('random k gives different signatures that all verify', () => {
    const hash = bigIntToLe(A1_E, 32);
    const s1 = gostSignHash(A1, A1_D, hash);
    const s2 = gostSignHash(A1, A1_D, hash);
    expect(s1).not.toEqual(s2);
    const Q = gostPointType(A1).fromAffine({ x: A1_QX, y: A1_QY });
    expect(gostVerifyHash(A1, Q, hash, s1)).toBe(true);
    expect(gostVerifyHash(A1, Q, hash, s2)).toBe(true);
  });
  it('refuses out-of-range private keys and k', () => {
    const hash = new Uint8Array(32);
    expect(() => gostSignHash(A1, 0n, hash)).toThrow(RangeError);
    expect(() => gostSignHash(A1, A1.q, hash)).toThrow(RangeError);
    expect(() => gostSignHash(A1, A1_D, hash, A1.q)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------
// Keys

/** Made by `openssl genpkey -engine gost -algorithm gost2012_256 -pkeyopt paramset:A`. */
const OPENSSL_PKCS8_256A = `-----BEGIN PRIVATE KEY-----
MEYCAQAwHwYIKoUDBwEBAQEwEwYHKoUDAgIjAQYIKoUDBwEBAgIEIBlChaCAjP0K
FDCWDjVhGzyB3j95HuIdqV2m546KMF0F
-----END PRIVATE KEY-----`;
const OPENSSL_SPKI_256A = `-----BEGIN PUBLIC KEY-----
MGYwHwYIKoUDBwEBAQEwEwYHKoUDAgIjAQYIKoUDBwEBAgIDQwAEQN8LwhS2IotS
a9Y28tDtomxqMKbrZ2WPokJA9KUsPKPVfr/ef8N4NyUU5oJCGfuc/rIYHqtjPvSV
2sVUxQO9Fvw=
-----END PUBLIC KEY-----`;

/** Self-signed certificates made by `openssl req -x509` with the gost engine. */
const OPENSSL_CERT_256A = `-----BEGIN CERTIFICATE-----
MIIBKjCB1gIUR11q2kv+qM95atjOs44fv9j09UUwDAYIKoUDBwEBAwIFADATMREw
DwYDVQQDDAhnb3N0MjU2QTAeFw0yNjExMjExNzMxMDdaFw0yNjEyMjExNzMxMDda
MBMxETAPBgNVBAMMCGdvc3QyNTZBMGYwHwYIKoUDBwEBAQEwEwYHKoUDAgIjAQYI
KoUDBwEBAgIDQwAEQN8LwhS2IotSa9Y28tDtomxqMKbrZ2WPokJA9KUsPKPVfr/e
f8N4NyUU5oJCGfuc/rIYHqtjPvSV2sVUxQO9FvwwDAYIKoUDBwEBAwIFAANBAMIw
N1m9Gw7+PrdHb7hfYHlbTQA4rs97Rrd7SMS+3xPR3RKaifXNIuXDaQw+nsemltXm
fJtFCbj58K7V+PtPwSc=
-----END CERTIFICATE-----`;
const OPENSSL_CERT_512C = `-----BEGIN CERTIFICATE-----
MIIBpzCCARECFGEprfxEyUst+T5PFXpWOc9RHDwVMAwGCCqFAwcBAQMDBQAwEzER
MA8GA1UEAwwIZ29zdDUxMkMwHhcNMjYxMTIxMTczMTA3WhcNMjYxMjIxMTczMTA3
WjATMREwDwYDVQQDDAhnb3N0NTEyQzCBoDAXBggqhQMHAQEBAjALBgkqhQMHAQIB
AgMDgYQABIGAjw1xFHIqoZ6KKf40v74xfogRgx+SqFvDpVqy/qKyIWjt7xhQpoCp
5jV8yXh5reVsYws/mqGIZlHDP3KKvU0L4R4rkdPESzE/zPUGUsmUJSYEQRl19CXY
4ivgcfuaMS0KuIbnY8sSJwj2jNO4SvYYawUg+HygHrSmDJ2ch5Fk+Z0wDAYIKoUD
BwEBAwMFAAOBgQAX68oKPIsvMbIiYQLB+Tm7nb5pbXWmHH4tKwUlMXBhjixn1CTR
8kGzeWk5UdDShIhe70FEgKVwyQWavreo2Oc/G/CUxHxfGoyWijBMjbAApvifhUP8
TP1sqF0eufoa4RECNyJCs4TmRUhBdkwylczHg8/YHgIuAmDUiCmrRaZ9dQ==
-----END CERTIFICATE-----`;

/** PKCS#8 with an arbitrary privateKey content, to exercise the layouts tools write. */
function pkcs8With(content: Uint8Array): Uint8Array {
  const base = asn1js.fromBER(pemBody(OPENSSL_PKCS8_256A)).result as asn1js.Sequence;
  const [version, alg] = base.valueBlock.value;
  const seq = new asn1js.Sequence({
    value: [version!, alg!, new asn1js.OctetString({ valueHex: content })],
  });
  return new Uint8Array(seq.toBER());
}

describe('GOST keys', () => {
  it('isGostKeyOid', () => {
    expect(isGostKeyOid('1.2.643.2.2.19')).toBe(true);
    expect(isGostKeyOid('1.2.643.7.1.1.1.1')).toBe(true);
    expect(isGostKeyOid('1.2.643.7.1.1.1.2')).toBe(true);
    expect(isGostKeyOid('1.2.840.10045.2.1')).toBe(false);
    expect(isGostKeyOid('1.2.643.7.1.1.1')).toBe(false);
  });

  it('decodes an OpenSSL SPKI and PKCS#8 pair, and d·G matches the public key', () => {
    const pub = decodeGostPublicKey(pemBody(OPENSSL_SPKI_256A));
    expect(pub.family).toBe('gost2012-256');
    expect(pub.curve).toEqual({
      oid: '1.2.643.2.2.35.1',
      name: 'id-GostR3410-2001-CryptoPro-A-ParamSet',
    });
    expect(pub.bits).toBe(256);
    expect(pub.algorithmOid).toBe('1.2.643.7.1.1.1.1');
    const priv = decodeGostPrivateKeyPkcs8(pemBody(OPENSSL_PKCS8_256A));
    expect(priv.family).toBe('gost2012-256');
    // OpenSSL's PKCS#8 holds the bare little-endian bytes 19 42 85 a0 …
    expect(priv.d & 0xffffn).toBe(0x4219n);
    const derived = gostPublicKeyFor(priv);
    expect([derived.x, derived.y]).toEqual([pub.x, pub.y]);
    // our encoders reproduce OpenSSL's bytes exactly
    expect(Buffer.from(encodeGostSpki(pub.family, pub.curve.oid!, pub.x, pub.y))).toEqual(
      Buffer.from(pemBody(OPENSSL_SPKI_256A)),
    );
    expect(Buffer.from(encodeGostPrivateKeyPkcs8(priv))).toEqual(
      Buffer.from(pemBody(OPENSSL_PKCS8_256A)),
    );
  });

  it('reads nested OCTET STRING, INTEGER and masked private-key layouts', () => {
    const priv = decodeGostPrivateKeyPkcs8(pemBody(OPENSSL_PKCS8_256A));
    const le = bigIntToLe(priv.d, 32);
    const nested = new Uint8Array(new asn1js.OctetString({ valueHex: le }).toBER());
    expect(decodeGostPrivateKeyPkcs8(pkcs8With(nested)).d).toBe(priv.d);
    // INTEGER: big-endian, with a leading zero so it stays positive
    const intDer = new Uint8Array(
      new asn1js.Integer({ valueHex: Uint8Array.from([0, ...Array.from(le).reverse()]) }).toBER(),
    );
    expect(decodeGostPrivateKeyPkcs8(pkcs8With(intDer)).d).toBe(priv.d);
    // masked: (d·m⁻¹ mod q) ‖ m
    const q = GOST_CURVES.get('1.2.643.2.2.35.1')!.q;
    const m = 0x1234567890abcdefn;
    const mInv = gostPointType(GOST_CURVES.get('1.2.643.2.2.35.1')!).Fn.inv(m);
    const masked = new Uint8Array(64);
    masked.set(bigIntToLe((priv.d * mInv) % q, 32), 0);
    masked.set(bigIntToLe(m, 32), 32);
    expect(decodeGostPrivateKeyPkcs8(pkcs8With(masked)).d).toBe(priv.d);
    // and a length that fits no layout is refused
    expect(() => decodeGostPrivateKeyPkcs8(pkcs8With(new Uint8Array(40)))).toThrow(KeyFormatError);
  });

  const FAMILY_CURVES: [GostFamily, string][] = [
    ['gost2001', '1.2.643.2.2.35.1'],
    ['gost2001', '1.2.643.2.2.36.1'],
    ['gost2012-256', '1.2.643.2.2.35.2'],
    ['gost2012-256', '1.2.643.7.1.2.1.1.1'],
    ['gost2012-256', '1.2.643.7.1.2.1.1.4'],
    ['gost2012-512', '1.2.643.7.1.2.1.2.1'],
    ['gost2012-512', '1.2.643.7.1.2.1.2.2'],
    ['gost2012-512', '1.2.643.7.1.2.1.2.3'],
  ];

  it.each(FAMILY_CURVES)('%s on %s: generate, encode, decode round trip', (family, oid) => {
    const { privateKey, publicKey } = generateGostKeyPair(family, oid);
    expect(publicKey.family).toBe(family);
    expect(publicKey.curve.oid).toBe(oid);
    const again = decodeGostPublicKey(publicKey.spki);
    expect([again.x, again.y]).toEqual([publicKey.x, publicKey.y]);
    const p8 = decodeGostPrivateKeyPkcs8(encodeGostPrivateKeyPkcs8(privateKey));
    expect(p8).toEqual(privateKey);
    // the 2012 tc26 sets carry no digest OID in their parameters; the others do
    const params = (
      (asn1js.fromBER(publicKey.spki).result as asn1js.Sequence).valueBlock
        .value[0] as asn1js.Sequence
    ).valueBlock.value[1] as asn1js.Sequence;
    const expectDigest = !(oid.startsWith('1.2.643.7.1.2.1.1.') || oid === '1.2.643.7.1.2.1.2.3');
    expect(params.valueBlock.value.length).toBe(expectDigest ? 2 : 1);
  });

  it('rejects malformed or mismatched keys', () => {
    const good = decodeGostPublicKey(pemBody(OPENSSL_SPKI_256A));
    // off-curve point
    expect(() => encodeGostSpki('gost2012-256', '1.2.643.2.2.35.1', good.x, good.y + 1n)).toThrow(
      KeyFormatError,
    );
    const bad = new Uint8Array(good.spki);
    bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 1;
    expect(() => decodeGostPublicKey(bad)).toThrow(/not on the curve/);
    // trailing garbage
    expect(() => decodeGostPublicKey(Uint8Array.from([...good.spki, 0]))).toThrow(KeyFormatError);
    // 256-bit curve under the 512-bit key OID
    expect(() => encodeGostSpki('gost2012-512', '1.2.643.2.2.35.1', good.x, good.y)).toThrow(
      /cannot carry/,
    );
    // unknown curve OID
    expect(() => generateGostKeyPair('gost2012-256', '1.2.643.2.2.35.9')).toThrow(KeyFormatError);
    // an EC P-256 SPKI is not a GOST key
    const ecPem = readFileSync(
      new URL('../vectors/xmlsec/keys/ec-prime256v1-pubkey.pem', import.meta.url),
      'utf8',
    );
    expect(() => decodeGostPublicKey(pemBody(ecPem))).toThrow(/not a GOST key algorithm/);
  });
});

// ---------------------------------------------------------------------------------------
// Scheme

describe('gostScheme', () => {
  const message = new TextEncoder().encode('<SignedInfo>corridor</SignedInfo>');
  const cases: [GostFamily, string][] = [
    ['gost2001', '1.2.643.2.2.35.1'],
    ['gost2012-256', '1.2.643.7.1.2.1.1.1'],
    ['gost2012-512', '1.2.643.7.1.2.1.2.3'],
  ];

  it.each(cases)('%s: sign then verify, in both encodings', (family, oid) => {
    const { privateKey, publicKey } = generateGostKeyPair(family, oid);
    const sig = gostScheme.sign(family, privateKey, message, 'xmldsig');
    expect(sig.length).toBe(family === 'gost2012-512' ? 128 : 64);
    expect(gostScheme.verify(family, publicKey, message, sig, 'xmldsig')).toBe(true);
    expect(gostScheme.verify(family, publicKey, message, sig, 'x509')).toBe(true);
    // second and third verifications go through the cached, precomputed key
    expect(gostScheme.verify(family, publicKey, message, sig, 'xmldsig')).toBe(true);
    expect(gostScheme.verify(family, publicKey, message, sig, 'xmldsig')).toBe(true);
  });

  it.each(cases)('%s: rejects tampering and mismatches', (family, oid) => {
    const { privateKey, publicKey } = generateGostKeyPair(family, oid);
    const sig = gostScheme.sign(family, privateKey, message, 'xmldsig');
    const flipped = new Uint8Array(sig);
    flipped[5] = (flipped[5] ?? 0) ^ 0x01;
    expect(gostScheme.verify(family, publicKey, message, flipped, 'xmldsig')).toBe(false);
    const other = Uint8Array.from(message);
    other[0] = (other[0] ?? 0) ^ 1;
    expect(gostScheme.verify(family, publicKey, other, sig, 'xmldsig')).toBe(false);
    expect(gostScheme.verify(family, publicKey, message, sig.subarray(1), 'xmldsig')).toBe(false);
    const stranger = generateGostKeyPair(family, oid).publicKey;
    expect(gostScheme.verify(family, stranger, message, sig, 'xmldsig')).toBe(false);
    const otherId = family === 'gost2001' ? 'gost2012-256' : 'gost2001';
    expect(gostScheme.verify(otherId, publicKey, message, sig, 'xmldsig')).toBe(false);
    expect(gostScheme.verify('ecdsa-sha256', publicKey, message, sig, 'xmldsig')).toBe(false);
    expect(() => gostScheme.sign(otherId, privateKey, message, 'xmldsig')).toThrow();
  });

  it('gost2001 hashes with GOST R 34.11-94, 2012-256 with Streebog-256', () => {
    const { privateKey } = generateGostKeyPair('gost2001', '1.2.643.2.2.35.1');
    const pub = gostPublicKeyFor(privateKey);
    const sig = gostScheme.sign('gost2001', privateKey, message, 'xmldsig');
    const rs = decodeGostSignature(sig, 256)!;
    const params = GOST_CURVES.get('1.2.643.2.2.35.1')!;
    const Q = gostPointType(params).fromAffine({ x: pub.x, y: pub.y });
    expect(gostVerifyHash(params, Q, streebog256(message), rs)).toBe(false);
    // the same key relabelled as a 2012-256 key must not verify a 2001 signature
    const as2012 = decodeGostPublicKey(encodeGostSpki('gost2012-256', params.oid, pub.x, pub.y));
    expect(gostScheme.verify('gost2012-256', as2012, message, sig, 'xmldsig')).toBe(false);
    expect(gostScheme.verify('gost2001', pub, message, sig, 'xmldsig')).toBe(true);
  });

  it('rejects a key that is on the curve but outside the order-q subgroup', () => {
    // tc26-256-A has cofactor 4: find a point of order 2·q or 4·q
    const params = GOST_CURVES.get('1.2.643.7.1.2.1.1.1')!;
    const P = gostPointType(params);
    const { p, a, b } = params;
    const sqrt = (v: bigint): bigint | undefined => {
      // p ≡ 3 mod 4
      let r = 1n;
      let base = v % p;
      for (let e = (p + 1n) / 4n; e > 0n; e >>= 1n, base = (base * base) % p) {
        if (e & 1n) r = (r * base) % p;
      }
      return (r * r) % p === v % p ? r : undefined;
    };
    let x = 5n;
    let y: bigint | undefined;
    for (; ; x++) {
      y = sqrt((x * x * x + a * x + b) % p);
      if (y === undefined) continue;
      const pt = P.fromAffine({ x, y });
      // (q-1)·P + P ≠ O: not in the order-q subgroup. (noble throws when q·P has order 2,
      // since it cannot represent y = 0; that point is outside the subgroup as well.)
      let outside: boolean;
      try {
        outside = !pt
          .multiplyUnsafe(params.q - 1n)
          .add(pt)
          .is0();
      } catch {
        outside = true;
      }
      if (outside) break;
    }
    const spki = encodeGostSpki('gost2012-256', params.oid, x, y!);
    const key = decodeGostPublicKey(spki);
    expect(prepareGostKey(key)).toBeNull();
    // while a genuine key on the same curve is accepted
    expect(
      prepareGostKey(generateGostKeyPair('gost2012-256', params.oid).publicKey),
    ).not.toBeNull();
    expect(
      gostScheme.verify('gost2012-256', key, message, new Uint8Array(64).fill(1), 'xmldsig'),
    ).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------
// Real-world signatures made by other implementations

function certificateParts(pem: string): { tbs: Uint8Array; sig: Uint8Array; key: GostPublicKey } {
  const cert = pkijs.Certificate.fromBER(pemBody(pem));
  return {
    tbs: new Uint8Array(cert.tbsView),
    sig: new Uint8Array(cert.signatureValue.valueBlock.valueHexView),
    key: decodeGostPublicKey(new Uint8Array(cert.subjectPublicKeyInfo.toSchema().toBER())),
  };
}

describe('OpenSSL-made GOST certificates (X.509 layout s ‖ r)', () => {
  it.each([
    ['gost2012-256', OPENSSL_CERT_256A],
    ['gost2012-512', OPENSSL_CERT_512C],
  ] as const)('%s self-signed certificate verifies over its TBS bytes', (alg, pem) => {
    const { tbs, sig, key } = certificateParts(pem);
    expect(gostScheme.verify(alg, key, tbs, sig, 'x509')).toBe(true);
    const tampered = Uint8Array.from(tbs);
    tampered[tampered.length - 10] = (tampered[tampered.length - 10] ?? 0) ^ 1;
    expect(gostScheme.verify(alg, key, tampered, sig, 'x509')).toBe(false);
    // the byte-reversed layout (r ‖ s little-endian) is not what X.509 uses
    expect(gostScheme.verify(alg, key, tbs, Uint8Array.from(sig).reverse(), 'x509')).toBe(false);
  });
});

describe('xmlsec vector enveloped-gost2012-256.xml', () => {
  const xml = readFileSync(
    new URL('../vectors/xmlsec/enveloped-gost2012-256.xml', import.meta.url),
    'utf8',
  );
  /** Inclusive C14N of SignedInfo, done by hand: this SignedInfo needs only the default
   *  namespace added and its empty elements written as start/end pairs. */
  const signedInfo = (): Uint8Array => {
    const body = /<SignedInfo>([\s\S]*?)<\/SignedInfo>/.exec(xml)?.[1] ?? '';
    const expanded = body.replace(/<([A-Za-z]+)([^<>]*?)\/>/g, '<$1$2></$1>');
    return new TextEncoder().encode(
      `<SignedInfo xmlns="http://www.w3.org/2000/09/xmldsig#">${expanded}</SignedInfo>`,
    );
  };
  const signatureValue = (): Uint8Array =>
    new Uint8Array(
      Buffer.from(/<SignatureValue>([^<]+)<\/SignatureValue>/.exec(xml)?.[1] ?? '', 'base64'),
    );
  const leafKey = (): GostPublicKey => {
    const certs = [...xml.matchAll(/<X509Certificate>([^<]+)<\/X509Certificate>/g)];
    for (const m of certs) {
      const cert = pkijs.Certificate.fromBER(Buffer.from(m[1] ?? '', 'base64'));
      const spki = new Uint8Array(cert.subjectPublicKeyInfo.toSchema().toBER());
      if (isGostKeyOid(cert.subjectPublicKeyInfo.algorithm.algorithmId)) {
        return decodeGostPublicKey(spki);
      }
    }
    throw new Error('no GOST certificate in the vector');
  };

  it('the SignatureValue verifies over the canonical SignedInfo', () => {
    const key = leafKey();
    expect(key.curve.oid).toBe('1.2.643.2.2.35.1');
    expect(gostScheme.verify('gost2012-256', key, signedInfo(), signatureValue(), 'xmldsig')).toBe(
      true,
    );
  });

  it('and fails when SignedInfo or the value changes', () => {
    const key = leafKey();
    const si = signedInfo();
    const changed = Uint8Array.from(si);
    changed[si.length - 20] = (changed[si.length - 20] ?? 0) ^ 1;
    expect(gostScheme.verify('gost2012-256', key, changed, signatureValue(), 'xmldsig')).toBe(
      false,
    );
    const sv = signatureValue();
    sv[40] = (sv[40] ?? 0) ^ 0x80;
    expect(gostScheme.verify('gost2012-256', key, si, sv, 'xmldsig')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { BELT_H } from '../../src/crypto/belt/block.js';
import { beltHash } from '../../src/crypto/belt/hash.js';
import { BIGN_CURVES, bignCurveParams, bignPointType } from '../../src/crypto/bign/curves.js';
import {
  bignPointFromBytes,
  bignPublicPoint,
  bignSpkiOfPrivateKey,
  decodeBignPrivateKey,
  encodeBignPrivateKeyPkcs8,
} from '../../src/crypto/bign/keys.js';
import {
  BELT_HASH_OID_DER,
  bignDeterministicK,
  bignSignHash,
  bignSignHashRandom,
  bignVerifyHash,
} from '../../src/crypto/bign/signature.js';
import { KeyFormatError, UnsupportedAlgorithmError } from '../../src/crypto/errors.js';
import { bigIntToLe, leToBigInt } from '../../src/crypto/gost/signature.js';
import { schemeFor } from '../../src/crypto/schemes/index.js';
import { decodePublicKey } from '../../src/pki/spki.js';
import { loadPrivateKey } from '../../src/pki/keys.js';
import { toPem } from '../../src/pki/pem.js';

/**
 * STB 34.101.45-2013 Appendix G examples (tables G.1–G.3, G.6, G.7), as bee2 reproduces them
 * in test/crypto/bign_test.c. Inputs are slices of belt's substitution H; all octet strings
 * are printed little-endian, as the standard prints them.
 */
const H = (from: number, to: number) => BELT_H.slice(from, to);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const fromHex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));

const CURVE = bignCurveParams('1.2.112.0.2.0.34.101.45.3.1')!;
const Q_LEVEL = 1n << 128n;

// G.1: the key pair
const D = leToBigInt(fromHex('1F66B5B84B7339674533F0329C74F21834281FED0732429E0C79235FC273E269'));
const PUBLIC =
  'BD1A5650179D79E03FCEE49D4C2BD5DDF54CE46D0CF11E4FF87BF7A890857FD0' +
  '7AC6A60361E8C8173491686D461B2826190C2EDA5909054A9AB84D2AB9D99A90';
// G.2 / G.3: signatures made with the standard's (randomized) one-time keys
const SIG_G2 =
  'E36B7F0377AE4C524027C387FADF1B20CE72F1530B71F2B5FD3A8C584FE2E1AED20082E30C8AF65011F4FB54649DFD3D';
const SIG_G3 =
  '47A63C8B9C936E94B5FAB3D9CBD78366290F3210E163EEC8DB4E921E8479D4138F112CC23E6DCE65EC5FF21DF4231C28';

/** The one-time key a signature was made with: k = (S0 + 2^l)·d + S1 + H mod q. */
function kOf(signature: Uint8Array, hash: Uint8Array): bigint {
  const s0 = leToBigInt(signature.subarray(0, 16));
  const s1 = leToBigInt(signature.subarray(16));
  return ((s0 + Q_LEVEL) * D + s1 + leToBigInt(hash)) % CURVE.q;
}

const publicPoint = () => bignPointFromBytes(CURVE, fromHex(PUBLIC));

describe('bign curves (STB 34.101.45 Appendix B)', () => {
  it.each([...BIGN_CURVES.values()].map((c) => [c.name, c] as const))(
    '%s: b and G follow from p, a and seed by the standard generation rule (§6.1.4); qG = O',
    (_name, c) => {
      // B = belt-hash(p ‖ a ‖ seed) ‖ belt-hash(p ‖ a ‖ seed + 1), b = B mod p
      const p = bigIntToLe(c.p, c.bytes);
      const a = bigIntToLe(c.a, c.bytes);
      const next = bigIntToLe(leToBigInt(c.seed) + 1n, 8);
      const B = new Uint8Array(64);
      B.set(beltHash(p, a, c.seed), 0);
      B.set(beltHash(p, a, next), 32);
      expect(leToBigInt(B) % c.p).toBe(c.b);
      // G = (0, b^((p+1)/4) mod p), p ≡ 3 (mod 4)
      expect(c.p % 4n).toBe(3n);
      const P = bignPointType(c);
      expect(P.Fp.pow(c.b, (c.p + 1n) / 4n)).toBe(c.yG);
      expect(() => P.BASE.assertValidity()).not.toThrow();
      expect(
        P.BASE.multiplyUnsafe(c.q - 1n)
          .add(P.BASE)
          .is0(),
      ).toBe(true);
      expect(c.q.toString(2)).toHaveLength(2 * c.level);
    },
  );
});

describe('bign keys (G.1)', () => {
  it('derives the public key of the standard private key', () => {
    expect(hex(bignPublicPoint(CURVE, D))).toBe(PUBLIC);
  });

  it('refuses off-curve points, wrong sizes and out-of-range coordinates', () => {
    const bad = fromHex(PUBLIC);
    bad[0] = (bad[0] as number) ^ 1;
    expect(() => bignPointFromBytes(CURVE, bad)).toThrow(KeyFormatError);
    expect(() => bignPointFromBytes(CURVE, fromHex(PUBLIC).subarray(1))).toThrow(KeyFormatError);
    expect(() => bignPointFromBytes(CURVE, new Uint8Array(64).fill(0xff))).toThrow(KeyFormatError);
    expect(() => bignPublicPoint(CURVE, 0n)).toThrow(KeyFormatError);
    expect(() => bignPublicPoint(CURVE, CURVE.q)).toThrow(KeyFormatError);
  });

  it('PKCS#8 and SPKI round-trip through the PEM loaders', () => {
    const key = { family: 'bign' as const, curve: { oid: CURVE.oid, name: CURVE.name }, d: D };
    const pkcs8 = encodeBignPrivateKeyPkcs8(key);
    // d is written little-endian, exactly the 32 octets the standard prints
    expect(hex(pkcs8)).toContain(
      hex(fromHex('1F66B5B84B7339674533F0329C74F21834281FED0732429E0C79235FC273E269')),
    );
    expect(loadPrivateKey(toPem('PRIVATE KEY', pkcs8))).toEqual(key);
    const pub = decodePublicKey(bignSpkiOfPrivateKey(key));
    expect(pub).toMatchObject({ family: 'bign', bits: 256, curve: { name: 'bign-curve256v1' } });
    expect(pub.family === 'bign' && hex(pub.point)).toBe(PUBLIC);
    expect(() => decodeBignPrivateKey(CURVE.oid, new Uint8Array(31))).toThrow(KeyFormatError);
    expect(() => decodeBignPrivateKey('1.2.3', new Uint8Array(32))).toThrow(KeyFormatError);
  });
});

describe('bign signature (G.2, G.3)', () => {
  const cases = [
    ['G.2', H(0, 13), SIG_G2],
    ['G.3', H(0, 48), SIG_G3],
  ] as const;

  it.each(cases)('%s: the standard signature verifies', (_n, message, sig) => {
    expect(bignVerifyHash(CURVE, publicPoint(), beltHash(message), fromHex(sig))).toBe(true);
  });

  it.each(cases)(
    '%s: signing with the example one-time key reproduces the signature',
    (_n, message, sig) => {
      const hash = beltHash(message);
      const k = kOf(fromHex(sig), hash);
      expect(hex(bignSignHash(CURVE, D, hash, { k }))).toBe(sig);
    },
  );

  it('a flipped bit in the signature, the hash or the key fails', () => {
    const hash = beltHash(H(0, 13));
    const sig = fromHex(SIG_G2);
    for (const at of [0, 15, 16, 47]) {
      const flipped = Uint8Array.from(sig);
      flipped[at] = (flipped[at] as number) ^ 1;
      expect(bignVerifyHash(CURVE, publicPoint(), hash, flipped)).toBe(false);
    }
    const otherHash = Uint8Array.from(hash);
    otherHash[31] = (otherHash[31] as number) ^ 0x80;
    expect(bignVerifyHash(CURVE, publicPoint(), otherHash, sig)).toBe(false);
    const otherKey = bignPointType(CURVE).BASE.multiply(D + 1n);
    expect(bignVerifyHash(CURVE, otherKey, hash, sig)).toBe(false);
  });

  it('refuses S1 ≥ q, wrong lengths and the all-zero signature without throwing', () => {
    const hash = beltHash(H(0, 13));
    const sig = fromHex(SIG_G2);
    const big = Uint8Array.from(sig);
    big.set(bigIntToLe(CURVE.q, 32), 16);
    expect(bignVerifyHash(CURVE, publicPoint(), hash, big)).toBe(false);
    expect(bignVerifyHash(CURVE, publicPoint(), hash, sig.subarray(0, 47))).toBe(false);
    expect(bignVerifyHash(CURVE, publicPoint(), hash, new Uint8Array(48))).toBe(false);
    expect(bignVerifyHash(CURVE, publicPoint(), hash.subarray(1), sig)).toBe(false);
  });
});

describe('bign deterministic one-time key (G.6, G.7)', () => {
  it('G.6: k for H = belt-hash(H[0..13)) without extra data', () => {
    const hash = beltHash(H(0, 13));
    const k = bignDeterministicK(CURVE, D, hash);
    expect(hex(bigIntToLe(k, 32))).toBe(
      '829614D8411DBBC4E1F2471A4004586440FD8C9553FAB6A1A45CE417AE97111E',
    );
    // and the deterministic signature is made with exactly that k, and verifies
    const sig = bignSignHash(CURVE, D, hash);
    expect(kOf(sig, hash)).toBe(k);
    expect(bignVerifyHash(CURVE, publicPoint(), hash, sig)).toBe(true);
  });

  it('G.7: k for H = belt-hash(H[0..48)) with t = H[192..215)', () => {
    const hash = beltHash(H(0, 48));
    const k = bignDeterministicK(CURVE, D, hash, H(192, 215));
    expect(hex(bigIntToLe(k, 32))).toBe(
      '7ADC8713283EBFA547A2AD9CDFB245AE0F7B968DF0F91CB785D1F932A3583107',
    );
  });

  it('a random-k signature differs each time and still verifies', () => {
    const hash = beltHash(H(0, 48));
    const a = bignSignHashRandom(CURVE, D, hash);
    const b = bignSignHashRandom(CURVE, D, hash);
    expect(hex(a)).not.toBe(hex(b));
    expect(bignVerifyHash(CURVE, publicPoint(), hash, a)).toBe(true);
    expect(bignVerifyHash(CURVE, publicPoint(), hash, b)).toBe(true);
  });
});

describe('bign on bign-curve384v1 / 512v1 (no published signature vectors)', () => {
  it.each(['1.2.112.0.2.0.34.101.45.3.2', '1.2.112.0.2.0.34.101.45.3.3'])(
    '%s: sign → verify over a hash of the curve size; tampering fails',
    (oid) => {
      const c = bignCurveParams(oid)!;
      const d = leToBigInt(beltHash(H(0, 7))) % c.q;
      const hash = BELT_H.slice(0, c.bytes);
      const Q = bignPointFromBytes(c, bignPublicPoint(c, d));
      const sig = bignSignHash(c, d, hash, { oidDer: BELT_HASH_OID_DER });
      expect(sig).toHaveLength((3 * c.level) / 8);
      expect(bignVerifyHash(c, Q, hash, sig)).toBe(true);
      sig[0] = (sig[0] as number) ^ 1;
      expect(bignVerifyHash(c, Q, hash, sig)).toBe(false);
    },
  );
});

describe('bign-hbelt signature scheme', () => {
  const scheme = schemeFor('bign-hbelt')!;
  const key = { family: 'bign' as const, curve: { oid: CURVE.oid, name: CURVE.name }, d: D };
  const pub = decodePublicKey(bignSpkiOfPrivateKey(key));

  it('is registered, hashes with belt-hash and verifies the standard example over its message', () => {
    expect(scheme.families).toEqual(['bign']);
    expect(scheme.verify('bign-hbelt', pub, H(0, 13), fromHex(SIG_G2), 'xmldsig')).toBe(true);
    expect(scheme.verify('bign-hbelt', pub, H(0, 13), fromHex(SIG_G2), 'x509')).toBe(true);
    expect(scheme.verify('bign-hbelt', pub, H(0, 12), fromHex(SIG_G2), 'x509')).toBe(false);
  });

  it('signs deterministically: the same message gives the same signature, which verifies', () => {
    const a = scheme.sign('bign-hbelt', key, H(0, 48), 'xmldsig');
    expect(hex(a)).toBe(hex(scheme.sign('bign-hbelt', key, H(0, 48), 'x509')));
    expect(scheme.verify('bign-hbelt', pub, H(0, 48), a, 'xmldsig')).toBe(true);
  });

  it('a key used often (multiplication table built) still accepts good and refuses bad signatures', () => {
    const often = decodePublicKey(bignSpkiOfPrivateKey({ ...key, d: D + 2n }));
    const sig = scheme.sign('bign-hbelt', { ...key, d: D + 2n }, H(0, 48), 'x509');
    const bad = Uint8Array.from(sig);
    bad[20] = (bad[20] as number) ^ 4;
    for (let i = 0; i < 20; i++) {
      expect(scheme.verify('bign-hbelt', often, H(0, 48), sig, 'x509')).toBe(true);
      expect(scheme.verify('bign-hbelt', often, H(0, 48), bad, 'x509')).toBe(false);
    }
  });

  it('refuses other algorithm ids, other families and the 384/512-bit curves', () => {
    expect(scheme.verify('bign-bash256', pub, H(0, 13), fromHex(SIG_G2), 'x509')).toBe(false);
    expect(() => scheme.sign('bign-bash256', key, H(0, 13), 'x509')).toThrow(
      UnsupportedAlgorithmError,
    );
    expect(() => scheme.sign('bign-hbelt', { family: 'sm2', d: 5n }, H(0, 13), 'x509')).toThrow(
      UnsupportedAlgorithmError,
    );
    const big = {
      family: 'bign' as const,
      curve: { oid: '1.2.112.0.2.0.34.101.45.3.2', name: 'bign-curve384v1' },
      d: 7n,
    };
    expect(() => scheme.sign('bign-hbelt', big, H(0, 13), 'x509')).toThrow(/curve256v1 only/);
    const bigPub = decodePublicKey(bignSpkiOfPrivateKey(big));
    expect(scheme.verify('bign-hbelt', bigPub, H(0, 13), new Uint8Array(72), 'x509')).toBe(false);
  });
});

/**
 * GOST 28147-89, its MAC, CryptoPro key wrap, VKO GOST R 34.10-2012 and GostR3410-KeyTransport
 * against published vectors (RFC 8891, R 50.1.113-2016 / RFC 7836, libgcl3 MAC values, the
 * TC26 CMS examples), plus the failures a receiver relies on: a wrong key or an altered byte
 * never yields a plausible content key.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyFormatError, UnsupportedAlgorithmError } from '../../../src/crypto/errors.js';
import {
  decodeGostPublicKey,
  generateGostKeyPair,
  gostPublicKeyFor,
  type GostPrivateKey,
} from '../../../src/crypto/gost/keys.js';
import { vkoGost2012_256 } from '../../../src/crypto/gost/vko.js';
import {
  CRYPTOPRO_A_PARAMSET,
  cryptoProKeyUnwrap,
  cryptoProKeyWrap,
  decodeGostKeyTransport,
  encodeGostKeyTransport,
  Gost28147,
  gost28147CfbDecrypt,
  gost28147CfbEncrypt,
  gost28147Mac,
  gostKeyTransportUnwrap,
  gostKeyTransportWrap,
  KeyUnwrapError,
  TC26_Z_PARAMSET,
} from '../../../src/crypto/gost28147/index.js';

const hex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h.replace(/\s/g, ''), 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('GOST 28147-89 block cipher', () => {
  it('param-Z is Magma: RFC 8891 §A.3 (key and blocks written big-endian there)', () => {
    const magmaKey = hex('ffeeddccbbaa99887766554433221100f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff');
    // Magma's key words are big-endian, GOST 28147's little-endian: reverse each word
    const key = new Uint8Array(32);
    for (let i = 0; i < 32; i++) key[i] = magmaKey[(i & ~3) + 3 - (i & 3)] as number;
    const cipher = new Gost28147(TC26_Z_PARAMSET, key);
    const block = hex('fedcba9876543210').reverse();
    const out = new Uint8Array(8);
    cipher.encryptBlock(block, 0, out, 0);
    expect(toHex(out.slice().reverse())).toBe('4ee901e5c2d8ca3d');
    const back = new Uint8Array(8);
    cipher.decryptBlock(out, 0, back, 0);
    expect(toHex(back)).toBe(toHex(block));
  });

  it('a key of the wrong size is refused', () => {
    expect(() => new Gost28147(TC26_Z_PARAMSET, new Uint8Array(31))).toThrow(/32 bytes/);
  });
});

describe('GOST 28147-89 MAC (imitovstavka)', () => {
  // libgcl3 values (CryptoPro-A S-box, zero IV, full 64-bit state), as published with PyGOST
  // the key is 32 Latin-1 bytes (0xFF and 0x00 inside)
  const latin1Key = Uint8Array.from(
    Buffer.from('This is message\xFF length\x0032 bytes', 'latin1'),
  );

  it.each([
    { data: 'U'.repeat(128), mac: '1a06d1bad74580ef' },
    { data: 'x'.repeat(13), mac: '917ee1f1a668fbd3' },
  ])('$mac', ({ data, mac }) => {
    const out = gost28147Mac(
      { paramSet: CRYPTOPRO_A_PARAMSET, key: latin1Key, length: 8 },
      Buffer.from(data, 'latin1'),
    );
    expect(toHex(out)).toBe(mac);
  });

  it('the 4-byte MAC is the prefix of the state; one changed bit changes it', () => {
    const k = new Uint8Array(randomBytes(32));
    const data = new Uint8Array(randomBytes(100));
    const full = gost28147Mac({ paramSet: TC26_Z_PARAMSET, key: k, length: 8 }, data);
    const short = gost28147Mac({ paramSet: TC26_Z_PARAMSET, key: k }, data);
    expect(toHex(short)).toBe(toHex(full.subarray(0, 4)));
    data[99] = (data[99] as number) ^ 1;
    expect(toHex(gost28147Mac({ paramSet: TC26_Z_PARAMSET, key: k }, data))).not.toBe(toHex(short));
  });
});

describe('GOST 28147-89 CFB with CryptoPro key meshing', () => {
  const key = new Uint8Array(randomBytes(32));
  const iv = new Uint8Array(randomBytes(8));
  const opts = { paramSet: TC26_Z_PARAMSET, key, iv };

  it.each([0, 1, 7, 8, 9, 1023, 1024, 1025, 3000])('round trip of %i bytes', (n) => {
    const pt = new Uint8Array(randomBytes(n));
    const ct = gost28147CfbEncrypt(opts, pt);
    expect(ct.length).toBe(n);
    expect(toHex(gost28147CfbDecrypt(opts, ct))).toBe(toHex(pt));
  });

  it('a flipped ciphertext bit flips that plaintext bit and garbles the next block only', () => {
    const pt = new Uint8Array(randomBytes(64));
    const ct = gost28147CfbEncrypt(opts, pt);
    ct[20] = (ct[20] as number) ^ 0x04;
    const out = gost28147CfbDecrypt(opts, ct);
    expect(out[20]).toBe((pt[20] as number) ^ 0x04);
    expect(toHex(out.subarray(0, 20))).toBe(toHex(pt.subarray(0, 20)));
    expect(toHex(out.subarray(24, 32))).not.toBe(toHex(pt.subarray(24, 32)));
    expect(toHex(out.subarray(32))).toBe(toHex(pt.subarray(32)));
  });

  it('key meshing changes the keystream after exactly 1024 bytes', () => {
    const pt = new Uint8Array(2048);
    const meshed = gost28147CfbEncrypt(opts, pt);
    const plain = gost28147CfbEncrypt({ ...opts, keyMeshing: false }, pt);
    expect(toHex(meshed.subarray(0, 1024))).toBe(toHex(plain.subarray(0, 1024)));
    expect(toHex(meshed.subarray(1024, 1032))).not.toBe(toHex(plain.subarray(1024, 1032)));
  });

  it('an IV of the wrong size is refused', () => {
    expect(() =>
      gost28147CfbEncrypt({ ...opts, iv: new Uint8Array(16) }, new Uint8Array(8)),
    ).toThrow(/IV must be 8 bytes/);
  });
});

describe('CryptoPro key wrap (RFC 4357 §6.3, §6.5)', () => {
  const kek = new Uint8Array(randomBytes(32));
  const ukm = new Uint8Array(randomBytes(8));
  const cek = new Uint8Array(randomBytes(32));

  it('unwraps what it wraps, under both parameter sets', () => {
    for (const p of [CRYPTOPRO_A_PARAMSET, TC26_Z_PARAMSET]) {
      const wrapped = cryptoProKeyWrap(p, kek, ukm, cek);
      expect(toHex(wrapped.encryptedKey)).not.toBe(toHex(cek));
      expect(toHex(cryptoProKeyUnwrap(p, kek, wrapped))).toBe(toHex(cek));
    }
  });

  it('wrong KEK, UKM, parameter set or an altered byte fail the MAC', () => {
    const w = cryptoProKeyWrap(TC26_Z_PARAMSET, kek, ukm, cek);
    const flip = (b: Uint8Array, i: number): Uint8Array => {
      const c = Uint8Array.from(b);
      c[i] = (c[i] as number) ^ 1;
      return c;
    };
    const attempts = [
      () => cryptoProKeyUnwrap(TC26_Z_PARAMSET, flip(kek, 0), w),
      () => cryptoProKeyUnwrap(TC26_Z_PARAMSET, kek, { ...w, ukm: flip(ukm, 7) }),
      () =>
        cryptoProKeyUnwrap(TC26_Z_PARAMSET, kek, { ...w, encryptedKey: flip(w.encryptedKey, 31) }),
      () => cryptoProKeyUnwrap(TC26_Z_PARAMSET, kek, { ...w, mac: flip(w.mac, 0) }),
      () => cryptoProKeyUnwrap(CRYPTOPRO_A_PARAMSET, kek, w),
    ];
    for (const attempt of attempts) expect(attempt).toThrow(KeyUnwrapError);
  });
});

describe('VKO GOST R 34.10-2012, 256-bit KEK', () => {
  // R 50.1.113-2016 example (also RFC 7836's), curve tc26-512-A; keys and point little-endian
  const curve = { oid: '1.2.643.7.1.2.1.2.1', name: 'id-tc26-gost-3410-12-512-paramSetA' };
  const le = (h: string): bigint => BigInt(`0x${toHex(hex(h).reverse())}`);
  const keyA: GostPrivateKey = {
    family: 'gost2012-512',
    curve,
    d: le(
      'c990ecd972fce84ec4db022778f50fcac726f46708384b8d458304962d7147f8c2db41cef22c90b102f2968404f9b9be6d47c79692d81826b32b8daca43cb667',
    ),
  };
  const keyB: GostPrivateKey = {
    family: 'gost2012-512',
    curve,
    d: le(
      '48c859f7b6f11585887cc05ec6ef1390cfea739b1a18c0d4662293ef63b79e3b8014070b44918590b4b996acfea4edfbbbcccc8c06edd8bf5bda92a51392d0db',
    ),
  };
  const pubB =
    '192fe183b9713a077253c72c8735de2ea42a3dbc66ea317838b65fa32523cd5efca974eda7c863f4954d1147f1f2b25c395fce1c129175e876d132e94ed5a651' +
    '04883b414c9b592ec4dc84826f07d0b6d9006dda176ce48c391e3f97d102e03bb598bf132a228a45f7201aba08fc524a2d77e43a362ab022ad4028f75bde3b79';
  const ukm = hex('1d80603c8544c727');
  const expected = 'c9a9a77320e2cc559ed72dce6f47e2192ccea95fa648670582c054c0ef36c221';

  it('the published KEK, from either side', () => {
    const b = gostPublicKeyFor(keyB);
    expect(toHex(Uint8Array.from([...hexOf(b.x), ...hexOf(b.y)]))).toBe(pubB);
    expect(toHex(vkoGost2012_256(keyA, b, ukm))).toBe(expected);
    expect(toHex(vkoGost2012_256(keyB, gostPublicKeyFor(keyA), ukm))).toBe(expected);
  });

  it('another UKM or another key gives another KEK', () => {
    const b = gostPublicKeyFor(keyB);
    expect(toHex(vkoGost2012_256(keyA, b, hex('1d80603c8544c728')))).not.toBe(expected);
    expect(toHex(vkoGost2012_256(keyA, gostPublicKeyFor(keyA), ukm))).not.toBe(expected);
  });

  it('keys on different curves are refused', () => {
    const other = generateGostKeyPair('gost2012-512', '1.2.643.7.1.2.1.2.2').publicKey;
    expect(() => vkoGost2012_256(keyA, other, ukm)).toThrow(KeyFormatError);
  });

  function hexOf(v: bigint): Uint8Array {
    return hex(v.toString(16).padStart(128, '0')).reverse();
  }
});

describe('GostR3410-KeyTransport: the TC26 CMS examples', () => {
  const cases = [
    {
      file: 'enveloped-2012-256.b64',
      key: {
        family: 'gost2012-256',
        curve: { oid: '1.2.643.2.2.36.0', name: 'XchA' },
        d: 0xbfcf1d623e5cdd3032a7c6eabb4a923c46e43d640ffeaaf2c3ed39a8fa399924n,
      },
      plaintext: 'Test data to encrypt.\n'.repeat(100),
    },
    {
      file: 'enveloped-2012-512.b64',
      key: {
        family: 'gost2012-512',
        curve: { oid: '1.2.643.7.1.2.1.2.2', name: 'tc26-512-B' },
        d: 0x3fc01cdcd4ec5f972eb482774c41e66db7f380528dfe9e67992ba05aee462435757530e641077ce587b976c8eeb48c48fd33fd175f0c7de6a44e014e6bcb074bn,
      },
      plaintext: 'Test message',
    },
  ] as const;

  function open(file: string): { kt: Uint8Array; iv: Uint8Array; ct: Uint8Array } {
    const b64 = readFileSync(new URL(`../../vectors/tc26-cms/${file}`, import.meta.url), 'utf8');
    const info = pkijs.ContentInfo.fromBER(Buffer.from(b64.replace(/\s/g, ''), 'base64'));
    const env = new pkijs.EnvelopedData({ schema: info.content });
    const ri = env.recipientInfos[0]?.value as pkijs.KeyTransRecipientInfo;
    const eci = env.encryptedContentInfo;
    const params = eci.contentEncryptionAlgorithm.algorithmParams as asn1js.Sequence;
    const iv = (params.valueBlock.value[0] as asn1js.OctetString).valueBlock.valueHexView;
    const ct = eci.encryptedContent?.valueBlock.valueHexView ?? new Uint8Array(0);
    return {
      kt: new Uint8Array(ri.encryptedKey.valueBlock.valueHexView),
      iv: new Uint8Array(iv),
      ct: new Uint8Array(ct),
    };
  }

  it.each(cases)('$file: unwrap with the recipient key and decrypt', (c) => {
    const { kt, iv, ct } = open(c.file);
    const { cek, paramSet } = gostKeyTransportUnwrap(kt, { ...c.key });
    expect(paramSet.oid).toBe(TC26_Z_PARAMSET.oid);
    const data = gost28147CfbDecrypt({ paramSet, key: cek, iv }, ct);
    expect(Buffer.from(data).toString('latin1')).toBe(c.plaintext);
  });

  it.each(cases)('$file: re-encoding the decoded structure gives the same DER', (c) => {
    const { kt } = open(c.file);
    expect(toHex(encodeGostKeyTransport(decodeGostKeyTransport(kt)))).toBe(toHex(kt));
  });

  it.each(cases)('$file: another key of the same curve fails the MAC', (c) => {
    const { kt } = open(c.file);
    const other = generateGostKeyPair(c.key.family, c.key.curve.oid).privateKey;
    expect(() => gostKeyTransportUnwrap(kt, other)).toThrow(KeyUnwrapError);
  });
});

describe('GostR3410-KeyTransport: corridor wraps, corridor unwraps', () => {
  it.each([
    ['gost2012-256', '1.2.643.7.1.2.1.1.1'],
    ['gost2012-256', '1.2.643.2.2.35.1'],
    ['gost2012-512', '1.2.643.7.1.2.1.2.1'],
  ] as const)('%s on %s', (family, curveOid) => {
    const { privateKey, publicKey } = generateGostKeyPair(family, curveOid);
    const cek = new Uint8Array(randomBytes(32));
    const der = gostKeyTransportWrap(publicKey, cek);
    const t = decodeGostKeyTransport(der);
    expect(t.encryptionParamSet).toBe(TC26_Z_PARAMSET.oid);
    expect(t.ukm.length).toBe(8);
    expect(decodeGostPublicKey(t.ephemeralPublicKey as Uint8Array).curve.oid).toBe(curveOid);
    expect(toHex(gostKeyTransportUnwrap(der, privateKey).cek)).toBe(toHex(cek));
  });

  it('malformed and unsupported structures are clear errors, not crashes', () => {
    const { privateKey, publicKey } = generateGostKeyPair('gost2012-256', '1.2.643.2.2.35.1');
    const der = gostKeyTransportWrap(publicKey, new Uint8Array(32));
    expect(() => gostKeyTransportUnwrap(der.subarray(0, der.length - 3), privateKey)).toThrow(
      KeyFormatError,
    );
    expect(() => gostKeyTransportUnwrap(new Uint8Array([0x30, 0x00]), privateKey)).toThrow(
      KeyFormatError,
    );
    const t = decodeGostKeyTransport(der);
    const unknownSet = encodeGostKeyTransport({ ...t, encryptionParamSet: '1.2.643.2.2.31.7' });
    expect(() => gostKeyTransportUnwrap(unknownSet, privateKey)).toThrow(UnsupportedAlgorithmError);
    const noEphemeral = encodeGostKeyTransport({ ...t, ephemeralPublicKey: undefined });
    expect(() => gostKeyTransportUnwrap(noEphemeral, privateKey)).toThrow(/ephemeral/);
    const old = generateGostKeyPair('gost2001', '1.2.643.2.2.35.1');
    expect(() => gostKeyTransportWrap(old.publicKey, new Uint8Array(32))).toThrow(
      UnsupportedAlgorithmError,
    );
  });
});

describe('GostR3410-KeyTransport: hostile input', () => {
  it('a mutated or truncated structure yields the right key or a clear error, never another key', () => {
    const { privateKey, publicKey } = generateGostKeyPair('gost2012-256', '1.2.643.2.2.35.1');
    const cek = new Uint8Array(randomBytes(32));
    const der = gostKeyTransportWrap(publicKey, cek);
    const known = [KeyFormatError, KeyUnwrapError, UnsupportedAlgorithmError];
    fc.assert(
      fc.property(
        fc.nat({ max: der.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        fc.nat({ max: der.length }),
        (at, xor, cut) => {
          const bad = Uint8Array.from(der.subarray(0, Math.max(cut, at + 1)));
          bad[at] = (bad[at] as number) ^ xor;
          try {
            expect(toHex(gostKeyTransportUnwrap(bad, privateKey).cek)).toBe(toHex(cek));
          } catch (e) {
            expect(known.some((k) => e instanceof k)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

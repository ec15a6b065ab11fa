import { describe, expect, it } from 'vitest';
import { BELT_H } from '../../src/crypto/belt/block.js';
import { beltHmac } from '../../src/crypto/belt/hmac.js';
import { beltKeyUnwrap, beltKeyWrap } from '../../src/crypto/belt/key-wrap.js';
import { beltPbkdf2 } from '../../src/crypto/belt/pbkdf2.js';
import { KeyFormatError } from '../../src/crypto/errors.js';
import { loadPrivateKey } from '../../src/pki/keys.js';
import { toPem } from '../../src/pki/pem.js';

/**
 * What protects a Belarusian private key: hmac-hbelt (STB 34.101.47 Appendix B, table B.1),
 * belt-kwp (STB 34.101.31 A.21, A.22), PBKDF2 over hmac-hbelt (STB 34.101.45 E.5 and two
 * values bee2 checks against OpenSSL), all as reproduced in bee2's belt and bign tests; then a
 * password-protected key made by OpenSSL + bee2evp (its test "zed" key).
 */
const H = (from: number, to: number) => BELT_H.slice(from, to);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const fromHex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
const ascii = (s: string) => new TextEncoder().encode(s);

describe('hmac-hbelt (STB 34.101.47 B.1)', () => {
  it.each([
    [29, 'D4828E6312B08BB83C9FA6535A4635549E411FD11C0D8289359A1130E930676B'],
    [32, '41FFE8645AEC0612E952D2CDF8DD508F3E4A1D9B53F6A1DB293B19FE76B1879F'],
    [42, '7D01B84D2315C332277B3653D7EC64707EBA7CDFF7FF70077B1DECBD68F2A144'],
  ])('key H[128..128+%i), message H[192..224)', (keyLength, expected) => {
    expect(hex(beltHmac(H(128, 128 + keyLength), H(192, 224)))).toBe(expected);
  });
});

describe('belt-kwp (STB 34.101.31 A.21, A.22)', () => {
  it('A.21: wraps H[0..32) with header H[32..48) under key H[128..160)', () => {
    const wrapped = beltKeyWrap(H(128, 160), H(0, 32), H(32, 48));
    expect(hex(wrapped)).toBe(
      '49A38EE108D6C742E52B774F00A6EF98B106CBD13EA4FB0680323051BC04DF76E487B055C69BCF541176169F1DC9F6C8',
    );
    expect(hex(beltKeyUnwrap(H(128, 160), wrapped, H(32, 48))!)).toBe(hex(H(0, 32)));
  });

  it('A.22: unwraps H[64..112) under key H[160..192) with its header, refuses another header or key', () => {
    const header = fromHex('B5EF68D8E4A39E567153DE13D72254EE');
    expect(hex(beltKeyUnwrap(H(160, 192), H(64, 112), header)!)).toBe(
      '92632EE0C21AD9E09A39343E5C07DAA4889B03F2E6847EB152EC99F7A4D9F154',
    );
    expect(beltKeyUnwrap(H(160, 192), H(64, 112))).toBeUndefined();
    expect(beltKeyUnwrap(H(128, 160), H(64, 112), header)).toBeUndefined();
    expect(beltKeyUnwrap(H(160, 192), H(64, 80), header)).toBeUndefined();
  });
});

describe('PBKDF2 over hmac-hbelt', () => {
  it('STB 34.101.45 E.5: password B194BAC80A08F53B, salt H[192..200), 10 000 iterations; wraps the G.1 key', () => {
    const key = beltPbkdf2(ascii('B194BAC80A08F53B'), H(192, 200), 10_000);
    expect(hex(key)).toBe('3D331BBBB1FBBB40E4BF22F6CB9A689EF13A77DC09ECF93291BFE42439A72E7D');
    const d = fromHex('1F66B5B84B7339674533F0329C74F21834281FED0732429E0C79235FC273E269');
    expect(hex(beltKeyWrap(key, d))).toBe(
      '4EA289D5F718087DD8EDB305BA1CE8980E5EC3E0B56C8BF9D5C3E909CF4C14F07B8204E67841A165E924945CD07F37E7',
    );
  });

  it('agrees with the values bee2 checks against OpenSSL (password "zed")', () => {
    expect(hex(beltPbkdf2(ascii('zed'), fromHex('49FEFF8076CD9480'), 2048))).toBe(
      '7249B4785FE68B1586D189A23E3842E48705C080A3248D8F0E8C3D63A93B2670',
    );
    expect(hex(beltPbkdf2(ascii('zed'), fromHex('C65017E4F108BCF0'), 10_000))).toBe(
      'E48329259BC1211DDAC2EF1DADFFC9932702A92F1DD66C14A9BA1D7300C8713C',
    );
  });

  it('refuses an iteration count that would hang or is meaningless', () => {
    expect(() => beltPbkdf2(ascii('zed'), H(0, 8), 0)).toThrow(RangeError);
    expect(() => beltPbkdf2(ascii('zed'), H(0, 8), 2 ** 31)).toThrow(RangeError);
  });
});

describe('password-protected bign key made by OpenSSL + bee2evp', () => {
  // bee2evp test/src/bign_test.c zed_sk: PBES2, PBKDF2(hmac-hbelt, 10 000), belt-kwp256; d = 1
  const ZED = fromHex(
    '30819D304806092A864886F70D01050D303B302A06092A864886F70D01050C30' +
      '1D04080C7F910EBB68478502022710300D06092A7000020022652F0C0500300D' +
      '06092A7000020022651F4905000451A3F18C851870081760A74C01D34581E45E' +
      '9DD333CDA723FED51E4525D81EB91B02742E8CE72906E3DAFB40E450B6E989BC' +
      '832DAA0BDD9B50128A10CCA5E052D4BB4383EF9B96D6AF48830820FEFE7CDC58',
  );
  const pem = toPem('ENCRYPTED PRIVATE KEY', ZED);

  it('opens with its password: d = 1 on bign-curve256v1', () => {
    expect(loadPrivateKey(pem, 'zed')).toEqual({
      family: 'bign',
      curve: { oid: '1.2.112.0.2.0.34.101.45.3.1', name: 'bign-curve256v1' },
      d: 1n,
    });
  });

  it('a wrong password or a damaged container is a KeyFormatError, never a key', () => {
    expect(() => loadPrivateKey(pem, 'zee')).toThrow(KeyFormatError);
    expect(() => loadPrivateKey(pem)).toThrow(KeyFormatError);
    const damaged = Uint8Array.from(ZED);
    damaged[damaged.length - 1] = (damaged[damaged.length - 1] as number) ^ 1;
    expect(() => loadPrivateKey(toPem('ENCRYPTED PRIVATE KEY', damaged), 'zed')).toThrow(
      /integrity check failed/,
    );
    // iteration count 10 000 (0x2710) replaced by 0x7FFFFFFF: refused, not run
    const hostile = Buffer.from(ZED).toString('hex').replace('02022710', '02047fffffff');
    const hostileDer = fromHex(
      hostile
        .replace(/^30819d/, '30819f')
        .replace('3048', '304a')
        .replace('303b', '303d')
        .replace('302a', '302c')
        .replace('301d', '301f'),
    );
    expect(() => loadPrivateKey(toPem('ENCRYPTED PRIVATE KEY', hostileDer), 'zed')).toThrow(
      /iteration count 2147483647 is outside/,
    );
  });
});

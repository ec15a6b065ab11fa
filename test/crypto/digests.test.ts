import { describe, expect, it } from 'vitest';
import { digest, isDigestSupported } from '../../src/crypto/digests.js';
import { UnsupportedAlgorithmError } from '../../src/crypto/errors.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const abc = new Uint8Array(Buffer.from('abc'));

describe('digest', () => {
  // FIPS 180-4 "abc" examples.
  it.each([
    ['sha1', 'a9993e364706816aba3e25717850c26c9cd0d89d'],
    ['sha224', '23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7'],
    ['sha256', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'sha384',
      'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7',
    ],
    [
      'sha512',
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    ],
    ['sm3', '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0'],
    // CryptoPro S-box published value, emission order
    ['gostr3411-94', 'b285056dbf18d7392d7677369524dd14747459ed8143997e163b2986f92fd42c'],
  ])('%s("abc")', (id, expected) => {
    expect(isDigestSupported(id)).toBe(true);
    expect(hex(digest(id, abc))).toBe(expected);
  });

  // RFC 6986 §10.1 M1 (63 ASCII digits); the RFC prints the hash byte-reversed.
  it('streebog256 / streebog512 of RFC 6986 M1, in emission order', () => {
    const m1 = new Uint8Array(
      Buffer.from('012345678901234567890123456789012345678901234567890123456789012'),
    );
    expect(hex(digest('streebog256', m1))).toBe(
      '9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500',
    );
    // RFC 6986 prints 486f64c1…d0541b, the byte-reverse of this.
    expect(hex(digest('streebog512', m1))).toBe(
      '1b54d01a4af5b9d5cc3d86d68d285462b19abc2475222f35c085122be4ba1ffa' +
        '00ad30f8767b3a82384c6574f024c311e2a481332b08ef7f41797891c1646f48',
    );
  });

  it.each(['kz-gost34112015-256', 'md4', 'constructor', ''])(
    'throws UnsupportedAlgorithmError for %j',
    (id) => {
      expect(isDigestSupported(id)).toBe(false);
      expect(() => digest(id, abc)).toThrow(UnsupportedAlgorithmError);
    },
  );
});

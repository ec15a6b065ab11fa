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
  ])('%s("abc")', (id, expected) => {
    expect(isDigestSupported(id)).toBe(true);
    expect(hex(digest(id, abc))).toBe(expected);
  });

  it.each(['belt-hash256', 'bash256', 'kz-gost34112015-512', 'md5', 'constructor', ''])(
    'throws UnsupportedAlgorithmError for %j',
    (id) => {
      expect(isDigestSupported(id)).toBe(false);
      expect(() => digest(id, abc)).toThrow(UnsupportedAlgorithmError);
    },
  );
});

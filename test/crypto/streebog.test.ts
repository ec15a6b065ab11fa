import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { streebog256, streebog512 } from '../../src/crypto/streebog.js';
import { opensslGost, skipWithoutGostEngine } from '../helpers/openssl.js';

interface GostDigest {
  digest(data: Uint8Array): ArrayBuffer;
}
const require = createRequire(import.meta.url);
const { gostEngine } = require('node-gost-crypto') as {
  gostEngine: { getGostDigest(alg: { name: string; length: number }): GostDigest };
};
const oracle = (len: 256 | 512) => gostEngine.getGostDigest({ name: 'GOST R 34.11', length: len });

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
/** RFC 6986 prints vectors most significant byte first; the hash emits them reversed. */
const rfc = (printed: string): string => Buffer.from(printed, 'hex').reverse().toString('hex');

// RFC 6986 §10.1: M1 is the 63 ASCII digits "0123…012"
const M1 = Buffer.from('012345678901234567890123456789012345678901234567890123456789012');
// RFC 6986 §10.2: M2, 72 bytes (CP1251 text), given here in emission order
const M2 = Buffer.from(
  'd1e520e2e5f2f0e82c20d1f2f0e8e1eee6e820e2edf3f6e82c20e2e5fef2fa20f120eceef0ff20f1f2f0e5ebe0ece8' +
    '20ede020f5f0e0e1f0fbff20efebfaeafb20c8e3eef0e5e2fb',
  'hex',
);

describe('Streebog RFC 6986 vectors', () => {
  it('M1, 256 bit (RFC prints 00557be5…159d)', () => {
    expect(hex(streebog256(M1))).toBe(
      rfc('00557be5e584fd52a449b16b0251d05d27f94ab76cbaa6da890b59d8ef1e159d'),
    );
    expect(hex(streebog256(M1))).toBe(
      '9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500',
    );
  });
  it('M1, 512 bit', () => {
    expect(hex(streebog512(M1))).toBe(
      '1b54d01a4af5b9d5cc3d86d68d285462b19abc2475222f35c085122be4ba1ffa' +
        '00ad30f8767b3a82384c6574f024c311e2a481332b08ef7f41797891c1646f48',
    );
  });
  it('M2, 256 bit', () => {
    expect(hex(streebog256(M2))).toBe(
      '9dd2fe4e90409e5da87f53976d7405b0c0cac628fc669a741d50063c557e8f50',
    );
  });
  it('M2, 512 bit', () => {
    expect(hex(streebog512(M2))).toBe(
      '1e88e62226bfca6f9994f1f2d51569e0daf8475a3b0fe61a5300eee46d961376' +
        '035fe83549ada2b8620fcd7c496ce5b33f0cb9dddc2b6460143b03dabac9fb28',
    );
  });
  it('is sensitive to every input change', () => {
    const m = Buffer.from(M1);
    m[62] = (m[62] ?? 0) ^ 1;
    expect(hex(streebog256(m))).not.toBe(hex(streebog256(M1)));
    expect(hex(streebog256(M1.subarray(0, 62)))).not.toBe(hex(streebog256(M1)));
    // the 256-bit output is not a truncation of the 512-bit one (different IV)
    expect(hex(streebog512(M1))).not.toContain(hex(streebog256(M1)));
  });
  it('does not modify its input', () => {
    const m = Buffer.from(M2);
    streebog512(m);
    expect(m.equals(M2)).toBe(true);
  });
});

/** Lengths around the block boundaries, where padding and the N/Σ counters change. */
const LENGTHS = [0, 1, 31, 32, 55, 63, 64, 65, 127, 128, 129, 200, 1000, 4096 + 17];

describe('Streebog against node-gost-crypto', () => {
  it.each(LENGTHS)('random input of %i bytes', (n) => {
    const data = randomBytes(n);
    expect(hex(streebog256(data))).toBe(hex(new Uint8Array(oracle(256).digest(data))));
    expect(hex(streebog512(data))).toBe(hex(new Uint8Array(oracle(512).digest(data))));
  });
  it('all-0xff blocks (carry propagation in Σ)', () => {
    const data = new Uint8Array(64 * 3).fill(0xff);
    expect(hex(streebog512(data))).toBe(hex(new Uint8Array(oracle(512).digest(data))));
  });
});

describe.skipIf(skipWithoutGostEngine())('Streebog against openssl -md_gost12_*', () => {
  const dgst = (alg: string, data: Uint8Array): string =>
    opensslGost(['dgst', `-${alg}`, '-r'], data)
      .toString('utf8')
      .split(' ')[0] ?? '';
  it.each([0, 1, 63, 64, 65, 300, 5000])('random input of %i bytes', (n) => {
    const data = randomBytes(n);
    expect(hex(streebog256(data))).toBe(dgst('md_gost12_256', data));
    expect(hex(streebog512(data))).toBe(dgst('md_gost12_512', data));
  });
});

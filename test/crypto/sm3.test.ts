import { describe, expect, it } from 'vitest';
import { sm3 } from '../../src/crypto/sm3.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const ascii = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

describe('sm3 (GB/T 32905-2016 Appendix A)', () => {
  it('example 1: "abc"', () => {
    expect(hex(sm3(ascii('abc')))).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });

  it('example 2: "abcd" x 16 (512 bits, two blocks after padding)', () => {
    expect(hex(sm3(ascii('abcd'.repeat(16))))).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });

  it('empty input and a one-bit change give different 32-byte digests', () => {
    const a = sm3(new Uint8Array(0));
    const b = sm3(new Uint8Array([1]));
    expect(a).toHaveLength(32);
    expect(hex(a)).toBe('1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
    expect(hex(b)).not.toBe(hex(a));
  });
});

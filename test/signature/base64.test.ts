import { describe, expect, it } from 'vitest';
import { decodeBase64Strict, encodeBase64Lines } from '../../src/signature/base64.js';

describe('decodeBase64Strict', () => {
  it('decodes padded base64 with XML whitespace anywhere', () => {
    expect(Buffer.from(decodeBase64Strict(' SGVs\nbG8=\t\r\n') ?? []).toString()).toBe('Hello');
    expect(Buffer.from(decodeBase64Strict('SGk=') ?? []).toString()).toBe('Hi');
    expect(Buffer.from(decodeBase64Strict('SGVsbG8h') ?? []).toString()).toBe('Hello!');
    expect(decodeBase64Strict('')).toEqual(new Uint8Array(0));
  });

  it('refuses characters outside the alphabet that Node would silently skip', () => {
    expect(Buffer.from('SGVs*bG8=', 'base64').length).toBeGreaterThan(0); // Node's leniency
    expect(decodeBase64Strict('SGVs*bG8=')).toBeNull();
    expect(decodeBase64Strict('SGVs-bG8=')).toBeNull(); // base64url is not XMLDSig base64
    expect(decodeBase64Strict('SGVs\u00a0bG8=')).toBeNull(); // not XML whitespace
  });

  it('refuses misplaced or missing padding and truncated groups', () => {
    expect(decodeBase64Strict('SGk')).toBeNull();
    expect(decodeBase64Strict('S=Gk')).toBeNull();
    expect(decodeBase64Strict('SGk=SGk=')).toBeNull();
    expect(decodeBase64Strict('SG===')).toBeNull();
    expect(decodeBase64Strict('=')).toBeNull();
  });

  it('round-trips with encodeBase64Lines, wrapping long values at 76 characters', () => {
    const bytes = new Uint8Array(200).map((_, i) => (i * 37) & 0xff);
    const text = encodeBase64Lines(bytes);
    expect(text.split('\n').every((line) => line.length <= 76)).toBe(true);
    expect(text.split('\n').length).toBe(4);
    expect(decodeBase64Strict(text)).toEqual(bytes);
  });

  it('accepts exactly what the strict base64 expression accepts', () => {
    const strict = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
    const pieces = ['A', 'z', '0', '+', '/', '=', '-', '_', '*', '\u00e9', '\u{1F600}', ' ', '\n'];
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let round = 0; round < 5000; round++) {
      let text = '';
      for (let i = next(13); i > 0; i--) text += pieces[next(pieces.length)];
      const compact = text.replace(/[ \t\r\n]/g, '');
      expect(decodeBase64Strict(text) !== null, JSON.stringify(text)).toBe(strict.test(compact));
    }
    for (const text of ['====', 'A===', 'AB==', 'ABC=', 'AB=C', 'ABCD====', '=AB=']) {
      expect(decodeBase64Strict(text) !== null, text).toBe(strict.test(text));
    }
  });
});

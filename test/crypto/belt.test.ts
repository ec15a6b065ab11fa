import { describe, expect, it } from 'vitest';
import { BELT_H, beltDecryptBlock, beltEncryptBlock } from '../../src/crypto/belt/block.js';
import { BeltHash, beltCompress, beltHash } from '../../src/crypto/belt/hash.js';
import { beltWideDecrypt, beltWideEncrypt } from '../../src/crypto/belt/wide-block.js';
import { digest } from '../../src/crypto/digests.js';

/**
 * STB 34.101.31-2011 Appendix A test vectors (as reproduced in bee2's test/crypto/belt_test.c).
 * The standard builds its inputs from slices of its own substitution H, so H(a, b) below is
 * BELT_H[a..b).
 */
const H = (from: number, to: number) => BELT_H.slice(from, to);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

describe('belt substitution H', () => {
  it('matches its construction in STB 34.101.31: H[10] = 0, H[11 + x] = 0x8E·(z^116)^x in GF(2^8) mod z^8+z^6+z^5+z+1', () => {
    // Multiplication by z^116 is 116 steps of "multiply by z^-1" in the reversed bit order the
    // standard's construction uses: t → t>>1 | parity(t & 0x63)<<7.
    const parity = (v: number) => {
      let p = 0;
      for (let x = v; x; x >>= 1) p ^= x & 1;
      return p;
    };
    const built = new Uint8Array(256);
    built[10] = 0;
    built[11] = 0x8e;
    for (let x = 12; x < 10 + 256; x++) {
      let t = built[(x - 1) % 256] as number;
      for (let i = 0; i < 116; i++) t = (t >> 1) | (parity(t & 0x63) << 7);
      built[x % 256] = t;
    }
    expect(hex(built)).toBe(hex(BELT_H));
    expect(new Set(BELT_H).size).toBe(256);
  });
});

describe('belt-block (STB 34.101.31 A.1, A.4)', () => {
  it('A.1: encrypts H[0..16) under key H[128..160)', () => {
    const y = beltEncryptBlock(H(0, 16), H(128, 160));
    expect(hex(y)).toBe('69CCA1C93557C9E3D66BC3E0FA88FA6E');
    expect(hex(beltDecryptBlock(y, H(128, 160)))).toBe(hex(H(0, 16)));
  });

  it('A.4: decrypts H[64..80) under key H[160..192)', () => {
    const x = beltDecryptBlock(H(64, 80), H(160, 192));
    expect(hex(x)).toBe('0DC5300600CAB840B38448E5E993F421');
    expect(hex(beltEncryptBlock(x, H(160, 192)))).toBe(hex(H(64, 80)));
  });

  it('a flipped key or plaintext bit changes the ciphertext; bad sizes are refused', () => {
    const key = H(128, 160);
    key[0] = (key[0] as number) ^ 1;
    expect(hex(beltEncryptBlock(H(0, 16), key))).not.toBe('69CCA1C93557C9E3D66BC3E0FA88FA6E');
    expect(() => beltEncryptBlock(H(0, 15), H(128, 160))).toThrow(RangeError);
    expect(() => beltEncryptBlock(H(0, 16), H(128, 148))).toThrow(RangeError);
  });

  it('16- and 24-byte keys expand as §6.1.2 says (a 16-byte key equals itself repeated)', () => {
    const k16 = H(128, 144);
    const doubled = new Uint8Array(32);
    doubled.set(k16, 0);
    doubled.set(k16, 16);
    expect(hex(beltEncryptBlock(H(0, 16), k16))).toBe(hex(beltEncryptBlock(H(0, 16), doubled)));
    const k24 = H(128, 152);
    const completed = new Uint8Array(32);
    completed.set(k24, 0);
    for (let i = 0; i < 4; i++) {
      completed[24 + i] = (k24[i] as number) ^ (k24[4 + i] as number) ^ (k24[8 + i] as number);
      completed[28 + i] =
        (k24[12 + i] as number) ^ (k24[16 + i] as number) ^ (k24[20 + i] as number);
    }
    expect(hex(beltEncryptBlock(H(0, 16), k24))).toBe(hex(beltEncryptBlock(H(0, 16), completed)));
  });
});

describe('belt-wblock (STB 34.101.31 A.6, A.7)', () => {
  it('A.6: encrypts 48 and 47 bytes of H under key H[128..160)', () => {
    expect(hex(beltWideEncrypt(H(0, 48), H(128, 160)))).toBe(
      '49A38EE108D6C742E52B774F00A6EF98B106CBD13EA4FB0680323051BC04DF76E487B055C69BCF541176169F1DC9F6C8',
    );
    expect(hex(beltWideEncrypt(H(0, 47), H(128, 160)))).toBe(
      'F08EF22DCAA06C81FB12721974221CA7AB82C62856FCF2F9FCA006E019A28F16E5821A51F573594625DBAB8F6A5C94',
    );
  });

  it('A.7: decrypts 48 and 36 bytes of H[64..) under key H[160..192)', () => {
    expect(hex(beltWideDecrypt(H(64, 112), H(160, 192)))).toBe(
      '92632EE0C21AD9E09A39343E5C07DAA4889B03F2E6847EB152EC99F7A4D9F154B5EF68D8E4A39E567153DE13D72254EE',
    );
    expect(hex(beltWideDecrypt(H(64, 100), H(160, 192)))).toBe(
      'DF3F882230BAAFFC92F05660321172310E3CB2182681EF43102E67175E177BD75E93E4E8',
    );
  });

  it('decrypt inverts encrypt for every length from 32 to 128 bytes', () => {
    const data = new Uint8Array(128).map((_, i) => BELT_H[(i * 7) % 256] as number);
    for (let count = 32; count <= 128; count++) {
      const x = data.subarray(0, count);
      expect(hex(beltWideDecrypt(beltWideEncrypt(x, H(128, 160)), H(128, 160)))).toBe(hex(x));
    }
    expect(() => beltWideEncrypt(H(0, 31), H(128, 160))).toThrow(RangeError);
  });
});

describe('belt-compress (STB 34.101.31 A.8)', () => {
  it('compresses X = H[0..64) to S and Y', () => {
    const view = new DataView(BELT_H.buffer, BELT_H.byteOffset, 64);
    const x = Uint32Array.from({ length: 16 }, (_, i) => view.getUint32(4 * i, true));
    const s = new Uint32Array(4);
    const y = new Uint32Array(8);
    beltCompress(x, s, y);
    const bytes = (w: Uint32Array) => {
      const out = new Uint8Array(w.length * 4);
      const v = new DataView(out.buffer);
      w.forEach((word, i) => v.setUint32(4 * i, word, true));
      return out;
    };
    expect(hex(bytes(s))).toBe('46FE7425C9B181EB41DFEE3E72163D5A');
    expect(hex(bytes(y))).toBe('ED2F5481D593F40D87FCE37D6BC1A2E1B7D1A2CC975C82D3C0497488C90D99D8');
  });
});

describe('belt-hash (STB 34.101.31 A.23)', () => {
  it('A.23-1: 13 bytes', () => {
    expect(hex(beltHash(H(0, 13)))).toBe(
      'ABEF9725D4C5A83597A367D14494CC2542F20F659DDFECC961A3EC550CBA8C75',
    );
  });

  it('A.23-2: 32 bytes (one full block)', () => {
    expect(hex(beltHash(H(0, 32)))).toBe(
      '749E4C3653AECE5E48DB4761227742EB6DBE13F4A80F7BEFF1A9CF8D10EE7786',
    );
  });

  it('A.23-3: 48 bytes, also when fed in uneven pieces', () => {
    const expected = '9D02EE446FB6A29FE5C982D4B13AF9D3E90861BC4CEF27CF306BFB0B174A154A';
    expect(hex(beltHash(H(0, 48)))).toBe(expected);
    const incremental = new BeltHash().update(H(0, 11)).update(H(11, 12)).update(H(12, 48));
    expect(hex(incremental.digest())).toBe(expected);
    expect(hex(beltHash(H(0, 5), H(5, 40), H(40, 48)))).toBe(expected);
  });

  it('is reachable as digest id belt-hash256, and one changed byte changes the hash', () => {
    expect(hex(digest('belt-hash256', H(0, 13)))).toBe(
      'ABEF9725D4C5A83597A367D14494CC2542F20F659DDFECC961A3EC550CBA8C75',
    );
    const changed = H(0, 13);
    changed[12] = (changed[12] as number) ^ 0x80;
    expect(hex(beltHash(changed))).not.toBe(hex(beltHash(H(0, 13))));
    // the empty message is hashed (length block only), distinct from a single zero byte
    expect(beltHash(new Uint8Array(0))).toHaveLength(32);
    expect(hex(beltHash(new Uint8Array(0)))).not.toBe(hex(beltHash(new Uint8Array(1))));
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Escape, Utf8Writer } from '../../src/xml/utf8-writer.js';

const encoder = new TextEncoder();

/** The reference: C14N's escaping done on strings, then TextEncoder. */
function reference(s: string, escape: Escape): Uint8Array {
  const text: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#xD;' };
  const attr: Record<string, string> = {
    '&': '&amp;',
    '<': '&lt;',
    '"': '&quot;',
    '\t': '&#x9;',
    '\n': '&#xA;',
    '\r': '&#xD;',
  };
  const map = escape === Escape.Text ? text : escape === Escape.Attribute ? attr : {};
  return encoder.encode([...s].map((c) => map[c] ?? c).join(''));
}

describe('Utf8Writer', () => {
  it('encodes like TextEncoder and escapes like C14N, across buffer growth', () => {
    const pieces = fc.array(
      fc.tuple(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 40 }),
          fc.string({ unit: fc.constantFrom('&', '<', '>', '"', '\t', '\n', '\r', 'a', 'é') }),
        ),
        fc.constantFrom(Escape.None, Escape.Text, Escape.Attribute),
      ),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(pieces, (list) => {
        const out = new Utf8Writer(0);
        const expected: number[] = [];
        for (const [s, escape] of list) {
          out.write(s, escape);
          expected.push(...reference(s, escape));
        }
        expect([...out.bytes()]).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('writes astral characters as 4 bytes and a lone surrogate as U+FFFD, as TextEncoder does', () => {
    const out = new Utf8Writer(0);
    out.write('a\u{1F600}\uD800b\uDC00');
    out.byte(62);
    expect(out.bytes()).toEqual(encoder.encode('a\u{1F600}\uFFFDb\uFFFD>'));
  });

  it('encodes a text longer than one segment, with a surrogate pair across the 64 Ki boundary', () => {
    for (const at of [65534, 65535, 65536]) {
      const s = 'a'.repeat(at) + '\u{1F600}&' + 'é'.repeat(70000) + '\r';
      const out = new Utf8Writer(0);
      out.write(s, Escape.Text);
      expect(Buffer.from(out.bytes()).equals(Buffer.from(reference(s, Escape.Text)))).toBe(true);
    }
  });

  it('gives exactly the bytes written', () => {
    const out = new Utf8Writer(1000);
    out.write('<x/>', Escape.Text);
    expect(out.bytes()).toEqual(encoder.encode('&lt;x/&gt;'));
    expect(out.bytes().length).toBe(10);
  });

  it('with a sink: the chunks it is handed, joined, are the bytes a growing writer makes', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.string({
              // Mostly characters that escape or take several bytes: the buffer fills mid-string.
              unit: fc.constantFrom(
                '&',
                '<',
                '>',
                '"',
                '\t',
                '\n',
                '\r',
                'a',
                'é',
                '中',
                '\u{1F600}',
                '\uD800',
              ),
              maxLength: 600,
              size: 'max',
            }),
            fc.constantFrom(Escape.None, Escape.Text, Escape.Attribute),
          ),
          { maxLength: 12 },
        ),
        (writes) => {
          const whole = new Utf8Writer(16);
          const chunks: Uint8Array[] = [];
          // The smallest buffer (256 bytes): escapes and multi-byte characters cross its end.
          const streamed = new Utf8Writer(0, (chunk) => chunks.push(chunk.slice()));
          for (const [s, escape] of writes) {
            whole.write(s, escape);
            streamed.write(s, escape);
            streamed.byte(62);
            whole.byte(62);
          }
          streamed.finish();
          expect(Buffer.concat(chunks)).toEqual(Buffer.from(whole.bytes()));
          expect(chunks.every((c) => c.length > 0)).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });
});

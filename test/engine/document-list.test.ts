import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentList, type DocumentEntry } from '../../src/engine/document-list.js';
import { flatString } from '../../src/util/flat-strings.js';

const entry: fc.Arbitrary<DocumentEntry> = fc
  .record({
    document: fc.string(),
    documentType: fc.constantFrom('customs-declaration', 'licence', 'unknown'),
    sender: fc.constantFrom('EU', 'RU', 'XX', ''),
    senderCountry: fc.option(fc.constantFrom('DE', 'FR', '\u0000'), { nil: undefined }),
  })
  .map(({ senderCountry, ...rest }) => (senderCountry ? { ...rest, senderCountry } : rest));

describe('DocumentList', () => {
  it('reads back the entries it was given, in order, with their keys in order', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), (entries) => {
        const list = new DocumentList();
        for (const e of entries) list.push(e);
        expect(list.length).toBe(entries.length);
        expect([...list]).toEqual(entries);
        // Twice: reading does not consume it; JSON is the array's, byte for byte.
        expect(JSON.stringify([...list], null, 2)).toBe(JSON.stringify(entries, null, 2));
        expect(JSON.stringify(list)).toBe(JSON.stringify(entries));
      }),
    );
  });

  it('keeps every entry of a large run, past the storage it starts with', () => {
    const entries: DocumentEntry[] = Array.from({ length: 5000 }, (_, n) => ({
      document: `corpus/${String(n).padStart(6, '0')}.xml`,
      documentType: n % 3 === 0 ? 'licence' : 'customs-declaration',
      sender: ['EU', 'RU', 'CN', 'KZ'][n % 4] as string,
    }));
    const list = new DocumentList();
    for (const e of entries) list.push(e);
    expect(list.length).toBe(5000);
    expect([...list]).toEqual(entries);
  });
});

describe('flatString', () => {
  it('returns an equal string, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(flatString(text)).toBe(text);
      }),
    );
    expect(flatString('a\uD800b')).toBe('a\uD800b');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanMembers } from '../../src/jose/json-members.js';

describe('scanMembers', () => {
  it('finds exactly the top-level names of random JSON, and no duplicates', () => {
    const name = fc.string({ unit: 'grapheme', maxLength: 8 });
    const value = fc.dictionary(name, fc.jsonValue({ maxDepth: 3 }));
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 4 }), (object, indent) => {
        const text = JSON.stringify(object, null, indent);
        const scan = scanMembers(text);
        expect(scan.duplicates).toEqual([]);
        expect([...scan.topLevel.keys()].sort()).toEqual(Object.keys(object).sort());
        for (const [key, offset] of scan.topLevel) {
          expect(JSON.parse(text.slice(offset, offset + JSON.stringify(key).length))).toBe(key);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('finds a duplicate however the name is escaped, at any depth, with its pointer', () => {
    const text = '{"a":{"b\\\\\\"":[{"x":1,"\\u0078":2}],"b\\\\\\"":0},"c/d":1,"c\\/d":2}';
    const scan = scanMembers(text);
    expect(scan.duplicates.map((d) => d.pointer)).toEqual(['/a/b\\"/0/x', '/a/b\\"', '/c~1d']);
    expect(text.slice(scan.duplicates[0]?.offset, (scan.duplicates[0]?.offset ?? 0) + 8)).toBe(
      '"\\u0078"',
    );
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defineMember,
  readResultMembers,
  ResultSyntaxError,
} from '../../src/engine/result-reader.js';
import { tempTree } from '../helpers/tmp.js';

/** What the reader hands over, as one object again: `pairs` rebuilt from its elements. */
function readBack(text: string, chunkBytes?: number): Record<string, unknown> {
  const file = join(tempTree({}), 'result.json');
  writeFileSync(file, text);
  const members: Record<string, unknown> = {};
  const pairs: unknown[] = [];
  readResultMembers(
    file,
    {
      member: (key, value) => defineMember(members, key, value),
      pair: (value, index) => {
        expect(index).toBe(pairs.length);
        pairs.push(value);
      },
    },
    chunkBytes,
  );
  if (Array.isArray(members['pairs'])) members['pairs'] = pairs;
  return members;
}

describe('reading a JSON result member by member', () => {
  const tricky = {
    kind: 'matrix',
    documents: [{ document: 'a "quoted" [name] {x}.xml' }],
    pairs: [
      { document: 'x\\', findings: [{ message: 'brackets ] } in "text" \\" \\\\' }] },
      { document: 'ü€𝄞', findings: [], n: -1.5e3, t: true, f: false, z: null },
      [],
      'a string pair',
      7,
    ],
    cells: [],
  };

  it('gives what JSON.parse gives, for any chunk size, compact or indented', () => {
    for (const text of [JSON.stringify(tricky), JSON.stringify(tricky, null, 2)])
      for (const chunk of [1, 2, 3, 7, 64, 1 << 20])
        expect(readBack(text, chunk), `chunk ${chunk}`).toEqual(tricky);
  });

  it('gives what JSON.parse gives for any object (property test)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.oneof(fc.string(), fc.constant('__proto__')), fc.jsonValue()),
        fc.array(fc.jsonValue(), { maxLength: 5 }),
        fc.integer({ min: 1, max: 40 }),
        (members, pairs, chunk) => {
          const value = { ...members, pairs };
          // JSON.parse keeps the last of repeated names, and so does the reader.
          const text = JSON.stringify(value, null, chunk % 3);
          expect(readBack(text, chunk)).toEqual(JSON.parse(text));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('hands over a `pairs` that is not an array as a member', () => {
    expect(readBack('{"pairs": "none"}')).toEqual({ pairs: 'none' });
    expect(readBack('{}')).toEqual({});
  });

  it.each([
    ['', 'empty'],
    ['[]', 'not an object'],
    ['{"a": 1', 'unterminated object'],
    ['{"a": "b}', 'unterminated string'],
    ['{"pairs": [1, 2', 'unterminated pairs'],
    ['{"pairs": [{"a": 1} {"b": 2}]}', 'missing comma'],
    ['{"a": tru}', 'bad literal'],
    ['{"a": 1} x', 'text after the object'],
    ['{a: 1}', 'unquoted name'],
    ['{"a": [1,]}', 'trailing comma inside a value'],
  ])('refuses %j (%s)', (text) => {
    expect(() => readBack(text, 4)).toThrow(ResultSyntaxError);
  });
});

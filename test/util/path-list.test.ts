import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PathList } from '../../src/util/path-list.js';

/** What an array of the same paths gives, for every way a run reads its list. */
function expectLikeArray(list: PathList, paths: string[]): void {
  expect(list.length).toBe(paths.length);
  expect([...list]).toEqual(paths);
  for (let i = -paths.length - 1; i <= paths.length; i++)
    expect(list.at(i), `at ${i}`).toBe(paths.at(i));
  for (const [start, end] of [
    [0, undefined],
    [1, 17],
    [15, 33],
    [-5, undefined],
    [3, -2],
    [20, 10],
    [0, paths.length + 5],
  ] as const)
    expect(list.slice(start, end), `slice ${start} ${end}`).toEqual(paths.slice(start, end));
}

describe('a packed list of paths', () => {
  it('reads back a sorted corpus listing as it was given: in order, by index, by slice', () => {
    const paths = Array.from(
      { length: 2500 },
      (_, n) =>
        `corpus/${String(Math.floor(n / 1000)).padStart(3, '0')}/d${String(n).padStart(6, '0')}.xml`,
    );
    const list = PathList.from(paths);
    expectLikeArray(list, paths);
  });

  it('keeps paths of any characters and length, a lone surrogate and longer than a block too', () => {
    const paths = [
      '',
      'a',
      'докум/申报单/é.xml',
      'докум/申报单/ê.xml',
      '\ud800-lone.xml',
      'a'.repeat(70_000),
      `${'a'.repeat(70_000)}b`,
      'a',
      '😀/😀.json',
      ...Array.from({ length: 40 }, (_, n) => `x/${n}`),
    ];
    expectLikeArray(PathList.from(paths), paths);
  });

  it('behaves as an array for any list of strings', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { maxLength: 80 }),
        (raw) => {
          // Front coding pays off on neighbours that share a beginning: sorted, as a run's list is.
          const paths = [...raw].sort();
          expectLikeArray(PathList.from(paths), paths);
          expectLikeArray(PathList.from(raw), raw);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stores a sorted listing in far fewer bytes than its paths have', () => {
    const list = new PathList();
    let characters = 0;
    for (let n = 0; n < 20_000; n++) {
      const path = `/tmp/corpus-a1b2c3/linked/${String(Math.floor(n / 1000)).padStart(3, '0')}/d${String(n).padStart(6, '0')}.xml`;
      characters += path.length;
      list.push(path);
    }
    // ~45 characters a path; stored, ~8 bytes (the bytes after the shared beginning).
    expect(list.storedBytes).toBeLessThan(characters / 4);
  });
});

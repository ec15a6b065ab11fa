import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openOutput } from '../../src/cli/output.js';
import { writeJson } from '../../src/report/json-stream.js';
import { formatters } from '../../src/report/all.js';
import { formatToString, stringSink } from '../../src/report/index.js';
import { checkResult, context, matrixResult } from './fixture.js';
import { tempTree } from '../helpers/tmp.js';

function streamed(value: unknown): { text: string; pieces: number } {
  const out = stringSink();
  let pieces = 0;
  writeJson({ write: (chunk) => (pieces++, out.write(chunk)) }, value);
  return { text: out.text(), pieces };
}

describe('writeJson', () => {
  it('writes what JSON.stringify(value, null, 2) writes, byte for byte', () => {
    const values: unknown[] = [
      matrixResult,
      checkResult,
      {
        a: [],
        b: {},
        c: undefined,
        d: [undefined, () => 1],
        e: 'x\n"y"',
        f: [[1, [2]], { g: null }],
      },
      [],
      {},
      'text',
      3,
      null,
      [{ nested: { deeper: [1, 2] } }],
    ];
    for (const value of values) expect(streamed(value).text).toBe(JSON.stringify(value, null, 2));
  });

  it('writes a generator anywhere under the top object element by element, as an array', () => {
    function* results(): Generator<{ id: number }> {
      for (let id = 0; id < 3; id++) yield { id };
    }
    const value = { runs: [{ tool: { name: 't' }, results: results(), after: 1 }] };
    const plain = { runs: [{ tool: { name: 't' }, results: [...results()], after: 1 }] };
    expect(streamed(value).text).toBe(JSON.stringify(plain, null, 2));
    const empty = { results: (function* () {})() };
    expect(streamed(empty).text).toBe(JSON.stringify({ results: [] }, null, 2));
  });

  it('writes a result in many pieces, not one string', () => {
    expect(streamed(matrixResult).pieces).toBeGreaterThan(matrixResult.pairs.length);
  });
});

describe('formatters write to a sink', () => {
  it('every formatter writes the matrix in more than one piece', () => {
    for (const formatter of formatters) {
      let pieces = 0;
      formatter.write(matrixResult, { write: () => void pieces++ }, context);
      expect(pieces, formatter.id).toBeGreaterThan(1);
    }
  });
});

describe('openOutput', () => {
  it('ends the output with one newline, as the whole-string output did', () => {
    const dir = tempTree({});
    const cases: Array<[string[], string]> = [
      [[], '\n'],
      [['a', 'b'], 'ab\n'],
      [['a\n'], 'a\n'],
      [['a\n', ''], 'a\n'],
    ];
    cases.forEach(([chunks, expected], i) => {
      const file = path.join(dir, `out-${i}.txt`);
      const out = openOutput(file);
      for (const chunk of chunks) out.write(chunk);
      out.close();
      expect(readFileSync(file, 'utf8')).toBe(expected);
    });
  });

  it('writes a long report in buffered pieces identical to the formatted string', () => {
    const dir = tempTree({});
    const file = path.join(dir, 'report.json');
    const json = formatters.find((f) => f.id === 'json')!;
    const out = openOutput(file);
    json.write(matrixResult, out, context);
    out.close();
    expect(readFileSync(file, 'utf8')).toBe(formatToString(json, matrixResult, context));
  });
});

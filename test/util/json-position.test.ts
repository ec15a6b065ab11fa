import { describe, expect, it } from 'vitest';
import { firstJsonErrorOffset, parseJsonText } from '../../src/util/json-position.js';

describe('JSON syntax error positions', () => {
  it.each([
    ['{"a": }', 6],
    ['{"a": 1,}', 8],
    ['[1, 2', 5],
    ['{"a" 1}', 5],
    ['{"a": tru}', 6],
    ['{"a": "x\u0001"}', 8],
    ['{"a": 1} x', 9],
    ['', 0],
  ])('%j fails at offset %i', (text, offset) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(firstJsonErrorOffset(text)).toBe(offset);
  });

  it('reports line and column in the message', () => {
    expect(() => parseJsonText('{\n  "id": "RU",\n  "name": \n}', 'RU.json')).toThrow(
      'RU.json:4:1: invalid JSON: unexpected "}"',
    );
  });

  it('parses valid JSON, with or without a BOM', () => {
    expect(parseJsonText('\uFEFF{"a": [1, {"b": null}]}', 'x.json')).toEqual({
      a: [1, { b: null }],
    });
  });
});

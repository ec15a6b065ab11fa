import { describe, expect, it } from 'vitest';
import { formatters, getFormatter } from '../../src/report/all.js';
import { formatIds, formatToString, isFormat, loadFormatter } from '../../src/report/index.js';
import { checkResult, context, matrixResult } from './fixture.js';

describe('formatter registry', () => {
  it('registers the eight formats once each', () => {
    expect(formatters.map((formatter) => formatter.id)).toEqual([
      'text',
      'json',
      'markdown',
      'csv',
      'html',
      'junit',
      'sarif',
      'github',
    ]);
  });

  it('loads each format by its id, and nothing for an unknown one', async () => {
    expect(formatIds).toEqual(formatters.map((formatter) => formatter.id));
    for (const id of formatIds) {
      expect(isFormat(id)).toBe(true);
      expect((await loadFormatter(id))?.id).toBe(id);
    }
    expect(isFormat('nope')).toBe(false);
    expect(await loadFormatter('nope')).toBeUndefined();
  });

  it('looks formatters up by id', () => {
    expect(getFormatter('sarif')?.extension).toBe('sarif');
    expect(getFormatter('html')?.extension).toBe('html');
    expect(getFormatter('nope')).toBeUndefined();
  });

  it('every formatter has a description and renders both result kinds to non-empty text', () => {
    for (const formatter of formatters) {
      expect(formatter.description.length).toBeGreaterThan(10);
      expect(formatter.extension).toMatch(/^[a-z]+$/);
      for (const result of [matrixResult, checkResult]) {
        expect(formatToString(formatter, result, context).length).toBeGreaterThan(0);
      }
    }
  });

  it('renders an empty result without throwing', () => {
    const empty = { ...matrixResult, documents: [], cells: [], pairs: [] };
    for (const formatter of formatters) {
      expect(() => formatToString(formatter, empty, context)).not.toThrow();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { memo, MemoKey, recall, remember } from '../../src/xml/memo.js';

describe('memo: values kept on their owner instead of a WeakMap', () => {
  const key = new MemoKey<number[]>('test');

  it('remembers per owner and makes a value once', () => {
    const a = {};
    const b = {};
    let made = 0;
    const make = () => [++made];
    expect(memo(a, key, make)).toEqual([1]);
    expect(memo(a, key, make)).toBe(memo(a, key, make));
    expect(memo(b, key, make)).toEqual([2]);
    expect(recall({}, key)).toBeUndefined();
    remember(a, key, [7]);
    expect(recall(a, key)).toEqual([7]);
  });

  it('leaves JSON, keys, spread and structured clone as they were', () => {
    const owner = { valid: true, problems: [] as string[] };
    remember(owner, key, [1, 2]);
    expect(JSON.stringify(owner)).toBe('{"valid":true,"problems":[]}');
    expect(Object.keys(owner)).toEqual(['valid', 'problems']);
    expect(recall({ ...owner }, key)).toBeUndefined();
    expect(recall(structuredClone(owner), key)).toBeUndefined();
    expect(owner).toEqual({ valid: true, problems: [] });
  });
});

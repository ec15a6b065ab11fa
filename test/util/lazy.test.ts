import { describe, expect, it } from 'vitest';
import {
  Lazy,
  LazyNotLoadedError,
  loadAllLazy,
  onLazyLoad,
  unresolvedLazy,
  withLazy,
} from '../../src/util/lazy.js';

describe('Lazy and withLazy', () => {
  it('get() before loading throws and records the need; withLazy loads and runs again', async () => {
    let loads = 0;
    const lazy = new Lazy('a test module', async () => {
      loads++;
      return { answer: 42 };
    });
    expect(() => lazy.get()).toThrow(LazyNotLoadedError);
    expect(unresolvedLazy()).toContain('a test module');
    const passes: string[] = [];
    const result = await withLazy(() => {
      passes.push(lazy.loaded ? 'loaded' : 'not loaded');
      return lazy.get().answer;
    });
    expect(result).toBe(42);
    // The need recorded before withLazy is loaded before its first pass.
    expect(passes).toEqual(['loaded']);
    expect(loads).toBe(1);
    expect(unresolvedLazy()).not.toContain('a test module');
  });

  it('a pass that needed a module is discarded, even when the error was swallowed', async () => {
    const lazy = new Lazy('a swallowed module', async () => 'real');
    let cleared = 0;
    onLazyLoad(() => cleared++);
    const passes: string[] = [];
    const result = await withLazy(() => {
      let value: string;
      try {
        value = lazy.get();
      } catch {
        value = 'fallback'; // what a careless caller would keep: never returned
      }
      passes.push(value);
      return value;
    });
    expect(passes).toEqual(['fallback', 'real']);
    expect(result).toBe('real');
    expect(cleared).toBeGreaterThan(0); // caches that may hold the first pass's results go
  });

  it('errors of a pass without misses are rethrown; of a pass with misses, retried', async () => {
    await expect(
      withLazy(() => {
        throw new RangeError('the work failed');
      }),
    ).rejects.toThrow(RangeError);
    const lazy = new Lazy('a module the error came from', async () => 7);
    await expect(withLazy(() => lazy.get() * 2)).resolves.toBe(14);
  });

  it('loadAllLazy loads every registered module; provide() gives one without a load', async () => {
    let loaded = false;
    const lazy = new Lazy('loaded with all', async () => {
      loaded = true;
      return 1;
    });
    await loadAllLazy();
    expect(loaded).toBe(true);
    expect(lazy.get()).toBe(1);
    const provided = new Lazy<number>('provided', async () => {
      throw new Error('never loaded');
    });
    provided.provide(3);
    expect(provided.get()).toBe(3);
    await expect(provided.load()).resolves.toBe(3);
  });
});

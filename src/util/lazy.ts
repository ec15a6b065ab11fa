/**
 * Code loaded on first need: the GOST, SM2 and bign implementations, their hashes, the XSD
 * validator. The data path is synchronous, so a module cannot be imported at the moment it is
 * needed; instead a synchronous `get()` of a module not yet loaded records that it was needed
 * and throws, and `withLazy` (around the synchronous work of `check` and `verify`) loads what
 * was recorded and does the work again. Whatever the first pass produced is thrown away, and the
 * caches that could hold its results are emptied whenever a module loads (`onLazyLoad`).
 * Commands that are not lazy load everything first (`loadAllLazy`); a miss that nobody resolves
 * is reported by `unresolvedLazy` so that it cannot pass silently.
 */
export class LazyNotLoadedError extends Error {
  constructor(readonly module: string) {
    super(`internal: ${module} was used before it was loaded`);
    this.name = 'LazyNotLoadedError';
  }
}

const all: Lazy<unknown>[] = [];
/** Modules needed while not loaded, since the last time they were loaded. */
const missed = new Set<Lazy<unknown>>();
const clearers: Array<() => void> = [];

export class Lazy<T> {
  private value: T | undefined;
  private loading: Promise<T> | undefined;

  constructor(
    readonly name: string,
    private readonly loader: () => Promise<T>,
  ) {
    all.push(this);
  }

  get loaded(): boolean {
    return this.value !== undefined;
  }

  /** The module, loaded once; later calls share the first load. */
  load(): Promise<T> {
    this.loading ??= this.loader().then((value) => {
      this.value = value;
      for (const clear of clearers) clear();
      return value;
    });
    return this.loading;
  }

  /** Gives the module already imported (statically, by crypto/eager.ts): no load needed. */
  provide(value: T): void {
    if (this.value !== undefined) return;
    this.value = value;
    this.loading = Promise.resolve(value);
    for (const clear of clearers) clear();
  }

  /** The loaded module; if it is not loaded yet, the need is recorded and this throws. */
  get(): T {
    if (this.value !== undefined) return this.value;
    missed.add(this);
    throw new LazyNotLoadedError(this.name);
  }
}

/**
 * Registers the emptying of a cache whose entries may have been computed while some module was
 * not loaded (a key read as "unknown family", a signature found "unverifiable").
 */
export function onLazyLoad(clear: () => void): void {
  clearers.push(clear);
}

/** Loads every module recorded as needed; false when there was none. */
async function loadMissed(): Promise<boolean> {
  const needed = [...missed];
  missed.clear();
  await Promise.all(needed.map((lazy) => lazy.load()));
  return needed.length > 0;
}

/**
 * Runs synchronous work until it runs without needing a module that is not loaded: each pass
 * that needed one is discarded (its result or its error), the modules load, and the work runs
 * again. At most one more pass per lazy module.
 */
export async function withLazy<R>(work: () => R): Promise<R> {
  // Needs recorded outside any such work (profiles read before it) first: their caches go.
  await loadMissed();
  for (let pass = 0; ; pass++) {
    let result: { value: R } | { error: unknown };
    try {
      result = { value: work() };
    } catch (error) {
      result = { error };
    }
    if (missed.size === 0) {
      if ('error' in result) throw result.error;
      return result.value;
    }
    if (pass > all.length) throw new Error('internal: lazy modules still missing after loading');
    await loadMissed();
  }
}

/** Loads every lazy module registered so far (the commands that are not lazy). */
export async function loadAllLazy(): Promise<void> {
  await Promise.all(all.map((lazy) => lazy.load()));
  missed.clear();
}

/** Names of modules needed but never loaded since: a result computed without them is wrong. */
export function unresolvedLazy(): string[] {
  return [...missed].filter((lazy) => !lazy.loaded).map((lazy) => lazy.name);
}

/**
 * Values derived from an object (a parsed document's ID index, a signature's element), kept on
 * the object itself under a hidden, non-enumerable property: alive exactly as long as the
 * object, like a WeakMap entry, but without a WeakMap.
 *
 * Why not a WeakMap: V8's young-generation collector (the scavenger) keeps the value of every
 * WeakMap entry whose key is still young. A module-level WeakMap from a document's objects to
 * its elements therefore kept every parsed tree alive through the scavenges that followed,
 * promoted it to the old generation and left it to the full collector: `verify` of 200 22 KB
 * documents spent ~15 ms per scavenge copying trees that were already garbage (~0.6 ms without).
 * A property is an ordinary reference: the tree dies with its document.
 *
 * Non-enumerable and symbol-keyed: JSON, object spread and structured clone (the worker pool)
 * leave it out, so results look exactly as before.
 */

/** A typed key, with its own hidden property; each owning module holds its own. */
export class MemoKey<T> {
  /** Type witness only. */
  declare readonly value: T;
  readonly slot: symbol;
  constructor(readonly name: string) {
    this.slot = Symbol(`corridor.${name}`);
  }
}

/** The value remembered on `owner` under `key`, if any. */
export function recall<T>(owner: object, key: MemoKey<T>): T | undefined {
  return (owner as Record<symbol, T | undefined>)[key.slot];
}

/** Remembers `value` on `owner` under `key` (replacing any earlier one); returns it. */
export function remember<T>(owner: object, key: MemoKey<T>, value: T): T {
  Object.defineProperty(owner, key.slot, {
    value,
    enumerable: false,
    writable: true,
    configurable: true,
  });
  return value;
}

/** The value remembered under `key`, made by `make` on first use. */
export function memo<T>(owner: object, key: MemoKey<T>, make: () => T): T {
  const found = recall(owner, key);
  return found !== undefined ? found : remember(owner, key, make());
}

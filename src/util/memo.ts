/**
 * Work keyed by an object and a name, done once and kept for as long as the memo lives. The
 * engine gives each document one (its per-document context): what does not depend on the
 * receiver, or depends only on a receiver policy several receivers share, is computed once per
 * document instead of once per pair, and is dropped with the document.
 */
export class Memo {
  private readonly entries = new Map<object, Map<string, unknown>>();
  private readonly tables = new Map<object, Map<unknown, unknown>>();

  once<T>(owner: object, name: string, compute: () => T): T {
    let named = this.entries.get(owner);
    if (!named) {
      named = new Map();
      this.entries.set(owner, named);
    }
    // One lookup on a hit (the common case, several per rule per pair); `has` only for a value
    // that is itself undefined.
    const kept = named.get(name);
    if (kept !== undefined || named.has(name)) return kept as T;
    const value = compute();
    named.set(name, value);
    return value;
  }

  /**
   * A map that lives as long as the memo, one per `key` object: for call sites asked several
   * times per pair (a constraint rule, once per applicable constraint and receiver), which then
   * look their entries up directly: one lookup per entry, and no closure made per question.
   */
  table<K, V>(key: object): Map<K, V> {
    let table = this.tables.get(key);
    if (!table) {
      table = new Map();
      this.tables.set(key, table);
    }
    return table as Map<K, V>;
  }
}

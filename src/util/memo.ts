/**
 * Work keyed by an object and a name, done once and kept for as long as the memo lives. The
 * engine gives each document one (its per-document context): what does not depend on the
 * receiver, or depends only on a receiver policy several receivers share, is computed once per
 * document instead of once per pair, and is dropped with the document.
 */
export class Memo {
  private readonly entries = new Map<object, Map<string, unknown>>();

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
}

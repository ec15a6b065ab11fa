import type { ModelValue } from '../documents/model.js';
import { escapePointerToken } from '../documents/locations.js';

/** Resolves a JSON pointer pattern where `*` matches any array index or object key. */
export function matchPointers(
  root: ModelValue,
  pattern: string,
): Array<{ pointer: string; value: ModelValue }> {
  const tokens = pattern
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  let current: Array<{ pointer: string; value: ModelValue }> = [{ pointer: '', value: root }];
  for (const token of tokens) {
    const next: typeof current = [];
    for (const { pointer, value } of current) {
      if (typeof value !== 'object') continue;
      const entries: Array<[string, ModelValue]> = Array.isArray(value)
        ? value.map((v, i) => [String(i), v])
        : Object.entries(value);
      for (const [key, child] of entries) {
        if (token === '*' || token === key)
          next.push({ pointer: `${pointer}/${escapePointerToken(key)}`, value: child });
      }
    }
    current = next;
  }
  return current;
}

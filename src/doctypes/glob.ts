/**
 * Namespace and version globs: `*` matches any run of characters. Matched with indexOf, not
 * a regular expression, so a definition cannot make matching slow (no backtracking).
 */
export interface GlobMatch {
  /** The text the first `*` stood for (undefined without a `*`). */
  captured?: string;
}

export function matchGlob(pattern: string, text: string): GlobMatch | undefined {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === text ? {} : undefined;
  const first = parts[0] as string;
  const last = parts[parts.length - 1] as string;
  if (text.length < first.length + last.length) return undefined;
  if (!text.startsWith(first) || !text.endsWith(last)) return undefined;
  let at = first.length;
  const end = text.length - last.length;
  let captured: string | undefined;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i] as string;
    const found = text.indexOf(part, at);
    if (found < 0 || found + part.length > end) return undefined;
    if (captured === undefined) captured = text.slice(at, found);
    at = found + part.length;
  }
  if (captured === undefined) captured = text.slice(at, end);
  return { captured };
}

export function matchesAny(patterns: readonly string[], text: string): boolean {
  return patterns.some((p) => matchGlob(p, text) !== undefined);
}

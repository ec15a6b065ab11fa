/**
 * A copy of `value` that holds no reference to the document's text. Names and attribute values
 * the parser returns are V8 slices of the decoded source (for 13 characters and more), so one
 * kept in a result (an algorithm URI, a path) keeps the whole source alive: ~25 KB per 22 KB
 * document over a `verify` batch. Strings that outlive the document go through this.
 */
export function detached(value: string): string {
  // Slicing the concatenation flattens it into a fresh copy first, and the result is a slice of
  // that copy: ~10 times cheaper than a round trip through a Buffer (a matrix makes thousands).
  return value.length < 13 ? value : (' ' + value).slice(1);
}

/**
 * The same string, as a new string with its characters in one piece. `path.join` and
 * `path.relative` build a path from pieces, which V8 keeps as a tree of them; once the tree is
 * read as a whole, V8 keeps a flat copy beside its root. A run keeps every document's path to
 * the end, so at 50,000 documents a path cost ~46 bytes more than its characters (issue #14,
 * flat memory). Encoding and decoding gives one piece; a string that UTF-8 cannot carry as it is
 * (a lone surrogate) is returned unchanged.
 */
export function flatString(text: string): string {
  const copy = Buffer.from(text, 'utf8').toString('utf8');
  return copy === text ? copy : text;
}

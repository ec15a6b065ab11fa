/**
 * Text from a document, a certificate or a file name, made safe for a terminal or a
 * line-oriented format (text, verify, GitHub workflow commands, CSV, Markdown): newlines, tabs
 * and every other C0/C1 control (ESC starts ANSI/OSC sequences), and the invisible or
 * reordering format characters (bidi embeddings, overrides and isolates, zero-width ones, line
 * and paragraph separators) are written as visible escapes, so a value can neither print a
 * line of its own (a fake "VALID" line, a `::error` workflow command) nor restyle, retitle or
 * reorder the output. One helper for every such output (issue #15).
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function safeText(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

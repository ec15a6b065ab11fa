/** Line and column (1-based) of a character offset in a text. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
}

/** Parses JSON; a syntax error names the file, line and column (Node 20's message has none). */
export function parseJsonText(text: string, file: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (error) {
    const offset = firstJsonErrorOffset(body);
    const { line, column } = lineColumnAt(body, offset);
    const found =
      offset < body.length
        ? `unexpected ${JSON.stringify(body[offset])}`
        : 'unexpected end of input';
    throw new JsonSyntaxError(`${file}:${line}:${column}: invalid JSON: ${found}`, {
      cause: error,
    });
  }
}

/**
 * Offset of the first character at which `text` stops being JSON. Only called after
 * JSON.parse failed, so it favours clarity over speed; iterative, so deep nesting is safe.
 */
export function firstJsonErrorOffset(text: string): number {
  let i = 0;
  const skipWs = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  // Each stack entry is the container being read: '{' or '['.
  const stack: string[] = [];
  let expectValue = true;
  for (;;) {
    skipWs();
    if (expectValue) {
      const c = text[i];
      if (c === '{' || c === '[') {
        stack.push(c);
        i++;
        skipWs();
        if (text[i] === (c === '{' ? '}' : ']')) {
          i++;
          stack.pop();
          expectValue = false;
          if (stack.length === 0) break;
          continue;
        }
        if (c === '{') {
          if (!readString()) return i;
          skipWs();
          if (text[i] !== ':') return i;
          i++;
        }
        continue;
      }
      if (c === '"') {
        if (!readString()) return i;
      } else {
        const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(
          text.slice(i, i + 400),
        );
        if (!m) return i;
        i += m[0].length;
      }
      expectValue = false;
      if (stack.length === 0) break;
      continue;
    }
    const top = stack[stack.length - 1];
    const c = text[i];
    if (c === ',') {
      i++;
      if (top === '{') {
        skipWs();
        if (!readString()) return i;
        skipWs();
        if (text[i] !== ':') return i;
        i++;
      }
      expectValue = true;
    } else if ((top === '{' && c === '}') || (top === '[' && c === ']')) {
      i++;
      stack.pop();
      if (stack.length === 0) break;
    } else {
      return i;
    }
  }
  skipWs();
  return i;

  function readString(): boolean {
    if (text[i] !== '"') return false;
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) return false;
        i += 2;
        continue;
      }
      i++;
    }
    return false;
  }
}

/** One JSON pointer reference token (RFC 6901 §3): `~` as `~0`, `/` as `~1`. */
export function escapePointerToken(token: string): string {
  // Nearly every member name has neither: two RegExp replaces per model field were ~3% of
  // reading a document (issue #14).
  if (!token.includes('~') && !token.includes('/')) return token;
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

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

/** Parses JSON, turning V8's "at position N" into "line L column C" for the user. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const match = /position (\d+)/.exec(message);
    if (match) {
      const { line, column } = lineColumnAt(text, Number(match[1]));
      return throwJson(
        `${file}:${line}:${column}: invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`,
      );
    }
    return throwJson(`${file}: invalid JSON: ${message}`);
  }
}

function throwJson(message: string): never {
  throw new JsonSyntaxError(message);
}

export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
}

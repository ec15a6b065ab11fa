import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** Bytes read per `readSync`. */
const READ_BYTES = 1 << 20;

/** The text is not JSON, or not a JSON object: said once, by the caller, for the whole file. */
export class ResultSyntaxError extends Error {
  override name = 'ResultSyntaxError';
}

/**
 * What `readResultMembers` hands over: each top-level member, parsed — but an array `pairs`,
 * given as `[]` and then element by element.
 */
export interface ResultVisitor {
  member(key: string, value: unknown): void;
  /** An element of the top-level `pairs` array, parsed. */
  pair(value: unknown, index: number): void;
}

/**
 * Reads a `--format json` result without holding its text: the top-level members are parsed one
 * by one, and the elements of `pairs` are handed over one at a time, so `merge` reads shards of
 * any size (a result is ~24 MB per 1,000 documents × 13 receivers; at 20,000 documents its text
 * would pass V8's string limit, which `JSON.parse` of the file needs). Hand-written: only the
 * boundaries of values are found here (strings, nesting); each value is parsed whole by
 * `JSON.parse`, which also rejects anything that is not JSON. Streaming parsers (stream-json)
 * build every value token by token instead.
 */
export function readResultMembers(
  file: string,
  visit: ResultVisitor,
  chunkBytes: number = READ_BYTES,
): void {
  const fd = openSync(file, 'r');
  try {
    new Scanner(fd, chunkBytes).object(visit);
  } finally {
    closeSync(fd);
  }
}

/**
 * Sets a member as JSON.parse does: defined, not assigned, so that one named `__proto__` stays a
 * member instead of replacing the object's prototype.
 */
export function defineMember(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

const WHITESPACE = new Set([0x20, 0x0a, 0x0d, 0x09]);
const STRUCTURAL = /["{}[\]]/g;

class Scanner {
  private text = '';
  private at = 0;
  private ended = false;
  private readonly decoder = new StringDecoder('utf8');
  private readonly buffer: Buffer;

  constructor(
    private readonly fd: number,
    chunkBytes: number,
  ) {
    this.buffer = Buffer.allocUnsafe(chunkBytes);
  }

  object(visit: ResultVisitor): void {
    this.expect(0x7b); // {
    if (this.peekAfterSpace() === 0x7d) {
      this.at++;
    } else {
      for (;;) {
        const key = parseJson(this.value(), 'key');
        if (typeof key !== 'string') throw new ResultSyntaxError('a member name is not a string');
        this.expect(0x3a); // :
        if (key === 'pairs' && this.peekAfterSpace() === 0x5b) {
          visit.member(key, []);
          this.pairs(visit);
        } else visit.member(key, parseJson(this.value(), key));
        if (this.nextOf(0x2c, 0x7d) === 0x7d) break; // , or }
      }
    }
    if (this.peekAfterSpace() !== undefined) throw new ResultSyntaxError('text after the object');
  }

  private pairs(visit: ResultVisitor): void {
    this.expect(0x5b); // [
    if (this.peekAfterSpace() === 0x5d) {
      this.at++;
      return;
    }
    for (let index = 0; ; index++) {
      visit.pair(parseJson(this.value(), `pairs/${index}`), index);
      if (this.nextOf(0x2c, 0x5d) === 0x5d) return; // , or ]
    }
  }

  /** The text of the value that starts at the next non-space character. */
  private value(): string {
    const first = this.peekAfterSpace();
    if (first === undefined) throw new ResultSyntaxError('unexpected end of text');
    // Kept from here: what is read meanwhile is appended to the text.
    this.compact();
    const start = this.at;
    if (first === 0x22) {
      this.at++;
      this.skipStringRest();
    } else if (first === 0x7b || first === 0x5b) {
      let depth = 0;
      for (;;) {
        // To the next quote or bracket (a native search, not a loop over every character).
        STRUCTURAL.lastIndex = this.at;
        const found = STRUCTURAL.exec(this.text);
        if (!found) {
          this.at = this.text.length;
          if (!this.more()) throw new ResultSyntaxError('unexpected end of text');
          continue;
        }
        const c = this.text.charCodeAt(found.index);
        this.at = found.index + 1;
        if (c === 0x22) this.skipStringRest();
        else if (c === 0x7b || c === 0x5b) depth++;
        else if (--depth === 0) break;
      }
    } else {
      // A number, true, false or null: up to the next delimiter.
      for (;;) {
        const c = this.peek();
        if (c === undefined || c === 0x2c || c === 0x7d || c === 0x5d || WHITESPACE.has(c)) break;
        this.at++;
      }
    }
    return this.text.slice(start, this.at);
  }

  /** After an opening quote: past the closing one. */
  private skipStringRest(): void {
    for (;;) {
      const quote = this.text.indexOf('"', this.at);
      if (quote < 0) {
        this.at = this.text.length;
        if (!this.more()) throw new ResultSyntaxError('unterminated string');
        continue;
      }
      let backslashes = 0;
      while (this.text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
      this.at = quote + 1;
      if (backslashes % 2 === 0) return;
    }
  }

  private expect(code: number): void {
    if (this.peekAfterSpace() !== code) {
      throw new ResultSyntaxError(`expected ${String.fromCharCode(code)}`);
    }
    this.at++;
  }

  private nextOf(a: number, b: number): number {
    const c = this.peekAfterSpace();
    if (c !== a && c !== b) {
      throw new ResultSyntaxError(
        `expected ${String.fromCharCode(a)} or ${String.fromCharCode(b)}`,
      );
    }
    this.at++;
    return c;
  }

  private peekAfterSpace(): number | undefined {
    for (;;) {
      const c = this.peek();
      if (c === undefined || !WHITESPACE.has(c)) return c;
      this.at++;
    }
  }

  private peek(): number | undefined {
    if (this.at >= this.text.length && !this.more()) return undefined;
    return this.text.charCodeAt(this.at);
  }

  /** Drops what was read before the current position (nothing before it is needed again). */
  private compact(): void {
    if (this.at > 0) {
      this.text = this.text.slice(this.at);
      this.at = 0;
    }
  }

  /** Appends the next chunk of the file; false at its end. */
  private more(): boolean {
    if (this.ended) return false;
    const n = readSync(this.fd, this.buffer, 0, this.buffer.length, null);
    if (n === 0) {
      this.ended = true;
      this.text += this.decoder.end();
      return this.at < this.text.length;
    }
    this.text += this.decoder.write(this.buffer.subarray(0, n));
    return true;
  }
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ResultSyntaxError(`not JSON at ${where}`);
  }
}

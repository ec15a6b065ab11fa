import { escapePointerToken } from '../util/json-position.js';

/** A member name that occurs twice in one object. */
export interface DuplicateMember {
  /** JSON pointer of the member (its second occurrence). */
  pointer: string;
  /** UTF-16 offset of the second occurrence's name in the text. */
  offset: number;
}

export interface MemberScan {
  /** Offset of each top-level member's name (first occurrence). */
  topLevel: Map<string, number>;
  duplicates: DuplicateMember[];
}

/** Container being scanned: the names seen so far (objects) or the next index (arrays). */
interface Frame {
  names?: Set<string>;
  index: number;
  /** The enclosing container and this one's token in it: pointers are built only when needed. */
  parent: Frame | undefined;
  token: string;
  /** Name of the member whose value is being read (objects). */
  key: string;
}

/**
 * Walks JSON text that JSON.parse has already accepted, to find what JSON.parse hides:
 * duplicate member names (it keeps the last silently, another parser keeps the first) and
 * where top-level members are written. Names are compared after unescaping, so `"a"` and
 * `"\u0061"` are the same name. Iterative; stops collecting after `maxDuplicates`.
 */
export function scanMembers(text: string, maxDuplicates = 16): MemberScan {
  const topLevel = new Map<string, number>();
  const duplicates: DuplicateMember[] = [];
  const stack: Frame[] = [];
  let expectName = false;
  const length = text.length;
  let nextBackslash = -1;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: a member name when an object expects one, else a value to skip.
      const start = i;
      i = closingQuote(text, start);
      // The next backslash only moves forward, so finding it stays linear over the text.
      if (nextBackslash <= start) nextBackslash = positionOr(text.indexOf('\\', start + 1), length);
      const escaped = nextBackslash < i;
      if (!expectName) continue;
      expectName = false;
      const raw = text.slice(start + 1, i);
      const name = escaped ? (JSON.parse(text.slice(start, i + 1)) as string) : raw;
      const frame = stack[stack.length - 1] as Frame;
      frame.key = name;
      if (stack.length === 1 && !topLevel.has(name)) topLevel.set(name, start);
      if (frame.names?.has(name)) {
        if (duplicates.length < maxDuplicates) {
          duplicates.push({
            pointer: `${pointerOf(frame)}/${escapePointerToken(name)}`,
            offset: start,
          });
        }
      } else {
        frame.names?.add(name);
      }
    } else if (c === 0x7b || c === 0x5b) {
      const parent = stack[stack.length - 1];
      const token = parent ? childToken(parent) : '';
      if (c === 0x7b) {
        stack.push({ names: new Set(), index: 0, parent, token, key: '' });
        expectName = true;
      } else {
        stack.push({ index: 0, parent, token, key: '' });
      }
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
      expectName = false;
    } else if (c === 0x2c) {
      const frame = stack[stack.length - 1];
      if (frame?.names) expectName = true;
      else if (frame) frame.index++;
    }
  }
  return { topLevel, duplicates };
}

function positionOr(index: number, fallback: number): number {
  return index < 0 ? fallback : index;
}

/**
 * Index of the quote closing the string that opens at `start` (indexOf runs natively, far
 * faster than a character loop): a quote preceded by an odd number of backslashes is escaped.
 */
function closingQuote(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return quote;
    from = quote + 1;
  }
}

function childToken(frame: Frame): string {
  return frame.names ? escapePointerToken(frame.key) : String(frame.index);
}

function pointerOf(frame: Frame): string {
  const tokens: string[] = [];
  for (let f: Frame | undefined = frame; f?.parent; f = f.parent) tokens.push(f.token);
  return tokens.length > 0 ? `/${tokens.reverse().join('/')}` : '';
}

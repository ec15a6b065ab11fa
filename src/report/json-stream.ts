import type { Sink } from './sink.js';

type Streamable = Iterable<unknown> & object;

function isStreamable(value: unknown): value is Streamable {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function'
  );
}

/** A value JSON.stringify would drop from an object (and write as null in an array). */
function isSkipped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/** Whether an object holds a non-array iterable directly, so it must be walked, not stringified. */
function holdsStream(value: object): boolean {
  return Object.values(value).some(isStreamable);
}

function stringifyAt(value: unknown, indent: string): string {
  const json = JSON.stringify(value, null, 2);
  // JSON strings never contain a raw newline, so every newline is layout.
  return indent === '' ? json : json.replace(/\n/g, `\n${indent}`);
}

/**
 * Writes `value` as `JSON.stringify(value, null, 2)` would, byte for byte, but in pieces: the
 * top-level object, and any array or other iterable (a generator of results) anywhere under an
 * object that holds one, are written element by element. Everything else is stringified whole.
 */
export function writeJson(out: Sink, value: unknown, indent = '', depth = 0): void {
  if (Array.isArray(value) || isStreamable(value)) {
    const inner = `${indent}  `;
    let first = true;
    for (const element of value as Iterable<unknown>) {
      out.write(first ? `[\n${inner}` : `,\n${inner}`);
      first = false;
      if (isSkipped(element)) out.write('null');
      else if (typeof element === 'object' && element !== null && holdsStream(element))
        writeJson(out, element, inner, depth + 1);
      else out.write(stringifyAt(element, inner));
    }
    out.write(first ? '[]' : `\n${indent}]`);
    return;
  }
  const walk =
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function' &&
    (depth === 0 || holdsStream(value));
  if (!walk) {
    out.write(stringifyAt(value, indent));
    return;
  }
  const inner = `${indent}  `;
  let first = true;
  for (const [key, member] of Object.entries(value)) {
    if (isSkipped(member)) continue;
    out.write(`${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `);
    first = false;
    if (Array.isArray(member) || isStreamable(member)) writeJson(out, member, inner, depth + 1);
    else if (typeof member === 'object' && member !== null && holdsStream(member))
      writeJson(out, member, inner, depth + 1);
    else out.write(stringifyAt(member, inner));
  }
  out.write(first ? '{}' : `\n${indent}}`);
}

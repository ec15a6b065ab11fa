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

/**
 * An iterable that writes itself as `writeJson` would write its elements as an array at
 * `indent` (the pair spool copies records it stored in that layout); false: it cannot at that
 * indent, and is iterated.
 */
export interface JsonWriter {
  writeJsonAt(out: Sink, indent: string): boolean;
}

function isJsonWriter(value: object): value is JsonWriter {
  return typeof (value as Partial<JsonWriter>).writeJsonAt === 'function';
}

/**
 * `JSON.stringify(value, null, 2)` with `indent` after every newline. The value is stringified
 * inside as many arrays as `indent` has levels, which indents it so, and cut out: a replace over
 * the text cost more than the stringify itself.
 */
function stringifyAt(value: unknown, indent: string): string {
  const levels = indent.length / 2;
  if (levels === 0 || !Number.isInteger(levels)) {
    const json = JSON.stringify(value, null, 2);
    // JSON strings never contain a raw newline, so every newline is layout.
    return indent === '' ? json : json.replace(/\n/g, `\n${indent}`);
  }
  let wrapped: unknown = value;
  for (let level = 0; level < levels; level++) wrapped = [wrapped];
  const json = JSON.stringify(wrapped, null, 2);
  // Each level opens with "[\n" and its indent, and closes with "\n", the outer indent and "]".
  const open = levels * 2 + levels * (levels + 1);
  const close = levels * 2 + levels * (levels - 1);
  return json.slice(open, json.length - close);
}

/**
 * Writes `value` as `JSON.stringify(value, null, 2)` would, byte for byte, but in pieces: the
 * top-level object, and any array or other iterable (a generator of results) anywhere under an
 * object that holds one, are written element by element. Everything else is stringified whole.
 */
export function writeJson(out: Sink, value: unknown, indent = '', depth = 0): void {
  if (isStreamable(value) && isJsonWriter(value) && value.writeJsonAt(out, indent)) return;
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

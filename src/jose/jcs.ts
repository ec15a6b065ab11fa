import { clipQuoted } from '../util/clip.js';

/**
 * JSON Canonicalization Scheme (RFC 8785): members sorted by the UTF-16 code units of their
 * names, no whitespace, strings escaped as ECMAScript's JSON.stringify does, numbers in
 * ECMAScript's shortest round-trip form. Input must be I-JSON (RFC 7493): a lone surrogate or
 * a number that is not a finite IEEE 754 double has no canonical form and is refused.
 *
 * Iterative, so a hostile 100 000-level nesting costs memory, never the call stack.
 */
export class JcsError extends Error {
  override name = 'JcsError';
  constructor(
    message: string,
    /** JSON pointer of the offending value. */
    readonly pointer: string,
  ) {
    super(`${message} at ${clipQuoted(pointer) || '/'}`);
  }
}

/** A value still to write, with the way back to the root for error messages. */
interface Pending {
  value: unknown;
  key: string;
  up: Pending | undefined;
}

type Task = Pending | string;

// In /u mode a well-formed pair is one code point, so this matches lone surrogates only.
const LONE_SURROGATE = /\p{Cs}/u;

export function canonicalizeJson(value: unknown): string {
  const root: Pending = { value, key: '', up: undefined };
  const first = leaf(value, root);
  if (first !== undefined) return first;
  let out = '';
  const seen = new WeakSet<object>();
  const stack: Task[] = [root];
  while (stack.length > 0) {
    const task = stack.pop() as Task;
    if (typeof task === 'string') {
      out += task;
      continue;
    }
    const v = task.value as object;
    if (seen.has(v))
      throw new JcsError('the same object appears twice (cyclic input)', pointerOf(task));
    seen.add(v);
    if (Array.isArray(v)) {
      out += '[';
      stack.push(']');
      for (let i = v.length - 1; i >= 0; i--) {
        const item: unknown = v[i];
        // Leaves are written at once; only containers become tasks (fewer allocations).
        const text = leaf(item, task, i);
        stack.push(text ?? { value: item, key: String(i), up: task });
        if (i > 0) stack.push(',');
      }
    } else {
      const record = v as Record<string, unknown>;
      // Default sort compares UTF-16 code units, which is exactly RFC 8785 §3.2.3.
      const keys = Object.keys(record).sort();
      out += '{';
      stack.push('}');
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        const member: unknown = record[key];
        const name = `${serializeString(key, task, key)}:`;
        const text = leaf(member, task, key);
        if (text !== undefined) {
          stack.push(name + text);
        } else {
          stack.push({ value: member, key, up: task });
          stack.push(name);
        }
        if (i > 0) stack.push(',');
      }
    }
  }
  return out;
}

/** The canonical text of a primitive; undefined for an object or array (a container). */
function leaf(v: unknown, up: Pending, key: string | number): string | undefined;
function leaf(v: unknown, root: Pending): string | undefined;
function leaf(v: unknown, up: Pending, key?: string | number): string | undefined {
  if (v === null) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (typeof v === 'number') return serializeNumber(v, up, key);
  if (typeof v === 'string') return serializeString(v, up, key);
  if (typeof v === 'object') return undefined;
  throw new JcsError(`${typeof v} is not a JSON value`, pointerAt(up, key));
}

/** ECMAScript Number::toString (RFC 8785 §3.2.2.3); -0 becomes 0, as String() already does. */
function serializeNumber(n: number, up: Pending, key?: string | number): string {
  if (!Number.isFinite(n)) {
    throw new JcsError('number outside the IEEE 754 double range (not I-JSON)', pointerAt(up, key));
  }
  return String(n);
}

function serializeString(s: string, up: Pending, key?: string | number): string {
  if (LONE_SURROGATE.test(s)) {
    throw new JcsError('string with a lone surrogate (not I-JSON)', pointerAt(up, key));
  }
  return JSON.stringify(s);
}

/** Pointer of the child `key` of `up` (or of `up` itself when there is no key). */
function pointerAt(up: Pending, key?: string | number): string {
  const base = pointerOf(up);
  return key === undefined
    ? base
    : `${base}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function pointerOf(task: Pending): string {
  const tokens: string[] = [];
  for (let t: Pending | undefined = task; t?.up; t = t.up) {
    tokens.push(t.key.replace(/~/g, '~0').replace(/\//g, '~1'));
  }
  return tokens.length > 0 ? `/${tokens.reverse().join('/')}` : '';
}

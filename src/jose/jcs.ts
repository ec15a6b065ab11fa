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
    super(`${message} at ${pointer || '/'}`);
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
  const out: string[] = [];
  const seen = new WeakSet<object>();
  const stack: Task[] = [{ value, key: '', up: undefined }];
  while (stack.length > 0) {
    const task = stack.pop() as Task;
    if (typeof task === 'string') {
      out.push(task);
      continue;
    }
    const v = task.value;
    if (v === null) out.push('null');
    else if (v === true) out.push('true');
    else if (v === false) out.push('false');
    else if (typeof v === 'number') out.push(serializeNumber(v, task));
    else if (typeof v === 'string') out.push(serializeString(v, task));
    else if (typeof v === 'object') {
      if (seen.has(v))
        throw new JcsError('the same object appears twice (cyclic input)', pointerOf(task));
      seen.add(v);
      if (Array.isArray(v)) {
        out.push('[');
        stack.push(']');
        for (let i = v.length - 1; i >= 0; i--) {
          stack.push({ value: v[i] as unknown, key: String(i), up: task });
          if (i > 0) stack.push(',');
        }
      } else {
        const record = v as Record<string, unknown>;
        // Default sort compares UTF-16 code units, which is exactly RFC 8785 §3.2.3.
        const keys = Object.keys(record).sort();
        out.push('{');
        stack.push('}');
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i] as string;
          const member: Pending = { value: record[key], key, up: task };
          stack.push(member);
          stack.push(`${serializeString(key, member)}:`);
          if (i > 0) stack.push(',');
        }
      }
    } else {
      throw new JcsError(`${typeof v} is not a JSON value`, pointerOf(task));
    }
  }
  return out.join('');
}

/** ECMAScript Number::toString (RFC 8785 §3.2.2.3); -0 becomes 0, as String() already does. */
function serializeNumber(n: number, at: Pending): string {
  if (!Number.isFinite(n)) {
    throw new JcsError('number outside the IEEE 754 double range (not I-JSON)', pointerOf(at));
  }
  return String(n);
}

function serializeString(s: string, at: Pending): string {
  if (LONE_SURROGATE.test(s)) {
    throw new JcsError('string with a lone surrogate (not I-JSON)', pointerOf(at));
  }
  return JSON.stringify(s);
}

function pointerOf(task: Pending): string {
  const tokens: string[] = [];
  for (let t: Pending | undefined = task; t?.up; t = t.up) {
    tokens.push(t.key.replace(/~/g, '~0').replace(/\//g, '~1'));
  }
  return tokens.length > 0 ? `/${tokens.reverse().join('/')}` : '';
}

/**
 * The profile patterns V8's own engine may run. RE2 (linear-regexp.ts) is what keeps a hostile
 * pattern from hanging a run, but re2js takes 0.4-0.9 µs a test where V8 takes 35-150 ns, and
 * most profile patterns are plain shapes: `^\d{9}$`, `^\d+(\.\d+)?$`, `^(?:\d{10}|\d{12})$`.
 * Such a pattern runs natively when it is *deterministic*: fully anchored, made only of single
 * characters, character classes, `\d` and `\w` under greedy quantifiers, unquantified groups,
 * optional `( … )?` groups and one alternation spanning the whole pattern, where whatever a
 * variable quantifier (or an optional group) could take is disjoint from whatever can follow it.
 * A backtracking engine then never has two ways to go on: giving a character back to a
 * quantifier leaves the rest of the pattern facing a character it cannot start with, so it
 * fails at once, and a match costs O(length) per alternative. Anything else — nested or
 * overlapping quantifiers, `.`, `\s`, negated classes, lookaround, backreferences, flags — is
 * left to RE2. No maintained library decides this cheaply at load (ReDoS checkers such as
 * redos-detector explore paths and can answer "unknown"); this grammar is small enough to
 * audit, and test/constraints/native-regexp.test.ts checks its verdicts against RE2's.
 *
 * The subset also means the same on both engines: `\d` and `\w` are ASCII in both (JavaScript
 * with the `u` flag, as JSON Schema and ajv use it, and RE2), `^` and `$` are the ends of the
 * text (no multiline flag), and classes hold no negation (RE2 and V8 may read a lone surrogate
 * differently) and no astral characters.
 */

/** A set of code points: sorted, disjoint, inclusive ranges. */
type CharSet = ReadonlyArray<readonly [number, number]>;

interface Item {
  kind: 'atom';
  set: CharSet;
  min: number;
  max: number;
}

interface Optional {
  kind: 'optional';
  items: Element[];
}

type Element = Item | Optional;

const DIGIT: CharSet = [[0x30, 0x39]];
const WORD: CharSet = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];
/** Characters written escaped to stand for themselves. */
const SYNTAX = new Set('^$\\.*+?()[]{}|/-');
const MAX_PATTERN = 1000;
const MAX_REPEAT = 1000;

class Unsupported extends Error {}

/**
 * A RegExp for `pattern` when V8 may run it in linear time with RE2's verdicts; undefined for
 * a pattern RE2 must run.
 */
export function nativeRegExp(pattern: string): RegExp | undefined {
  if (pattern.length > MAX_PATTERN) return undefined;
  try {
    const alternatives = parsePattern(pattern);
    for (const items of alternatives) checkDeterministic(items, []);
    return new RegExp(pattern, 'u');
  } catch (error) {
    if (error instanceof Unsupported || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** `^body$`; the body is a sequence, or one `(?:a|b|…)` group spanning all of it. */
function parsePattern(pattern: string): Element[][] {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) {
    throw new Unsupported();
  }
  return new Parser(pattern.slice(1, -1)).whole();
}

class Parser {
  private at = 0;
  constructor(private readonly s: string) {}

  /** The whole body: a sequence, or a group holding alternatives. */
  whole(): Element[][] {
    if (this.s.startsWith('(?:') && this.closingOf(0) === this.s.length - 1) {
      this.at = 3;
      const alternatives = [this.sequence()];
      while (this.s[this.at] === '|') {
        this.at++;
        alternatives.push(this.sequence());
      }
      this.expect(')');
      if (this.at !== this.s.length) throw new Unsupported();
      return alternatives;
    }
    const items = this.sequence();
    if (this.at !== this.s.length) throw new Unsupported();
    return [items];
  }

  /** Index of the `)` closing the group opened at `open`, or -1 (classes and escapes skipped). */
  private closingOf(open: number): number {
    let depth = 0;
    for (let k = open; k < this.s.length; k++) {
      const c = this.s[k];
      if (c === '\\') k++;
      else if (c === '[') {
        k++;
        while (k < this.s.length && this.s[k] !== ']') k += this.s[k] === '\\' ? 2 : 1;
      } else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return k;
    }
    return -1;
  }

  private expect(c: string): void {
    if (this.s[this.at] !== c) throw new Unsupported();
    this.at++;
  }

  /** Items up to `|`, `)` or the end. */
  private sequence(): Element[] {
    const items: Element[] = [];
    while (this.at < this.s.length && this.s[this.at] !== '|' && this.s[this.at] !== ')') {
      const c = this.s[this.at] as string;
      if (c === '(') {
        // `(?:` or a plain group; any other `(?` is lookaround, a named group or flags.
        if (this.s.startsWith('(?:', this.at)) this.at += 3;
        else if (this.s[this.at + 1] === '?') throw new Unsupported();
        else this.at += 1;
        const inner = this.sequence();
        this.expect(')');
        if (this.s[this.at] === '?') {
          this.at++;
          if (this.s[this.at] === '?' || inner.length === 0) throw new Unsupported();
          items.push({ kind: 'optional', items: inner });
        } else if (isQuantifier(this.s[this.at])) {
          throw new Unsupported(); // a repeated group: not in the subset
        } else {
          items.push(...inner);
        }
        continue;
      }
      const set = this.atom();
      const [min, max] = this.quantifier();
      items.push({ kind: 'atom', set, min, max });
    }
    return items;
  }

  private atom(): CharSet {
    const c = this.s[this.at] as string;
    if (c === '[') return this.charClass();
    if (c === '\\') {
      this.at++;
      return this.escape();
    }
    if (SYNTAX.has(c) && c !== '-' && c !== '/') throw new Unsupported();
    this.at++;
    return single(c);
  }

  /** After a backslash: `\d`, `\w`, or a syntax character standing for itself. */
  private escape(): CharSet {
    const c = this.s[this.at];
    this.at++;
    if (c === 'd') return DIGIT;
    if (c === 'w') return WORD;
    if (c !== undefined && SYNTAX.has(c)) return single(c);
    throw new Unsupported();
  }

  private charClass(): CharSet {
    this.at++; // [
    if (this.s[this.at] === '^' || this.s[this.at] === ']') throw new Unsupported();
    let set: CharSet = [];
    while (this.s[this.at] !== ']') {
      if (this.at >= this.s.length) throw new Unsupported();
      const from = this.classMember();
      if (this.s[this.at] === '-' && this.s[this.at + 1] !== ']' && from.length === 1) {
        const lo = from[0] as readonly [number, number];
        if (lo[0] !== lo[1]) throw new Unsupported(); // `\d-x`
        this.at++;
        const to = this.classMember();
        const hi = to[0] as readonly [number, number];
        if (to.length !== 1 || hi[0] !== hi[1] || hi[0] < lo[0]) throw new Unsupported();
        set = union(set, [[lo[0], hi[0]]]);
      } else {
        set = union(set, from);
      }
    }
    this.at++; // ]
    return set;
  }

  private classMember(): CharSet {
    const c = this.s[this.at] as string;
    if (c === '\\') {
      this.at++;
      return this.escape();
    }
    if (c === '[') throw new Unsupported();
    this.at++;
    return single(c);
  }

  private quantifier(): [number, number] {
    const c = this.s[this.at];
    let bounds: [number, number];
    if (c === '?') bounds = [0, 1];
    else if (c === '*') bounds = [0, Infinity];
    else if (c === '+') bounds = [1, Infinity];
    else if (c === '{') {
      const match = /^\{(\d{1,4})(,(\d{0,4}))?\}/.exec(this.s.slice(this.at));
      if (!match) throw new Unsupported();
      const min = Number(match[1]);
      const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
      if (min > max || min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) {
        throw new Unsupported();
      }
      this.at += match[0].length - 1;
      bounds = [min, max];
    } else return [1, 1];
    this.at++;
    // Lazy (`+?`) and doubled quantifiers are not in the subset.
    if (isQuantifier(this.s[this.at])) throw new Unsupported();
    return bounds;
  }
}

function isQuantifier(c: string | undefined): boolean {
  return c === '?' || c === '*' || c === '+' || c === '{';
}

function single(c: string): CharSet {
  const code = c.charCodeAt(0);
  // Surrogates (astral characters, lone halves) are left to RE2.
  if (code >= 0xd800 && code <= 0xdfff) throw new Unsupported();
  return [[code, code]];
}

function union(a: CharSet, b: CharSet): CharSet {
  const all = [...a, ...b].sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const [lo, hi] of all) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function intersects(a: CharSet, b: CharSet): boolean {
  for (const [alo, ahi] of a) for (const [blo, bhi] of b) if (alo <= bhi && blo <= ahi) return true;
  return false;
}

/** First characters of an element, and whether it can match nothing. */
function firstOf(element: Element): { set: CharSet; nullable: boolean } {
  if (element.kind === 'atom') return { set: element.set, nullable: element.min === 0 };
  const inner = firstOfSequence(element.items, []);
  return { set: inner, nullable: true };
}

/** What can start `items` followed by `follow` (the characters that can come after them). */
function firstOfSequence(items: readonly Element[], follow: CharSet): CharSet {
  let set: CharSet = [];
  for (const element of items) {
    const first = firstOf(element);
    set = union(set, first.set);
    if (!first.nullable) return set;
  }
  return union(set, follow);
}

/**
 * Throws Unsupported unless every choice in `items` (followed by what can start `follow`) is
 * decided by the next character: a variable quantifier's characters, and an optional group's
 * first characters, are disjoint from what can follow them.
 */
function checkDeterministic(items: readonly Element[], follow: CharSet): void {
  for (let index = items.length - 1; index >= 0; index--) {
    const element = items[index] as Element;
    const after = firstOfSequence(items.slice(index + 1), follow);
    if (element.kind === 'optional') {
      // The group itself must not match nothing (`(a?)?`), and entering it is decided by
      // its first character.
      if (element.items.every((e) => firstOf(e).nullable)) throw new Unsupported();
      if (intersects(firstOfSequence(element.items, []), after)) throw new Unsupported();
      checkDeterministic(element.items, after);
    } else if (element.min !== element.max && intersects(element.set, after)) {
      throw new Unsupported();
    }
  }
}

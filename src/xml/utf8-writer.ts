/**
 * A growable UTF-8 byte buffer that escapes as it encodes. Canonicalization writes its output
 * here directly: building one string first made a rope of tens of thousands of pieces for a
 * large document, all alive (and copied by every young-generation GC) until the final encode.
 */

/** How `write` treats the characters C14N escapes. */
export const Escape = {
  None: 0,
  /** Text nodes: & < > and CR. */
  Text: 1,
  /** Attribute values and namespace URIs: & < " TAB LF CR. */
  Attribute: 2,
} as const;
export type Escape = (typeof Escape)[keyof typeof Escape];

function table(entries: Record<string, string>): Array<Uint8Array | undefined> {
  const t = new Array<Uint8Array | undefined>(128).fill(undefined);
  for (const [ch, rep] of Object.entries(entries)) {
    t[ch.charCodeAt(0)] = Uint8Array.from(rep, (c) => c.charCodeAt(0));
  }
  return t;
}

const ESCAPES: ReadonlyArray<ReadonlyArray<Uint8Array | undefined>> = [
  table({}),
  table({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#xD;' }),
  table({
    '&': '&amp;',
    '<': '&lt;',
    '"': '&quot;',
    '\t': '&#x9;',
    '\n': '&#xA;',
    '\r': '&#xD;',
  }),
];

/** UTF-16 units encoded per reservation. */
const SEGMENT = 64 * 1024;

/** Longest replacement above, in bytes. */
const MAX_ESCAPE = 6;

export class Utf8Writer {
  private buf: Uint8Array;
  private len = 0;

  /**
   * With a `sink`, a full buffer is handed to it and reused (canonicalizing straight into a
   * digest: no buffer as long as the document, no final copy); `finish` hands over the rest.
   * The sink must consume the chunk before it returns (a hash update does).
   */
  constructor(
    capacity: number,
    private readonly sink?: (chunk: Uint8Array) => void,
  ) {
    this.buf = new Uint8Array(Math.max(256, capacity));
  }

  /** Makes room for `extra` more bytes (flushing to the sink first, if there is one). */
  private reserve(extra: number): Uint8Array {
    const need = this.len + extra;
    if (need <= this.buf.length) return this.buf;
    if (this.sink && this.len > 0) {
      this.sink(this.buf.subarray(0, this.len));
      this.len = 0;
      if (extra <= this.buf.length) return this.buf;
    }
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    return next;
  }

  /** Appends one ASCII character (markup: < > / = " space). */
  byte(c: number): void {
    if (this.len === this.buf.length) this.reserve(1);
    this.buf[this.len++] = c;
  }

  /**
   * Appends `s` as UTF-8 (a lone surrogate becomes U+FFFD, as TextEncoder does), replacing
   * the characters `escape` names by their character references.
   */
  write(s: string, escape: Escape = Escape.None): void {
    if (s.length <= SEGMENT) {
      this.segment(s, 0, s.length, escape);
      return;
    }
    // A long text goes in segments, so the room reserved ahead stays small (not 3 × 50 MB).
    for (let from = 0; from < s.length;) {
      let to = Math.min(s.length, from + SEGMENT);
      const last = s.charCodeAt(to - 1);
      if (to < s.length && last >= 0xd800 && last <= 0xdbff) to--; // keep a pair together
      this.segment(s, from, to, escape);
      from = to;
    }
  }

  private segment(s: string, from: number, n: number, escape: Escape): void {
    // 3 bytes per UTF-16 unit covers any encoding; escapes reserve their own room.
    let buf = this.reserve((n - from) * 3);
    let len = this.len;
    const escapes = ESCAPES[escape] as ReadonlyArray<Uint8Array | undefined>;
    for (let k = from; k < n; k++) {
      let c = s.charCodeAt(k);
      if (c < 0x80) {
        // No character C14N escapes lies above '>' (62): letters go straight through.
        if (c > 62) {
          buf[len++] = c;
          continue;
        }
        const rep = escapes[c];
        if (rep === undefined) {
          buf[len++] = c;
          continue;
        }
        this.len = len;
        buf = this.reserve(MAX_ESCAPE + (n - k) * 3);
        len = this.len;
        buf.set(rep, len);
        len += rep.length;
      } else if (c < 0x800) {
        buf[len++] = 0xc0 | (c >> 6);
        buf[len++] = 0x80 | (c & 0x3f);
      } else {
        if (c >= 0xd800 && c <= 0xdfff) {
          const d = c <= 0xdbff ? s.charCodeAt(k + 1) : 0;
          if (d >= 0xdc00 && d <= 0xdfff) {
            const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
            buf[len++] = 0xf0 | (cp >> 18);
            buf[len++] = 0x80 | ((cp >> 12) & 0x3f);
            buf[len++] = 0x80 | ((cp >> 6) & 0x3f);
            buf[len++] = 0x80 | (cp & 0x3f);
            k++;
            continue;
          }
          c = 0xfffd;
        }
        buf[len++] = 0xe0 | (c >> 12);
        buf[len++] = 0x80 | ((c >> 6) & 0x3f);
        buf[len++] = 0x80 | (c & 0x3f);
      }
    }
    this.len = len;
  }

  /** Hands what is left to the sink (a writer with a sink). */
  finish(): void {
    if (this.sink && this.len > 0) this.sink(this.buf.subarray(0, this.len));
    this.len = 0;
  }

  /** The bytes written, in an array of exactly that length. */
  bytes(): Uint8Array {
    return this.len === this.buf.length ? this.buf : this.buf.slice(0, this.len);
  }
}

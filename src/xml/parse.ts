/**
 * The one XML parser of corridor: strict, non-validating XML 1.0 + Namespaces 1.0.
 *
 * Single pass over the decoded text, driven by indexOf; the few regular expressions used
 * (CRLF normalisation, XML declaration values) are linear with no backtracking; no recursion
 * (an explicit element stack), so neither hostile nesting nor hostile content can blow the
 * stack or trigger super-linear work. DTDs are refused outright (XXE / entity-expansion defence):
 * only the five predefined entities and character references are recognised.
 */
import { decodeXmlBytes } from './decode.js';
import {
  DEFAULT_XML_LIMITS,
  XmlParseError,
  type XmlAttribute,
  type XmlComment,
  type XmlDocument,
  type XmlElement,
  type XmlLimits,
  type XmlNamespaceDeclaration,
  type XmlNode,
  type XmlParseErrorCode,
  type XmlProcessingInstruction,
} from './dom.js';
import {
  ParsedAttribute,
  ParsedComment,
  ParsedElement,
  ParsedProcessingInstruction,
  ParsedText,
} from './parsed-nodes.js';
import { SourceLines } from './source-lines.js';

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** Parses an XML document (bytes are decoded per decode.ts; strings are taken as decoded). */
export function parseXml(input: string | Uint8Array, limits?: Partial<XmlLimits>): XmlDocument {
  // One hidden class for every document's limits: the spread alone made objects of another
  // class once its inline cache warmed up, ~20 documents into a run, and the parser's
  // optimized code, specialised on the first class, was thrown away and compiled again.
  const merged = { ...DEFAULT_XML_LIMITS, ...limits };
  const lim: XmlLimits = {
    maxBytes: merged.maxBytes,
    maxDepth: merged.maxDepth,
    maxElements: merged.maxElements,
    maxAttributesPerElement: merged.maxAttributesPerElement,
    maxTextLength: merged.maxTextLength,
  };
  let text: string;
  if (typeof input === 'string') {
    // UTF-16 length ≤ UTF-8 length ≤ 3 × UTF-16 length: only measure when it can matter.
    if (
      input.length > lim.maxBytes ||
      (input.length * 3 > lim.maxBytes && Buffer.byteLength(input) > lim.maxBytes)
    ) {
      throw new XmlParseError('limit', `document exceeds ${lim.maxBytes} bytes`, 1, 1);
    }
    text = input;
  } else {
    if (input.length > lim.maxBytes) {
      throw new XmlParseError('limit', `document exceeds ${lim.maxBytes} bytes`, 1, 1);
    }
    // One byte-order mark only: a second is content before the document (libxml2 refuses it).
    if (doubledBom(input)) {
      throw new XmlParseError(
        'not-well-formed',
        'a second byte-order mark (U+FEFF) before the document',
        1,
        1,
      );
    }
    text = decodeXmlBytes(input).text;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // XML 1.0 §2.11: CRLF and lone CR become LF before anything else is looked at.
  if (text.indexOf('\r') !== -1) text = text.replace(/\r\n?/g, '\n');
  return new Parser(text, lim).parse();
}

// Character classes for ASCII name characters: 1 = NameStartChar, 2 = NameChar.
const NAME_TABLE = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const alpha = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58;
  const digitish = (c >= 48 && c <= 57) || c === 45 || c === 46;
  NAME_TABLE[c] = alpha ? 3 : digitish ? 2 : 0;
}

function isNameStartNonAscii(c: number): boolean {
  return (
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    (c >= 0x200c && c <= 0x200d) ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd) ||
    // #x10000–#xEFFFF: high surrogates D800–DB7F (the pair is validated beforehand).
    (c >= 0xd800 && c <= 0xdb7f)
  );
}

function isNameCharNonAscii(c: number): boolean {
  return (
    isNameStartNonAscii(c) ||
    c === 0xb7 ||
    (c >= 0x300 && c <= 0x36f) ||
    (c >= 0x203f && c <= 0x2040) ||
    (c >= 0xdc00 && c <= 0xdfff)
  );
}

/** Candidates for firstIllegalChar: C0 controls but tab/LF/CR, surrogates, U+FFFE, U+FFFF. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/g;

/**
 * Offset of the first character outside the XML 1.0 Char production (C0 controls other than
 * tab/LF/CR, lone surrogates, U+FFFE, U+FFFF), or -1. A character-class search without the u
 * flag (linear, no backtracking) skips ahead natively, ~3× faster than a charCodeAt loop on a
 * 22 KB document; only a surrogate it stops at is looked at here, and a valid pair skipped.
 */
function firstIllegalChar(s: string): number {
  NOT_CHAR.lastIndex = 0;
  for (;;) {
    const match = NOT_CHAR.exec(s);
    if (match === null) return -1;
    const k = match.index;
    const c = s.charCodeAt(k);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(k + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        NOT_CHAR.lastIndex = k + 2;
        continue;
      }
    }
    return k;
  }
}

const NO_POS = Number.MAX_SAFE_INTEGER;

class Parser {
  private readonly s: string;
  private readonly len: number;
  private readonly lim: XmlLimits;

  /** Every node's position, from its offset, when asked. */
  private readonly lines: SourceLines;

  // Monotonic cursors: each is the next occurrence at or after the last query, so repeated
  // look-ups over a long document stay linear in total.
  private nextAmp = -1;
  private nextCdEnd = -1;

  private elementCount = 0;
  /** In-scope prefix bindings; '' is the default namespace ('' value = none). */
  private readonly bindings = new Map<string, string>([['xml', XML_NS]]);

  // Scratch space for the attributes of the start tag being read.
  private attrNames: string[] = [];
  private attrQNames: QName[] = [];
  private attrStarts: number[] = [];
  private attrColons: number[] = [];
  private attrValues: string[] = [];

  private colon = -1;

  /**
   * Children of the open elements, innermost last; an element gets its exact-size slice when
   * it closes. Pushing into each element's own array would leave most of them with room for
   * 16 entries (V8's first growth step) for the one text child they hold: a third of the tree.
   */
  private readonly pending: XmlNode[] = [];
  private readonly pendingStarts: number[] = [];
  /** Used length of `pending` (slots above it are stale; truncating is a runtime call). */
  private pendingTop = 0;

  private addChild(node: XmlNode): void {
    this.pending[this.pendingTop++] = node;
  }

  /**
   * Recently seen qualified names, so the thousands of `<d:Line>` of a large document share one
   * name, prefix and local name string instead of three copies each. Direct-mapped on first
   * and last character and length, compared in place: a hit slices and hashes nothing, and
   * the cache cannot grow, whatever names a document uses.
   */
  private readonly qnames = new Array<QName | null>(QNAME_SLOTS).fill(null);

  /** The shared name, prefix and local name of the QName at [start, end), colon at `colon`. */
  private qname(start: number, end: number, colon: number): QName {
    const s = this.s;
    const n = end - start;
    const slot = (s.charCodeAt(start) * 31 + s.charCodeAt(end - 1) * 7 + n) & (QNAME_SLOTS - 1);
    const cached = this.qnames[slot];
    if (cached && cached.name.length === n && sameAt(s, start, cached.name)) return cached;
    const name = s.slice(start, end);
    const q: QName =
      colon === -1
        ? { name, prefix: null, localName: name }
        : { name, prefix: s.slice(start, colon), localName: s.slice(colon + 1, end) };
    this.qnames[slot] = q;
    return q;
  }

  constructor(s: string, lim: XmlLimits) {
    this.s = s;
    this.len = s.length;
    this.lim = lim;
    this.lines = new SourceLines(s);
  }

  parse(): XmlDocument {
    const s = this.s;
    const len = this.len;
    let first = 0;
    while (first < len && isWs(s.charCodeAt(first))) first++;
    if (first === len) this.fail('empty', 'document is empty', 0);
    const bad = firstIllegalChar(s);
    if (bad !== -1) {
      const cp = s.charCodeAt(bad);
      this.fail('not-well-formed', `character U+${hex(cp)} is not allowed in XML`, bad);
    }

    let i = 0;
    if (s.startsWith('<?xml', 0) && (isWs(s.charCodeAt(5)) || s.startsWith('?>', 5))) {
      i = this.xmlDeclaration();
    }

    const prolog: Array<XmlComment | XmlProcessingInstruction> = [];
    const epilog: Array<XmlComment | XmlProcessingInstruction> = [];
    let root: XmlElement | null = null;
    const stack: XmlElement[] = [];
    // Per open element: the bindings it replaced (prefix, previous value) or null.
    const undo: Array<string[] | null> = [];
    let cur: XmlElement | null = null;

    for (;;) {
      const lt = s.indexOf('<', i);
      const end = lt === -1 ? len : lt;
      if (end > i) {
        if (cur !== null) this.text(i, end, cur);
        else this.outsideText(i, end);
      }
      if (lt === -1) break;
      const c = s.charCodeAt(lt + 1);
      if (c === 47 /* / */) {
        if (cur === null) this.fail('not-well-formed', 'end tag outside the root element', lt);
        i = this.endTag(lt, cur);
        this.closeChildren(cur);
        const undone = undo.pop();
        if (undone !== null && undone !== undefined) this.restore(undone);
        stack.pop();
        cur = stack.length > 0 ? (stack[stack.length - 1] as XmlElement) : null;
      } else if (c === 33 /* ! */) {
        if (s.startsWith('<!--', lt)) {
          const node = this.comment(lt, cur);
          if (cur !== null) this.addChild(node);
          else (root === null ? prolog : epilog).push(node);
          i = this.afterMarkup;
        } else if (s.startsWith('<![CDATA[', lt)) {
          if (cur === null)
            this.fail('not-well-formed', 'CDATA section outside the root element', lt);
          i = this.cdata(lt, cur);
        } else if (
          s.startsWith('<!DOCTYPE', lt) ||
          s.startsWith('<!ENTITY', lt) ||
          s.startsWith('<!ELEMENT', lt) ||
          s.startsWith('<!ATTLIST', lt) ||
          s.startsWith('<!NOTATION', lt)
        ) {
          this.fail('dtd-refused', 'document type declarations are refused (DTD/XXE defence)', lt);
        } else {
          this.fail('not-well-formed', "markup '<!' must start a comment or CDATA section", lt);
        }
      } else if (c === 63 /* ? */) {
        const node = this.pi(lt, cur);
        if (cur !== null) this.addChild(node);
        else (root === null ? prolog : epilog).push(node);
        i = this.afterMarkup;
      } else {
        if (cur === null && root !== null) {
          this.fail('not-well-formed', 'content after the root element', lt);
        }
        const el = this.startTag(lt, cur, stack.length + 1);
        if (cur !== null) this.addChild(el);
        else root = el;
        i = this.afterMarkup;
        if (this.openElement) {
          this.pendingStarts.push(this.pendingTop);
          stack.push(el);
          undo.push(this.undoLog);
          cur = el;
        } else if (this.undoLog !== null) {
          this.restore(this.undoLog);
        }
      }
    }
    if (cur !== null) {
      this.fail('not-well-formed', `element <${cur.name}> is not closed`, len);
    }
    if (root === null) this.fail('not-well-formed', 'no root element', len);
    return { root, prolog, epilog, source: s };
  }

  // Results of the markup readers, to avoid allocating tuples.
  private afterMarkup = 0;
  private openElement = false;
  private undoLog: string[] | null = null;

  /** Gives the element that just closed its children, exactly sized. */
  private closeChildren(el: XmlElement): void {
    const start = this.pendingStarts.pop() as number;
    if (this.pendingTop > start) {
      el.children = this.pending.slice(start, this.pendingTop);
      this.pendingTop = start;
    }
  }

  private restore(log: string[]): void {
    for (let k = log.length - 2; k >= 0; k -= 2) {
      const prefix = log[k] as string;
      const prev = log[k + 1];
      if (prev === undefined || prev === '\u0000') this.bindings.delete(prefix);
      else this.bindings.set(prefix, prev);
    }
  }

  // ---------------------------------------------------------------- positions and errors

  private fail(code: XmlParseErrorCode, message: string, off: number): never {
    const { line, column } = this.lines.at(off);
    throw new XmlParseError(code, message, line, column);
  }

  // ---------------------------------------------------------------- names

  /** End of the Name starting at k (k itself when there is none); records the first colon. */
  private scanName(k: number): number {
    const s = this.s;
    const len = this.len;
    this.colon = -1;
    if (k >= len) return k;
    let c = s.charCodeAt(k);
    if (c < 128 ? ((NAME_TABLE[c] as number) & 1) === 0 : !isNameStartNonAscii(c)) return k;
    if (c === 58) this.colon = k;
    let j = k + 1;
    while (j < len) {
      c = s.charCodeAt(j);
      if (c < 128) {
        if (((NAME_TABLE[c] as number) & 2) === 0) break;
        if (c === 58) {
          // A QName allows one colon, neither first nor last; a second one is fatal.
          if (this.colon !== -1)
            this.fail('not-well-formed', 'name contains more than one colon', j);
          this.colon = j;
        }
      } else if (!isNameCharNonAscii(c)) break;
      j++;
    }
    if (this.colon === k || this.colon === j - 1) {
      this.fail('not-well-formed', `"${s.slice(k, j)}" is not a valid qualified name`, k);
    }
    return j;
  }

  // ---------------------------------------------------------------- character data

  private text(start: number, end: number, parent: XmlElement): void {
    if (end - start > this.lim.maxTextLength) {
      this.fail('limit', `text longer than ${this.lim.maxTextLength} characters`, start);
    }
    const s = this.s;
    if (this.nextCdEnd < start) this.nextCdEnd = indexOrMax(s, ']]>', start);
    if (this.nextCdEnd < end) {
      this.fail('not-well-formed', "']]>' is not allowed in text", this.nextCdEnd);
    }
    if (this.nextAmp < start) this.nextAmp = indexOrMax(s, '&', start);
    const value =
      this.nextAmp < end
        ? this.decodeRefs(start, end, false)
        : (indentation(s, start, end) ?? s.slice(start, end));
    this.addChild(new ParsedText(value, false, parent, start, this.lines));
  }

  private outsideText(start: number, end: number): void {
    const s = this.s;
    for (let k = start; k < end; k++) {
      if (!isWs(s.charCodeAt(k))) {
        this.fail('not-well-formed', 'text is not allowed outside the root element', k);
      }
    }
  }

  /** Resolves references in [start, end); attributes also get §3.3.3 whitespace mapping. */
  private decodeRefs(start: number, end: number, attribute: boolean): string {
    const s = this.s;
    if (!attribute) return this.decodeTextRefs(start, end);
    let out = '';
    let from = start;
    let k = start;
    while (k < end) {
      const c = s.charCodeAt(k);
      if (c === 38 /* & */) {
        out += s.slice(from, k);
        const semi = s.indexOf(';', k + 1);
        if (semi === -1 || semi >= end)
          this.fail('not-well-formed', "'&' must start a reference ending in ';'", k);
        out += this.reference(k, semi);
        k = semi + 1;
        from = k;
      } else if (attribute && (c === 9 || c === 10)) {
        out += s.slice(from, k) + ' ';
        k++;
        from = k;
      } else {
        k++;
      }
    }
    return out + s.slice(from, end);
  }

  /** decodeRefs of text: only references change it, so it jumps from one '&' to the next. */
  private decodeTextRefs(start: number, end: number): string {
    const s = this.s;
    let out = '';
    let from = start;
    for (let amp = s.indexOf('&', start); amp !== -1 && amp < end; amp = s.indexOf('&', from)) {
      const semi = s.indexOf(';', amp + 1);
      if (semi === -1 || semi >= end)
        this.fail('not-well-formed', "'&' must start a reference ending in ';'", amp);
      out += s.slice(from, amp) + this.reference(amp, semi);
      from = semi + 1;
    }
    return out + s.slice(from, end);
  }

  /** The replacement text of the reference `&…;` spanning [amp, semi]. */
  private reference(amp: number, semi: number): string {
    const s = this.s;
    if (s.charCodeAt(amp + 1) === 35 /* # */) {
      const isHex = s.charCodeAt(amp + 2) === 120; /* x */
      const from = amp + (isHex ? 3 : 2);
      if (from === semi) this.fail('not-well-formed', 'empty character reference', amp);
      let cp = 0;
      for (let k = from; k < semi; k++) {
        const c = s.charCodeAt(k);
        let d: number;
        if (c >= 48 && c <= 57) d = c - 48;
        else if (isHex && c >= 97 && c <= 102) d = c - 87;
        else if (isHex && c >= 65 && c <= 70) d = c - 55;
        else return this.fail('not-well-formed', 'malformed character reference', amp);
        cp = cp * (isHex ? 16 : 10) + d;
        if (cp > 0x10ffff) this.fail('not-well-formed', 'character reference out of range', amp);
      }
      if (!isXmlChar(cp)) {
        this.fail(
          'not-well-formed',
          `character reference to U+${hex(cp)}, which XML does not allow`,
          amp,
        );
      }
      return String.fromCodePoint(cp);
    }
    switch (s.slice(amp + 1, semi)) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default: {
        const name = semi - amp > 40 ? s.slice(amp + 1, amp + 41) + '…' : s.slice(amp + 1, semi);
        return this.fail(
          'not-well-formed',
          `undefined entity "&${name};" (only the predefined entities are allowed without a DTD)`,
          amp,
        );
      }
    }
  }

  // ---------------------------------------------------------------- markup

  private comment(lt: number, parent: XmlElement | null): XmlComment {
    const s = this.s;
    const d = s.indexOf('--', lt + 4);
    if (d === -1) this.fail('not-well-formed', 'unterminated comment', lt);
    if (s.charCodeAt(d + 2) !== 62)
      this.fail('not-well-formed', "'--' is not allowed inside a comment", d);
    if (d - lt - 4 > this.lim.maxTextLength) {
      this.fail('limit', `comment longer than ${this.lim.maxTextLength} characters`, lt);
    }
    this.afterMarkup = d + 3;
    return new ParsedComment(s.slice(lt + 4, d), parent, lt, this.lines);
  }

  private cdata(lt: number, parent: XmlElement): number {
    const s = this.s;
    const from = lt + 9;
    const e = s.indexOf(']]>', from);
    if (e === -1) this.fail('not-well-formed', 'unterminated CDATA section', lt);
    if (e - from > this.lim.maxTextLength) {
      this.fail('limit', `CDATA section longer than ${this.lim.maxTextLength} characters`, lt);
    }
    if (e > from) {
      this.addChild(new ParsedText(s.slice(from, e), true, parent, lt, this.lines));
    }
    return e + 3;
  }

  private pi(lt: number, parent: XmlElement | null): XmlProcessingInstruction {
    const s = this.s;
    const nameEnd = this.scanName(lt + 2);
    if (nameEnd === lt + 2)
      this.fail('not-well-formed', 'processing instruction without a target', lt);
    if (this.colon !== -1)
      this.fail('not-well-formed', 'processing-instruction target contains a colon', lt + 2);
    const target = s.slice(lt + 2, nameEnd);
    if (target.length === 3 && target.toLowerCase() === 'xml') {
      this.fail(
        'not-well-formed',
        'the XML declaration is only allowed at the very start of the document',
        lt,
      );
    }
    let data = '';
    if (s.startsWith('?>', nameEnd)) {
      this.afterMarkup = nameEnd + 2;
    } else {
      if (!isWs(s.charCodeAt(nameEnd))) {
        this.fail(
          'not-well-formed',
          'expected whitespace after the processing-instruction target',
          nameEnd,
        );
      }
      let k = nameEnd + 1;
      while (isWs(s.charCodeAt(k))) k++;
      const e = s.indexOf('?>', k);
      if (e === -1) this.fail('not-well-formed', 'unterminated processing instruction', lt);
      if (e - k > this.lim.maxTextLength) {
        this.fail(
          'limit',
          `processing instruction longer than ${this.lim.maxTextLength} characters`,
          lt,
        );
      }
      data = s.slice(k, e);
      this.afterMarkup = e + 2;
    }
    return new ParsedProcessingInstruction(target, data, parent, lt, this.lines);
  }

  /** Validates the XML declaration at offset 0; returns the offset after it. */
  private xmlDeclaration(): number {
    const s = this.s;
    let k = 5;
    const names = ['version', 'encoding', 'standalone'];
    let seen = 0;
    for (;;) {
      const wsStart = k;
      while (isWs(s.charCodeAt(k))) k++;
      if (s.startsWith('?>', k)) break;
      if (k === wsStart)
        this.fail('not-well-formed', 'expected whitespace in the XML declaration', k);
      let which = -1;
      for (let n = seen; n < names.length; n++) {
        if (s.startsWith(names[n] as string, k)) {
          which = n;
          break;
        }
      }
      if (which === -1 || (seen === 0 && which !== 0)) {
        this.fail(
          'not-well-formed',
          'malformed XML declaration (expected version, encoding, standalone in order)',
          k,
        );
      }
      k += (names[which] as string).length;
      while (isWs(s.charCodeAt(k))) k++;
      if (s.charCodeAt(k) !== 61)
        this.fail('not-well-formed', "expected '=' in the XML declaration", k);
      k++;
      while (isWs(s.charCodeAt(k))) k++;
      const q = s.charCodeAt(k);
      if (q !== 34 && q !== 39)
        this.fail('not-well-formed', 'expected a quoted value in the XML declaration', k);
      const close = s.indexOf(q === 34 ? '"' : "'", k + 1);
      if (close === -1)
        this.fail('not-well-formed', 'unterminated value in the XML declaration', k);
      const value = s.slice(k + 1, close);
      const ok =
        which === 0
          ? /^1\.[0-9]+$/.test(value)
          : which === 1
            ? /^[A-Za-z][A-Za-z0-9._-]*$/.test(value)
            : value === 'yes' || value === 'no';
      if (!ok)
        this.fail(
          'not-well-formed',
          `invalid ${names[which]} "${value}" in the XML declaration`,
          k + 1,
        );
      k = close + 1;
      seen = which + 1;
    }
    if (seen === 0) this.fail('not-well-formed', 'the XML declaration must give a version', 0);
    return k + 2;
  }

  private endTag(lt: number, cur: XmlElement): number {
    const s = this.s;
    const name = cur.name;
    let k = lt + 2;
    if (sameAt(s, k, name)) {
      k += name.length;
      while (isWs(s.charCodeAt(k))) k++;
      if (s.charCodeAt(k) === 62) return k + 1;
    }
    const nameEnd = this.scanName(lt + 2);
    const found = s.slice(lt + 2, nameEnd);
    if (found === name) {
      this.fail('not-well-formed', `malformed end tag </${name}>`, lt);
    }
    return this.fail('not-well-formed', `expected </${name}> but found </${found}>`, lt);
  }

  private startTag(lt: number, parent: XmlElement | null, depth: number): XmlElement {
    const s = this.s;
    const lim = this.lim;
    if (depth > lim.maxDepth) this.fail('limit', `element nesting deeper than ${lim.maxDepth}`, lt);
    if (++this.elementCount > lim.maxElements) {
      this.fail('limit', `more than ${lim.maxElements} elements`, lt);
    }
    const nameStart = lt + 1;
    const nameEnd = this.scanName(nameStart);
    if (nameEnd === nameStart) this.fail('not-well-formed', "'<' must start a tag or markup", lt);
    const elColon = this.colon;
    const qname = this.qname(nameStart, nameEnd, elColon);
    const name = qname.name;

    // Attributes, raw.
    const names = this.attrNames;
    const qnames = this.attrQNames;
    const starts = this.attrStarts;
    const colons = this.attrColons;
    const values = this.attrValues;
    let count = 0;
    let k = nameEnd;
    let selfClosing = false;
    for (;;) {
      const wsStart = k;
      let c = s.charCodeAt(k);
      while (c === 32 || c === 10 || c === 9 || c === 13) c = s.charCodeAt(++k);
      if (c === 62 /* > */) {
        k++;
        break;
      }
      if (c === 47 /* / */ && s.charCodeAt(k + 1) === 62) {
        selfClosing = true;
        k += 2;
        break;
      }
      if (k >= this.len) this.fail('not-well-formed', `unterminated start tag <${name}>`, lt);
      if (k === wsStart) this.fail('not-well-formed', 'expected whitespace before an attribute', k);
      const aEnd = this.scanName(k);
      if (aEnd === k)
        this.fail('not-well-formed', `unexpected character in start tag <${name}>`, k);
      if (count >= lim.maxAttributesPerElement) {
        this.fail('limit', `more than ${lim.maxAttributesPerElement} attributes on one element`, k);
      }
      const aQName = this.qname(k, aEnd, this.colon);
      const aName = aQName.name;
      qnames[count] = aQName;
      names[count] = aName;
      starts[count] = k;
      colons[count] = this.colon === -1 ? -1 : this.colon - k;
      k = aEnd;
      c = s.charCodeAt(k);
      while (c === 32 || c === 10 || c === 9 || c === 13) c = s.charCodeAt(++k);
      if (c !== 61) this.fail('not-well-formed', `expected '=' after attribute ${aName}`, k);
      c = s.charCodeAt(++k);
      while (c === 32 || c === 10 || c === 9 || c === 13) c = s.charCodeAt(++k);
      if (c !== 34 && c !== 39)
        this.fail('not-well-formed', `value of attribute ${aName} must be quoted`, k);
      const close = s.indexOf(c === 34 ? '"' : "'", k + 1);
      if (close === -1) this.fail('not-well-formed', `unterminated value of attribute ${aName}`, k);
      if (close - k - 1 > lim.maxTextLength) {
        this.fail('limit', `attribute value longer than ${lim.maxTextLength} characters`, k);
      }
      values[count] = this.attrValue(k + 1, close);
      count++;
      k = close + 1;
    }
    this.afterMarkup = k;
    this.openElement = !selfClosing;

    // Duplicate qualified names (XML 1.0 WFC: Unique Att Spec).
    if (count > 1) checkUnique(this, names, count, starts);

    // Namespace declarations first: they apply to the element's own name and attributes.
    const bindings = this.bindings;
    let log: string[] | null = null;
    let namespaces: readonly XmlNamespaceDeclaration[] = EMPTY_NS;
    let declared: XmlNamespaceDeclaration[] | null = null;
    let plain = 0;
    for (let a = 0; a < count; a++) {
      const aName = names[a] as string;
      let prefix: string;
      if (aName === 'xmlns') prefix = '';
      else if (colons[a] === 5 && aName.startsWith('xmlns:')) prefix = aName.slice(6);
      else {
        plain++;
        continue;
      }
      const uri = values[a] as string;
      this.checkDeclaration(prefix, uri, starts[a] as number);
      if (declared === null) namespaces = declared = [];
      declared.push({ prefix, uri });
      if (log === null) log = [];
      const prev = bindings.get(prefix);
      log.push(prefix, prev === undefined ? '\u0000' : prev);
      bindings.set(prefix, uri);
    }
    this.undoLog = log;

    const prefix = qname.prefix;
    const localName = qname.localName;
    let namespaceURI: string | null;
    if (prefix !== null) {
      if (prefix === 'xmlns')
        this.fail('not-well-formed', 'the prefix xmlns is reserved for declarations', lt + 1);
      const uri = bindings.get(prefix);
      if (uri === undefined || uri === '')
        this.fail('not-well-formed', `undeclared namespace prefix "${prefix}"`, lt + 1);
      namespaceURI = uri;
    } else {
      const uri = bindings.get('');
      namespaceURI = uri === undefined || uri === '' ? null : uri;
    }

    // Written to below only when plain > 0, so the shared empty array is never written.
    const attributes =
      plain === 0 ? (NO_ATTRIBUTES as XmlAttribute[]) : new Array<XmlAttribute>(plain);
    let out = 0;
    let prefixed = 0;
    for (let a = 0; a < count; a++) {
      const aName = names[a] as string;
      if (aName === 'xmlns') continue;
      const q = qnames[a] as QName;
      const aPrefix = q.prefix;
      const aLocal = q.localName;
      let aUri: string | null = null;
      if (aPrefix !== null) {
        if (aPrefix === 'xmlns') continue;
        const uri = bindings.get(aPrefix);
        if (uri === undefined || uri === '') {
          this.fail(
            'not-well-formed',
            `undeclared namespace prefix "${aPrefix}"`,
            starts[a] as number,
          );
        }
        aUri = uri;
        prefixed++;
      }
      attributes[out++] = new ParsedAttribute(
        aName,
        aPrefix,
        aLocal,
        aUri,
        values[a] as string,
        starts[a] as number,
        this.lines,
      );
    }
    // Namespaces WFC: no two attributes with the same expanded name.
    if (prefixed > 1) {
      for (let x = 0; x < attributes.length; x++) {
        const ax = attributes[x] as XmlAttribute;
        if (ax.namespaceURI === null) continue;
        for (let y = x + 1; y < attributes.length; y++) {
          const ay = attributes[y] as XmlAttribute;
          if (ay.namespaceURI === ax.namespaceURI && ay.localName === ax.localName) {
            this.fail(
              'not-well-formed',
              `attributes ${ax.name} and ${ay.name} have the same expanded name`,
              ay.pos.offset,
            );
          }
        }
      }
    }

    return new ParsedElement(
      name,
      prefix,
      localName,
      namespaceURI,
      namespaces,
      attributes,
      parent,
      lt,
      this.lines,
    );
  }

  private checkDeclaration(prefix: string, uri: string, off: number): void {
    if (prefix === 'xmlns')
      this.fail('not-well-formed', 'the prefix xmlns must not be declared', off);
    if (prefix === 'xml') {
      if (uri !== XML_NS)
        this.fail('not-well-formed', `the prefix xml can only be bound to ${XML_NS}`, off);
      return;
    }
    if (uri === XML_NS)
      this.fail('not-well-formed', `${XML_NS} can only be bound to the prefix xml`, off);
    if (uri === XMLNS_NS) this.fail('not-well-formed', `${XMLNS_NS} must not be declared`, off);
    if (prefix !== '' && uri === '') {
      this.fail(
        'not-well-formed',
        `prefix "${prefix}" cannot be undeclared in Namespaces 1.0`,
        off,
      );
    }
  }

  /** Attribute value in [start, end): no '<', references resolved, §3.3.3 normalised. */
  private attrValue(start: number, end: number): string {
    const s = this.s;
    let plain = true;
    for (let k = start; k < end; k++) {
      const c = s.charCodeAt(k);
      if (c === 60) this.fail('not-well-formed', "'<' is not allowed in attribute values", k);
      if (c === 38 || c === 9 || c === 10) plain = false;
    }
    return plain ? s.slice(start, end) : this.decodeRefs(start, end, true);
  }

  /** For checkUnique: throws on a duplicate attribute. */
  duplicate(name: string, off: number): never {
    return this.fail('not-well-formed', `duplicate attribute ${name}`, off);
  }
}

// Most elements declare no namespace and many have no attribute: they all share these two
// empty arrays (two fewer objects per element; 2 million elements are allowed). Not frozen,
// for the reason NO_CHILDREN gives; the dom.ts types make them read-only.
const EMPTY_NS: readonly XmlNamespaceDeclaration[] = [];
const NO_ATTRIBUTES: readonly XmlAttribute[] = [];

interface QName {
  name: string;
  prefix: string | null;
  localName: string;
}

/** Slots of the qualified-name cache (a power of two). */
const QNAME_SLOTS = 256;

function checkUnique(p: Parser, names: string[], count: number, starts: number[]): void {
  if (count <= 12) {
    for (let x = 1; x < count; x++) {
      const n = names[x];
      for (let y = 0; y < x; y++) if (names[y] === n) p.duplicate(n as string, starts[x] as number);
    }
    return;
  }
  const seen = new Set<string>();
  for (let x = 0; x < count; x++) {
    const n = names[x] as string;
    if (seen.has(n)) p.duplicate(n, starts[x] as number);
    seen.add(n);
  }
}

/** '\n' and n - 1 spaces, by n: the indentation between elements, one string for all texts. */
const INDENTS: string[] = [];

/** The shared string for [start, end) when it is a newline and up to 63 spaces. */
function indentation(s: string, start: number, end: number): string | undefined {
  const n = end - start;
  if (n > 64 || s.charCodeAt(start) !== 10) return undefined;
  for (let k = start + 1; k < end; k++) if (s.charCodeAt(k) !== 32) return undefined;
  // Built afresh: a slice of a long source may be a view that would keep the source alive.
  return (INDENTS[n] ??= '\n' + ' '.repeat(n - 1));
}

/**
 * `s.startsWith(word, at)` for the short names of tags: a loop the compiler inlines, where the
 * builtin was a call per tag (~15% of start- and end-tag time).
 */
function sameAt(s: string, at: number, word: string): boolean {
  const n = word.length;
  if (at + n > s.length) return false;
  for (let k = 0; k < n; k++) if (s.charCodeAt(at + k) !== word.charCodeAt(k)) return false;
  return true;
}

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

function isXmlChar(cp: number): boolean {
  return (
    cp === 9 ||
    cp === 10 ||
    cp === 13 ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

function indexOrMax(s: string, needle: string, from: number): number {
  const at = s.indexOf(needle, from);
  return at === -1 ? NO_POS : at;
}

function hex(cp: number): string {
  return cp.toString(16).toUpperCase().padStart(4, '0');
}

function doubledBom(b: Uint8Array): boolean {
  const at = (...pattern: number[]) => pattern.every((x, i) => b[i] === x);
  return (
    at(0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf) ||
    at(0xff, 0xfe, 0xff, 0xfe) ||
    at(0xfe, 0xff, 0xfe, 0xff)
  );
}

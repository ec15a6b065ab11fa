/**
 * Canonical XML 1.0 / 1.1 and Exclusive XML Canonicalization 1.0 over the parsed tree.
 *
 * The node-sets XMLDSig needs here are always "a subtree (or the whole document) minus some
 * excluded subtrees" (same-document references, enveloped-signature, the XPath filter
 * `not(ancestor-or-self::dsig:Signature)`). For such sets every output element except the
 * apex has its parent in the output, which lets namespace and xml:* handling be decided
 * incrementally: the apex renders its whole context, descendants only their differences.
 *
 * Iterative (explicit stack), one output string, no regular expressions per node.
 */
import type {
  XmlAttribute,
  XmlDocument,
  XmlElement,
  XmlNamespaceDeclaration,
  XmlNode,
} from './dom.js';
import { XML_NS } from './parse.js';
import { inScopeNamespaces } from './query.js';
import { Escape, Utf8Writer } from './utf8-writer.js';

export type C14nMethod = 'c14n10' | 'c14n11' | 'exc-c14n';

export interface C14nOptions {
  method: C14nMethod;
  withComments: boolean;
  /** Exclusive C14N only: InclusiveNamespaces PrefixList; '#default' is the default namespace. */
  inclusiveNamespacesPrefixes?: string[];
  /** Removes an element's whole subtree from the node-set (enveloped signature, XPath filter). */
  exclude?: (node: XmlElement) => boolean;
}

/**
 * The options with every field present, in one order: callers build them by spreading, and
 * spread objects change hidden class when the spread's inline cache warms up, which made the
 * optimized renderElement deoptimize and compile again a few documents into a run.
 */
interface ShapedOptions {
  method: C14nMethod;
  withComments: boolean;
  inclusiveNamespacesPrefixes: string[] | undefined;
  exclude: ((node: XmlElement) => boolean) | undefined;
}

function shaped(options: C14nOptions): ShapedOptions {
  return {
    method: options.method,
    withComments: options.withComments,
    inclusiveNamespacesPrefixes: options.inclusiveNamespacesPrefixes,
    exclude: options.exclude,
  };
}

/** The canonical form as UTF-8 bytes, written straight into one growing buffer. */
export function canonicalize(target: XmlDocument | XmlElement, options: C14nOptions): Uint8Array {
  // A document's canonical form is about as long as its source; a subtree starts small.
  const out = new Utf8Writer('kind' in target ? 4096 : target.source.length + 1024);
  write(target, shaped(options), out);
  return out.bytes();
}

/** Chunk size when canonicalizing into a sink. */
const SINK_CHUNK = 16 * 1024;

/**
 * The canonical form handed to `sink` in chunks as it is written (a digest's update): the
 * octets of a Reference are hashed without ever being held whole.
 */
export function canonicalizeInto(
  target: XmlDocument | XmlElement,
  options: C14nOptions,
  sink: (chunk: Uint8Array) => void,
): void {
  const out = new Utf8Writer(SINK_CHUNK, sink);
  write(target, shaped(options), out);
  out.finish();
}

function write(target: XmlDocument | XmlElement, options: ShapedOptions, out: Utf8Writer): void {
  if (!('kind' in target)) {
    const doc = target;
    for (const node of doc.prolog) {
      const text = renderLeaf(node, options.withComments);
      if (text !== '') out.write(text + '\n');
    }
    if (options.exclude === undefined || !options.exclude(doc.root)) {
      renderElement(doc.root, options, out);
    }
    for (const node of doc.epilog) {
      const text = renderLeaf(node, options.withComments);
      if (text !== '') out.write('\n' + text);
    }
  } else if (options.exclude === undefined || !options.exclude(target)) {
    renderElement(target, options, out);
  }
}

const DECODER = new TextDecoder();

/** The canonical form as a string (the decoded bytes of `canonicalize`). */
export function canonicalizeToString(
  target: XmlDocument | XmlElement,
  options: C14nOptions,
): string {
  return DECODER.decode(canonicalize(target, options));
}

/** A comment or PI as canonical text ('' for a comment when comments are omitted). */
export function renderLeaf(node: XmlNode, withComments: boolean): string {
  if (node.kind === 'comment') return withComments ? `<!--${node.value}-->` : '';
  if (node.kind === 'pi')
    return node.data === '' ? `<?${node.target}?>` : `<?${node.target} ${node.data}?>`;
  return '';
}

const ABSENT = '\u0000';

const NO_PREFIXES: readonly string[] = Object.freeze([]);

/**
 * Namespace bookkeeping shared by all elements of one run: maps plus one flat undo stack
 * (key, map id, previous value) unwound to a mark when an element closes, so the walk
 * allocates no per-element closures or logs.
 */
class NsState {
  /** Namespaces as rendered by output ancestors (prefix → URI; '' = default). */
  readonly rendered = new Map<string, string>();
  /** In-scope namespaces; only maintained when exclusive C14N has a prefix list. */
  readonly inScope: Map<string, string> | null;
  private readonly undoStack: string[] = [];
  /**
   * Declarations to write on the element being opened: prefix, URI, prefix, URI, … in the
   * first `declCount` slots (a counter, not `length = 0`: resizing is a runtime call per element).
   */
  readonly decls: string[] = [];
  declCount = 0;

  constructor(inScope: Map<string, string> | null) {
    this.inScope = inScope;
  }

  mark(): number {
    return this.undoStack.length;
  }

  /** Renders (prefix, uri) unless output ancestors already rendered the same binding. */
  render(prefix: string, uri: string): void {
    const prev = this.rendered.get(prefix);
    // An absent default namespace and xmlns="" are the same state.
    if ((prev ?? (prefix === '' ? '' : undefined)) === uri) return;
    this.decls[this.declCount++] = prefix;
    this.decls[this.declCount++] = uri;
    this.undoStack.push(prefix, 'r', prev ?? ABSENT);
    this.rendered.set(prefix, uri);
  }

  declare(prefix: string, uri: string): void {
    const scope = this.inScope as Map<string, string>;
    const prev = scope.get(prefix);
    this.undoStack.push(prefix, 's', prev ?? ABSENT);
    if (uri === '') scope.delete(prefix);
    else scope.set(prefix, uri);
  }

  unwind(mark: number): void {
    const u = this.undoStack;
    while (u.length > mark) {
      const prev = u.pop() as string;
      const map = u.pop() === 'r' ? this.rendered : (this.inScope as Map<string, string>);
      const prefix = u.pop() as string;
      if (prev === ABSENT) map.delete(prefix);
      else map.set(prefix, prev);
    }
  }
}

/** Writes the canonical form of `apex` and its subtree to `out`. */
function renderElement(apex: XmlElement, options: ShapedOptions, out: Utf8Writer): void {
  const exclusive = options.method === 'exc-c14n';
  const withComments = options.withComments;
  const exclude = options.exclude;
  const prefixes = exclusive ? options.inclusiveNamespacesPrefixes : undefined;
  // NO_PREFIXES, not a fresh `[]`: an empty literal and a map() result are arrays of two hidden
  // classes, and the optimized code deoptimized when the second one came.
  const prefixList =
    prefixes !== undefined && prefixes.length > 0
      ? prefixes.map((p) => (p === '#default' ? '' : p))
      : NO_PREFIXES;
  const ns = new NsState(
    prefixList.length > 0
      ? apex.parent === null
        ? new Map()
        : inScopeNamespaces(apex.parent)
      : null,
  );
  const decls = ns.decls;
  const pairs: Array<[string, string]> = [];

  // Open elements as parallel stacks: element, next child index, undo mark.
  const elements: XmlElement[] = [];
  const nexts: number[] = [];
  const marks: number[] = [];

  const open = (el: XmlElement, isApex: boolean): void => {
    const mark = ns.mark();
    ns.declCount = 0;
    // Indexed loops: for-of allocates a result object per step until V8 optimizes the loop,
    // and most documents of a run are canonicalized before that.
    const namespaces = el.namespaces;
    const own = el.attributes;
    if (ns.inScope !== null) {
      for (let k = 0; k < namespaces.length; k++) {
        const d = namespaces[k] as XmlNamespaceDeclaration;
        ns.declare(d.prefix, d.uri);
      }
    }
    if (!exclusive) {
      if (isApex) {
        for (const [prefix, uri] of inScopeNamespaces(el)) {
          if (prefix !== 'xml') ns.render(prefix, uri);
        }
      } else {
        for (let k = 0; k < namespaces.length; k++) {
          const d = namespaces[k] as XmlNamespaceDeclaration;
          if (d.prefix !== 'xml') ns.render(d.prefix, d.uri);
        }
      }
    } else {
      // Visibly utilized: the element's own prefix (or the default) and its attributes' prefixes.
      if (el.prefix !== 'xml') ns.render(el.prefix ?? '', el.namespaceURI ?? '');
      for (let k = 0; k < own.length; k++) {
        const a = own[k] as XmlAttribute;
        if (a.prefix !== null && a.prefix !== 'xml') ns.render(a.prefix, a.namespaceURI ?? '');
      }
      if (ns.inScope !== null) {
        for (const p of prefixList) {
          const uri = ns.inScope.get(p);
          if (uri !== undefined) ns.render(p, uri);
          else if (p === '') ns.render('', '');
        }
      }
    }

    out.byte(60);
    out.write(el.name);
    const declCount = ns.declCount;
    if (declCount === 2) {
      declaration(out, decls[0] as string, decls[1] as string);
    } else if (declCount > 2) {
      pairs.length = 0;
      for (let k = 0; k < declCount; k += 2)
        pairs.push([decls[k] as string, decls[k + 1] as string]);
      pairs.sort((x, y) => compareCodePoints(x[0], y[0]));
      for (const [prefix, uri] of pairs) declaration(out, prefix, uri);
    }
    let attrs: readonly XmlAttribute[] = own;
    if (isApex && !exclusive && el.parent !== null) {
      attrs = withInheritedXmlAttributes(el, options.method === 'c14n11');
    }
    // Most documents write attributes in canonical order already: no copy then.
    if (attrs.length > 1 && !inCanonicalOrder(attrs)) attrs = [...attrs].sort(compareAttributes);
    attributes(out, attrs);
    out.byte(62);
    elements.push(el);
    nexts.push(0);
    marks.push(mark);
  };

  open(apex, true);
  while (elements.length > 0) {
    const top = elements.length - 1;
    const el = elements[top] as XmlElement;
    const children = el.children;
    const next = nexts[top] as number;
    if (next < children.length) {
      nexts[top] = next + 1;
      const child = children[next] as XmlNode;
      if (child.kind === 'text') out.write(child.value, Escape.Text);
      else if (child.kind === 'element') {
        if (exclude === undefined || !exclude(child)) open(child, false);
      } else out.write(renderLeaf(child, withComments));
      continue;
    }
    out.byte(60);
    out.byte(47);
    out.write(el.name);
    out.byte(62);
    ns.unwind(marks[top] as number);
    elements.pop();
    nexts.pop();
    marks.pop();
  }
}

/** ` name="value"` for each attribute, in the order given (already sorted). */
export function attributes(out: Utf8Writer, attrs: readonly XmlAttribute[]): void {
  for (let k = 0; k < attrs.length; k++) {
    const a = attrs[k] as XmlAttribute;
    out.byte(32);
    out.write(a.name);
    out.byte(61);
    out.byte(34);
    out.write(a.value, Escape.Attribute);
    out.byte(34);
  }
}

export function declaration(out: Utf8Writer, prefix: string, uri: string): void {
  if (prefix === '') out.write(' xmlns="');
  else {
    out.write(' xmlns:');
    out.write(prefix);
    out.write('="');
  }
  out.write(uri, Escape.Attribute);
  out.byte(34);
}

/**
 * The apex of a document subset keeps the xml:* attributes it would inherit from its omitted
 * ancestors. C14N 1.0 copies every xml:* attribute (nearest wins); C14N 1.1 copies only
 * xml:lang and xml:space, never xml:id, and rewrites xml:base to the joined base URI.
 * `attributes`: the element's own attributes that are rendered (all, unless a subset).
 */
export function withInheritedXmlAttributes(
  el: XmlElement,
  v11: boolean,
  attributes: readonly XmlAttribute[] = el.attributes,
): XmlAttribute[] {
  const own = new Set<string>();
  let ownBase: XmlAttribute | null = null;
  for (const a of attributes) {
    if (a.namespaceURI !== XML_NS) continue;
    own.add(a.localName);
    if (a.localName === 'base') ownBase = a;
  }
  const inherited: XmlAttribute[] = [];
  const bases: string[] = [];
  for (let e = el.parent; e !== null; e = e.parent) {
    for (const a of e.attributes) {
      if (a.namespaceURI !== XML_NS) continue;
      if (v11 && a.localName === 'base') {
        bases.push(a.value);
        continue;
      }
      if (v11 && a.localName !== 'lang' && a.localName !== 'space') continue;
      if (own.has(a.localName)) continue;
      own.add(a.localName);
      inherited.push(a);
    }
  }
  let result = [...attributes, ...inherited];
  if (v11 && bases.length > 0) {
    bases.reverse();
    if (ownBase !== null) bases.push(ownBase.value);
    const base: XmlAttribute = {
      name: 'xml:base',
      prefix: 'xml',
      localName: 'base',
      namespaceURI: XML_NS,
      value: joinUriReferences(bases),
      pos: ownBase?.pos ?? el.pos,
    };
    result = result.filter((a) => a !== ownBase);
    result.push(base);
  }
  return result;
}

/**
 * Joins xml:base values outermost first (C14N 1.1 §2.4): RFC 3986 §5.2.2 reference
 * resolution, applied also to relative bases, keeping '..' segments that cannot be removed.
 */
export function joinUriReferences(values: readonly string[]): string {
  let base = values[0] ?? '';
  for (let k = 1; k < values.length; k++) base = resolveReference(values[k] as string, base);
  return base;
}

interface UriParts {
  scheme: string | undefined;
  authority: string | undefined;
  path: string;
  query: string | undefined;
  fragment: string | undefined;
}

// RFC 3986 Appendix B; every group is delimited, so matching is linear.
const URI_SPLIT = /^(?:([^:/?#]+):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s;

function splitUri(uri: string): UriParts {
  const m = URI_SPLIT.exec(uri);
  return {
    scheme: m?.[1],
    authority: m?.[2],
    path: m?.[3] ?? '',
    query: m?.[4],
    fragment: m?.[5],
  };
}

function resolveReference(ref: string, baseUri: string): string {
  const r = splitUri(ref);
  const b = splitUri(baseUri);
  const t: UriParts = {
    scheme: undefined,
    authority: undefined,
    path: '',
    query: undefined,
    fragment: r.fragment,
  };
  if (r.scheme !== undefined) {
    t.scheme = r.scheme;
    t.authority = r.authority;
    t.path = removeDotSegments(r.path);
    t.query = r.query;
  } else {
    if (r.authority !== undefined) {
      t.authority = r.authority;
      t.path = removeDotSegments(r.path);
      t.query = r.query;
    } else {
      if (r.path === '') {
        t.path = b.path;
        t.query = r.query ?? b.query;
      } else {
        if (r.path.startsWith('/')) t.path = removeDotSegments(r.path);
        else {
          let merged: string;
          if (b.authority !== undefined && b.path === '') merged = '/' + r.path;
          else {
            const slash = b.path.lastIndexOf('/');
            merged = (slash === -1 ? '' : b.path.slice(0, slash + 1)) + r.path;
          }
          t.path = removeDotSegments(merged);
        }
        t.query = r.query;
      }
      t.authority = b.authority;
    }
    t.scheme = b.scheme;
  }
  let out = '';
  if (t.scheme !== undefined) out += t.scheme + ':';
  if (t.authority !== undefined) out += '//' + t.authority;
  out += t.path;
  if (t.query !== undefined) out += '?' + t.query;
  if (t.fragment !== undefined) out += '#' + t.fragment;
  return out;
}

/** RFC 3986 §5.2.4, except that a relative path keeps leading '..' it cannot cancel. */
function removeDotSegments(path: string): string {
  if (path === '') return '';
  const absolute = path.startsWith('/');
  const segments = (absolute ? path.slice(1) : path).split('/');
  const out: string[] = [];
  let trailingSlash = false;
  for (let k = 0; k < segments.length; k++) {
    const seg = segments[k] as string;
    const last = k === segments.length - 1;
    trailingSlash = false;
    if (seg === '.') {
      trailingSlash = last;
    } else if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      trailingSlash = last;
    } else {
      out.push(seg);
    }
  }
  let result = (absolute ? '/' : '') + out.join('/');
  if (trailingSlash && out.length > 0) result += '/';
  return result;
}

/** Attribute order: namespace URI (none first), then local name, by code point. */
/** Whether `attrs` are already sorted by compareAttributes (no two compare equal). */
function inCanonicalOrder(attrs: readonly XmlAttribute[]): boolean {
  for (let k = 1; k < attrs.length; k++)
    if (compareAttributes(attrs[k - 1] as XmlAttribute, attrs[k] as XmlAttribute) > 0) return false;
  return true;
}

export function compareAttributes(a: XmlAttribute, b: XmlAttribute): number {
  const c = compareCodePoints(a.namespaceURI ?? '', b.namespaceURI ?? '');
  return c !== 0 ? c : compareCodePoints(a.localName, b.localName);
}

/** Code-point order (UTF-16 code-unit order misplaces astral characters above U+E000). */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) {
    let x = a.charCodeAt(k);
    let y = b.charCodeAt(k);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      // Surrogates (astral code points) sort after U+E000–U+FFFF.
      if (x >= 0xe000) x -= 0x800;
      else x += 0x2000;
      if (y >= 0xe000) y -= 0x800;
      else y += 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

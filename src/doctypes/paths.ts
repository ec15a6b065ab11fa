import type { XmlAttribute, XmlElement } from '../xml/dom.js';
import { matchGlob } from './glob.js';
import { DSIG_NS, XENC_NS } from '../documents/xml-model.js';

/**
 * The small path language of definitions: steps separated by `/`, each `prefix:Name`,
 * `prefix:*`, `*`, an unprefixed name (no namespace), or a final `@attr`; predicates
 * `[prefix:Child='value']`, `[@attr='value']`, `[prefix:Child]` (present, not empty), `[@attr]`
 * and `[n]` (1-based). A leading `/` starts at
 * the business document's root element. Prefixes are the definition's own (`namespaces`),
 * bound to namespace globs, so one path reads every version of a format.
 */
export type PathNode = XmlElement | XmlAttribute;

interface NameTest {
  prefix: string | null;
  local: string;
}

type Predicate =
  | { kind: 'index'; index: number }
  | { kind: 'child'; name: NameTest; value?: string }
  | { kind: 'attribute'; name: NameTest; value?: string };

interface Step {
  attribute: boolean;
  name: NameTest;
  predicates: Predicate[];
}

export interface CompiledPath {
  source: string;
  absolute: boolean;
  steps: Step[];
}

export class PathSyntaxError extends Error {}

const NAME = /^(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*|\*)$/;

function nameTest(text: string, source: string): NameTest {
  const m = NAME.exec(text.trim());
  if (!m) throw new PathSyntaxError(`bad name "${text}" in path "${source}"`);
  return { prefix: m[1] ?? null, local: m[2] as string };
}

/** Splits on `/` outside predicates. */
function splitSteps(path: string): string[] {
  const steps: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === '[') depth++;
    else if (!quoted && c === ']') depth--;
    else if (!quoted && depth === 0 && c === '/') {
      steps.push(path.slice(start, i));
      start = i + 1;
    }
  }
  steps.push(path.slice(start));
  return steps;
}

function parseStep(text: string, source: string): Step {
  const open = text.indexOf('[');
  const head = open < 0 ? text : text.slice(0, open);
  const attribute = head.startsWith('@');
  const step: Step = {
    attribute,
    name: nameTest(attribute ? head.slice(1) : head, source),
    predicates: [],
  };
  let rest = open < 0 ? '' : text.slice(open);
  while (rest.length > 0) {
    const m = /^\[\s*(?:(\d+)|(@?)([^=\]\s]+)(?:\s*=\s*'([^']*)')?)\s*\]/.exec(rest);
    if (!m) throw new PathSyntaxError(`bad predicate "${rest}" in path "${source}"`);
    if (m[1]) step.predicates.push({ kind: 'index', index: Number(m[1]) });
    else
      step.predicates.push({
        kind: m[2] ? 'attribute' : 'child',
        name: nameTest(m[3] as string, source),
        ...(m[4] !== undefined ? { value: m[4] } : {}),
      });
    rest = rest.slice(m[0].length);
  }
  return step;
}

const compiled = new Map<string, CompiledPath>();

export function compilePath(source: string): CompiledPath {
  let path = compiled.get(source);
  if (path) return path;
  const absolute = source.startsWith('/');
  const body = absolute ? source.slice(1) : source;
  const steps =
    body === '' || body === '.' ? [] : splitSteps(body).map((s) => parseStep(s, source));
  steps.forEach((step, i) => {
    if (step.attribute && i !== steps.length - 1)
      throw new PathSyntaxError(`an attribute step must come last in path "${source}"`);
  });
  path = { source, absolute, steps };
  compiled.set(source, path);
  return path;
}

/** Prefixes a path uses, so lint can say which are not declared. */
export function pathPrefixes(source: string): string[] {
  const prefixes = new Set<string>();
  for (const step of compilePath(source).steps) {
    if (step.name.prefix) prefixes.add(step.name.prefix);
    for (const p of step.predicates)
      if (p.kind !== 'index' && p.name.prefix) prefixes.add(p.name.prefix);
  }
  return [...prefixes];
}

/** Signatures, their objects and encrypted parts are never read as business data. */
export function isOpaque(el: XmlElement): boolean {
  return (
    (el.namespaceURI === DSIG_NS && (el.localName === 'Signature' || el.localName === 'Object')) ||
    (el.namespaceURI === XENC_NS && el.localName === 'EncryptedData')
  );
}

/** The element an attribute a path selected belongs to (attributes do not link back). */
const owners = new WeakMap<XmlAttribute, XmlElement>();

export function ownerOf(attribute: XmlAttribute): XmlElement | undefined {
  return owners.get(attribute);
}

export class PathEvaluator {
  constructor(
    private readonly namespaces: Readonly<Record<string, string>>,
    private readonly root: XmlElement,
  ) {}

  private nsMatches(prefix: string | null, uri: string | null): boolean {
    if (prefix === null) return uri === null;
    const pattern = Object.hasOwn(this.namespaces, prefix) ? this.namespaces[prefix] : undefined;
    if (pattern === undefined || uri === null) return false;
    return matchGlob(pattern, uri) !== undefined;
  }

  private elementMatches(test: NameTest, el: XmlElement): boolean {
    if (test.local !== '*' && test.local !== el.localName) return false;
    if (test.prefix === null && test.local === '*') return true;
    return this.nsMatches(test.prefix, el.namespaceURI);
  }

  private attributeOf(test: NameTest, el: XmlElement): XmlAttribute | undefined {
    return el.attributes.find(
      (a) =>
        (test.local === '*' || a.localName === test.local) &&
        this.nsMatches(test.prefix, a.namespaceURI),
    );
  }

  private children(el: XmlElement): XmlElement[] {
    const out: XmlElement[] = [];
    for (const c of el.children) if (c.kind === 'element' && !isOpaque(c)) out.push(c);
    return out;
  }

  select(context: XmlElement, source: string): PathNode[] {
    const path = compilePath(source);
    let current: XmlElement[] = [path.absolute ? this.root : context];
    for (const step of path.steps) {
      if (step.attribute) {
        const found: XmlAttribute[] = [];
        for (const el of current) {
          const a = this.attributeOf(step.name, el);
          if (a) {
            owners.set(a, el);
            found.push(a);
          }
        }
        return found;
      }
      const next: XmlElement[] = [];
      for (const el of current) {
        let candidates = this.children(el).filter((c) => this.elementMatches(step.name, c));
        for (const p of step.predicates) {
          if (p.kind === 'index') candidates = candidates.slice(p.index - 1, p.index);
          else if (p.kind === 'attribute')
            candidates = candidates.filter((c) => {
              const a = this.attributeOf(p.name, c);
              return a !== undefined && (p.value === undefined || a.value === p.value);
            });
          else
            candidates = candidates.filter((c) =>
              this.children(c).some(
                (g) =>
                  this.elementMatches(p.name, g) &&
                  (p.value === undefined ? directText(g) !== '' : directText(g) === p.value),
              ),
            );
        }
        next.push(...candidates);
      }
      current = next;
      if (current.length === 0) return [];
    }
    return current;
  }
}

/** Text directly inside an element, trimmed (what a leaf holds). */
export function directText(el: XmlElement): string {
  let text = '';
  for (const c of el.children) if (c.kind === 'text') text += c.value;
  return text.trim();
}

export function nodeText(node: PathNode): string {
  return 'kind' in node ? directText(node) : node.value;
}

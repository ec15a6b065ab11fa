/**
 * Property tests: generated well-formed documents canonicalize exactly like xml-crypto on
 * xmldom, canonical form is a fixed point, and no input makes parseXml throw anything but
 * XmlParseError.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalizeToString } from '../../src/xml/c14n.js';
import { XmlParseError } from '../../src/xml/dom.js';
import { parseXml } from '../../src/xml/parse.js';
import { compareWithOracle } from './c14n-oracle.js';

type Model =
  | {
      t: 'el';
      prefix: string | null;
      local: string;
      defaultNs: string | undefined;
      decls: Array<[string, string]>;
      attrs: Array<[string | null, string, string]>;
      children: Model[];
    }
  | { t: 'text' | 'comment' | 'cdata'; v: string };

// Equal-length URIs and lower-case prefixes keep clear of xml-crypto's ordering quirks.
const PREFIX_URI: Record<string, string> = { p: 'urn:n:1', q: 'urn:n:2', r: 'urn:n:3' };
const prefixArb = fc.constantFrom(null, 'p', 'q', 'r');
const textArb = fc
  .array(
    fc.constantFrom('a', 'b', ' ', '&', '<', '>', '"', "'", '\t', '\n', '\r', 'é', '😀', ']'),
    {
      maxLength: 8,
    },
  )
  .map((cs) => cs.join(''));
const commentArb = fc
  .array(fc.constantFrom('a', ' ', '-', 'x', 'é'), { maxLength: 6 })
  .map((cs) => cs.join(''))
  .filter((s) => !s.includes('--') && !s.endsWith('-'));
const cdataArb = fc
  .array(fc.constantFrom('a', '<', '&', ']', '>', ' '), { minLength: 1, maxLength: 6 })
  .map((cs) => cs.join(''))
  .filter((s) => !s.includes(']]>'));

function modelArb(allowUndeclare: boolean): fc.Arbitrary<Model> {
  const defaults = allowUndeclare ? ['urn:n:4', 'urn:n:5', ''] : ['urn:n:4', 'urn:n:5'];
  const tree = fc.letrec<{ el: Model; node: Model }>((tie) => ({
    el: fc.record({
      t: fc.constant('el' as const),
      prefix: prefixArb,
      local: fc.constantFrom('a', 'b', 'c'),
      defaultNs: fc.option(fc.constantFrom(...defaults), { nil: undefined }),
      decls: fc.uniqueArray(
        fc.tuple(fc.constantFrom('p', 'q', 'r'), fc.constantFrom('urn:n:1', 'urn:n:2', 'urn:n:3')),
        { selector: (d) => d[0], maxLength: 2 },
      ),
      attrs: fc.array(fc.tuple(prefixArb, fc.constantFrom('a', 'b', 'id'), textArb), {
        maxLength: 3,
      }),
      children: fc.array(tie('node'), { maxLength: 4 }),
    }),
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({ t: fc.constant('text' as const), v: textArb }),
      fc.record({ t: fc.constant('comment' as const), v: commentArb }),
      fc.record({ t: fc.constant('cdata' as const), v: cdataArb }),
      tie('el'),
    ),
  }));
  return tree.el;
}

function escapeText(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

/** Serializes a model, declaring any prefix it uses that is not yet in scope. */
function serialize(m: Model, scope: ReadonlyMap<string, string> = new Map()): string {
  if (m.t !== 'el') {
    if (m.t === 'text') return escapeText(m.v);
    return m.t === 'comment' ? `<!--${m.v}-->` : `<![CDATA[${m.v}]]>`;
  }
  const local = new Map(scope);
  const decls: string[] = [];
  if (m.defaultNs !== undefined) decls.push(` xmlns="${m.defaultNs}"`);
  for (const [p, uri] of m.decls) {
    decls.push(` xmlns:${p}="${uri}"`);
    local.set(p, uri);
  }
  const bind = (p: string): void => {
    if (!local.has(p)) {
      const uri = PREFIX_URI[p] as string;
      decls.push(` xmlns:${p}="${uri}"`);
      local.set(p, uri);
    }
  };
  if (m.prefix !== null) bind(m.prefix);
  const seen = new Set<string>();
  const attrs: string[] = [];
  for (const [p, name, value] of m.attrs) {
    if (p !== null) bind(p);
    const key = (p === null ? '' : local.get(p)) + ' ' + name;
    if (seen.has(key)) continue;
    seen.add(key);
    attrs.push(` ${p === null ? '' : p + ':'}${name}="${escapeAttr(value)}"`);
  }
  const name = m.prefix === null ? m.local : `${m.prefix}:${m.local}`;
  const body = m.children.map((c) => serialize(c, local)).join('');
  return `<${name}${decls.join('')}${attrs.join('')}>${body}</${name}>`;
}

describe('fuzz: canonicalization', () => {
  it('the generator covers the features under test', () => {
    const samples = fc.sample(modelArb(true), { numRuns: 300, seed: 1 }).map((m) => serialize(m));
    const all = samples.join('\n');
    for (const feature of [
      'xmlns=""',
      'xmlns="urn:n:4"',
      'xmlns:p=',
      '<!--',
      '<![CDATA[',
      '&amp;',
      '&#13;',
      '&quot;',
      '&#9;',
      ' q:',
    ]) {
      expect(all, feature).toContain(feature);
    }
    expect(Math.max(...samples.map((x) => x.length))).toBeGreaterThan(300);
  });

  it('inclusive C14N 1.0 equals xml-crypto for random documents, every subtree', () => {
    fc.assert(
      fc.property(modelArb(true), (m) => {
        compareWithOracle(serialize(m), 'c14n10');
      }),
      { numRuns: 150 },
    );
  });

  it('exclusive C14N equals xml-crypto for random documents, every subtree', () => {
    fc.assert(
      fc.property(modelArb(false), (m) => {
        compareWithOracle(serialize(m), 'exc-c14n');
      }),
      { numRuns: 150 },
    );
  });

  it('canonical form is a fixed point of parse → canonicalize', () => {
    fc.assert(
      fc.property(
        modelArb(true),
        fc.constantFrom('c14n10', 'c14n11', 'exc-c14n' as const),
        fc.boolean(),
        (m, method, withComments) => {
          const once = canonicalizeToString(parseXml(serialize(m)), { method, withComments });
          const twice = canonicalizeToString(parseXml(once), { method, withComments });
          expect(twice).toBe(once);
        },
      ),
      { numRuns: 150 },
    );
  });
});

function onlyParseErrors(input: string | Uint8Array): void {
  try {
    parseXml(input);
  } catch (e) {
    if (!(e instanceof XmlParseError)) throw e;
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.column).toBeGreaterThanOrEqual(1);
  }
}

describe('fuzz: parser robustness', () => {
  it('random bytes only ever raise XmlParseError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), onlyParseErrors), { numRuns: 2000 });
  });

  it('random markup-like strings only ever raise XmlParseError', () => {
    const chars = '<>/?!-[]=&#;:"\' \n\tabxmlnsCDATA\u00e9\ud800\uffff0x41';
    const arb = fc
      .array(fc.integer({ min: 0, max: chars.length - 1 }), { maxLength: 80 })
      .map((ix) => ix.map((i) => chars[i]).join(''));
    fc.assert(fc.property(arb, onlyParseErrors), { numRuns: 3000 });
  });

  it('mutated well-formed documents only ever raise XmlParseError', () => {
    fc.assert(
      fc.property(modelArb(true), fc.nat(), fc.string({ maxLength: 3 }), (m, at, insert) => {
        const xml = serialize(m);
        const k = at % (xml.length + 1);
        onlyParseErrors(xml.slice(0, k) + insert + xml.slice(k + 1));
      }),
      { numRuns: 2000 },
    );
  });
});

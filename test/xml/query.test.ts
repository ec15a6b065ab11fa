import { describe, expect, it } from 'vitest';
import type { XmlElement } from '../../src/xml/dom.js';
import { parseXml, XML_NS } from '../../src/xml/parse.js';
import { elementPath } from '../../src/xml/path.js';
import { SourceLines } from '../../src/xml/source-lines.js';
import {
  attribute,
  buildIdIndex,
  childElements,
  descendants,
  firstChild,
  inScopeNamespaces,
  textContent,
} from '../../src/xml/query.js';

const DS = 'http://www.w3.org/2000/09/xmldsig#';
const doc = parseXml(
  `<r:Root xmlns:r="urn:r" Id="root">
  <r:Item Id="a" xml:id="x1">one<!--c-->two<![CDATA[ three]]></r:Item>
  <r:Item ID="b"><ds:Signature xmlns:ds="${DS}" Id="a"><ds:SignedInfo/></ds:Signature></r:Item>
  <Plain xmlns="" id="p"><r:Item/><Deep><Deeper/></Deep></Plain>
</r:Root>`,
);
const root = doc.root;

describe('query helpers', () => {
  it('childElements filters by namespace and local name', () => {
    expect(childElements(root).map((e) => e.name)).toEqual(['r:Item', 'r:Item', 'Plain']);
    expect(childElements(root, 'urn:r').length).toBe(2);
    expect(childElements(root, null).map((e) => e.name)).toEqual(['Plain']);
    expect(childElements(root, 'urn:r', 'Item').length).toBe(2);
    expect(childElements(root, 'urn:other', 'Item')).toEqual([]);
    expect(childElements(root, undefined, 'Plain').length).toBe(1);
  });

  it('firstChild finds by namespace and local name only', () => {
    const item = childElements(root)[1] as XmlElement;
    expect(firstChild(item, DS, 'Signature')?.name).toBe('ds:Signature');
    expect(firstChild(item, null, 'Signature')).toBeNull();
    expect(firstChild(root, null, 'Plain')?.localName).toBe('Plain');
  });

  it('textContent concatenates text and CDATA, not comments', () => {
    expect(textContent(childElements(root)[0] as XmlElement)).toBe('onetwo three');
    expect(textContent(childElements(root)[2] as XmlElement)).toBe('');
  });

  it('descendants yields elements in document order, iteratively', () => {
    expect([...descendants(root)].map((e) => e.localName)).toEqual([
      'Item',
      'Item',
      'Signature',
      'SignedInfo',
      'Plain',
      'Item',
      'Deep',
      'Deeper',
    ]);
    const deep = parseXml('<a>'.repeat(50_000) + '</a>'.repeat(50_000), { maxDepth: 50_000 });
    expect([...descendants(deep.root)].length).toBe(49_999);
  });

  it('attribute distinguishes namespaces', () => {
    const item = childElements(root)[0] as XmlElement;
    expect(attribute(item, 'Id')).toBe('a');
    expect(attribute(item, 'id')).toBeNull();
    expect(attribute(item, 'id', XML_NS)).toBe('x1');
    expect(attribute(item, 'Id', XML_NS)).toBeNull();
  });

  it('inScopeNamespaces accumulates and honours xmlns=""', () => {
    const sig = firstChild(childElements(root)[1] as XmlElement, DS, 'Signature') as XmlElement;
    expect(Object.fromEntries(inScopeNamespaces(sig))).toEqual({ xml: XML_NS, r: 'urn:r', ds: DS });
    const inner = parseXml('<a xmlns="urn:a"><b xmlns=""/></a>').root.children[0] as XmlElement;
    expect(inScopeNamespaces(inner).has('')).toBe(false);
    expect(inScopeNamespaces(inner.parent as XmlElement).get('')).toBe('urn:a');
  });

  it('buildIdIndex keeps every element per ID (wrapping signal)', () => {
    const index = buildIdIndex(doc);
    expect(index.get('a')?.map((e) => e.localName)).toEqual(['Item', 'Signature']);
    expect(index.get('b')?.length).toBe(1);
    expect(index.get('x1')?.length).toBe(1);
    expect(index.get('p')?.[0]?.localName).toBe('Plain');
    expect(index.get('root')?.[0]).toBe(root);
    expect(index.has('nothing')).toBe(false);
    const only = buildIdIndex(doc, ['ID']);
    expect([...only.keys()]).toEqual(['b']);
    const prefixed = buildIdIndex(parseXml('<a xmlns:w="urn:w" w:Id="q" Id="z"/>'), ['w:Id']);
    expect([...prefixed.keys()]).toEqual(['q']);
    const same = buildIdIndex(parseXml('<a Id="v" ID="v"/>'));
    expect(same.get('v')?.length).toBe(1);
  });
});

describe('path helpers', () => {
  it('elementPath indexes only repeated sibling names', () => {
    const [first, second, plain] = childElements(root) as [XmlElement, XmlElement, XmlElement];
    expect(elementPath(root)).toBe('/r:Root');
    expect(elementPath(first)).toBe('/r:Root/r:Item[1]');
    expect(elementPath(firstChild(second, DS, 'Signature') as XmlElement)).toBe(
      '/r:Root/r:Item[2]/ds:Signature',
    );
    expect(elementPath(childElements(plain)[1] as XmlElement)).toBe('/r:Root/Plain/Deep');
  });

  it('source lines convert offsets, as the nodes give them', () => {
    const d = parseXml('<a>\n<b/>\n\n<c/></a>');
    const lines = new SourceLines(d.source);
    expect(lines.at(0)).toEqual({ line: 1, column: 1, offset: 0 });
    expect(lines.at(4)).toEqual({ line: 2, column: 1, offset: 4 });
    const c = d.root.children[3] as XmlElement;
    expect(lines.at(c.pos.offset)).toEqual(c.pos);
    expect(lines.at(9999).line).toBe(4);
  });
});

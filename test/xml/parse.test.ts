import { describe, expect, it } from 'vitest';
import { XmlParseError, type XmlElement, type XmlText } from '../../src/xml/dom.js';
import { parseXml, XML_NS } from '../../src/xml/parse.js';

function parseError(
  input: string | Uint8Array,
  limits?: Parameters<typeof parseXml>[1],
): XmlParseError {
  try {
    parseXml(input, limits);
  } catch (e) {
    if (e instanceof XmlParseError) return e;
    throw e;
  }
  throw new Error('expected XmlParseError, parse succeeded');
}

const el = (n: unknown): XmlElement => n as XmlElement;

describe('parseXml: tree', () => {
  it('builds elements, namespaces, attributes, text, CDATA, comments and PIs with positions', () => {
    const doc = parseXml(
      '<?xml version="1.0" encoding="UTF-8"?>\n<!--pro-->\n<a xmlns="urn:a" xmlns:p="urn:p" p:x="1" y="2">\n  t<![CDATA[<c>]]><p:b/><?pi  some data?>\n</a>\n<!--epi-->',
    );
    const root = doc.root;
    expect(root.name).toBe('a');
    expect(root.namespaceURI).toBe('urn:a');
    expect(root.namespaces).toEqual([
      { prefix: '', uri: 'urn:a' },
      { prefix: 'p', uri: 'urn:p' },
    ]);
    expect(root.attributes.map((a) => [a.name, a.namespaceURI, a.value])).toEqual([
      ['p:x', 'urn:p', '1'],
      ['y', null, '2'],
    ]);
    expect(root.pos).toEqual({ line: 3, column: 1, offset: 50 });
    expect(root.attributes[1]?.pos.column).toBe(42);
    const kinds = root.children.map((c) => c.kind);
    expect(kinds).toEqual(['text', 'text', 'element', 'pi', 'text']);
    const cdata = root.children[1] as XmlText;
    expect(cdata.value).toBe('<c>');
    expect(cdata.cdata).toBe(true);
    const b = el(root.children[2]);
    expect([b.prefix, b.localName, b.namespaceURI, b.parent]).toEqual(['p', 'b', 'urn:p', root]);
    expect(root.children[3]).toMatchObject({ target: 'pi', data: 'some data' });
    expect(doc.prolog.map((n) => n.kind === 'comment' && n.value)).toEqual(['pro']);
    expect(doc.epilog.map((n) => n.kind === 'comment' && n.value)).toEqual(['epi']);
    expect(root.children[0]?.pos).toEqual({ line: 3, column: 48, offset: 97 });
  });

  it('resolves predefined entities and character references, keeping them as characters', () => {
    const doc = parseXml(
      '<a v="&#x41;&#66;&lt;&amp;&quot;&apos;&gt;&#xA;&#9;&#xD;">&#x41;&#x1F600;&lt;&amp;</a>',
    );
    expect(doc.root.attributes[0]?.value).toBe('AB<&"\'>\n\t\r');
    expect((doc.root.children[0] as XmlText).value).toBe('A\u{1F600}<&');
  });

  it('normalises literal whitespace in attributes and line ends everywhere', () => {
    const doc = parseXml('<a v="x\ty\r\nz\rw">l1\r\nl2\rl3</a>');
    expect(doc.root.attributes[0]?.value).toBe('x y z w');
    expect((doc.root.children[0] as XmlText).value).toBe('l1\nl2\nl3');
    expect(doc.source).toBe('<a v="x\ty\nz\nw">l1\nl2\nl3</a>');
  });

  it('handles default-namespace undeclaration and scope restoration', () => {
    const doc = parseXml('<a xmlns="urn:a"><b xmlns=""><c/></b><d/><e xmlns:q="urn:q"/><q2/></a>');
    const [b, d] = doc.root.children.map(el);
    expect(b?.namespaceURI).toBeNull();
    expect(el(b?.children[0]).namespaceURI).toBeNull();
    expect(d?.namespaceURI).toBe('urn:a');
    expect(parseError('<a><e xmlns:q="urn:q"/><q:x/></a>').message).toMatch(/undeclared/);
  });

  it('binds the xml prefix implicitly', () => {
    const doc = parseXml('<a xml:lang="en" xml:id="i1"/>');
    expect(doc.root.attributes.map((a) => a.namespaceURI)).toEqual([XML_NS, XML_NS]);
  });

  it('decodes bytes: UTF-8 with/without BOM, UTF-16 LE/BE, Latin-1, windows-1251', () => {
    const text = '<?xml version="1.0" encoding="UTF-16"?><a>Привет ü</a>';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    const noBomLe = Buffer.from(text, 'utf16le');
    for (const bytes of [le, be, noBomLe]) {
      expect((parseXml(new Uint8Array(bytes)).root.children[0] as XmlText).value).toBe('Привет ü');
    }
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<a>ü</a>')]);
    expect((parseXml(utf8).root.children[0] as XmlText).value).toBe('ü');
    const latin1 = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><a>\u00fc\u0080</a>',
      'latin1',
    );
    expect((parseXml(latin1).root.children[0] as XmlText).value).toBe('\u00fc\u0080');
    const cp1251 = new Uint8Array([
      ...Buffer.from('<?xml version="1.0" encoding="windows-1251"?><a>'),
      0xcf,
      0xf0,
      ...Buffer.from('</a>'),
    ]);
    expect((parseXml(cp1251).root.children[0] as XmlText).value).toBe('Пр');
  });

  it('parses deep documents without recursion', () => {
    const depth = 100_000;
    const doc = parseXml('<a>'.repeat(depth) + '</a>'.repeat(depth), { maxDepth: depth });
    let d = 0;
    for (let e: XmlElement | undefined = doc.root; e; e = e.children[0] as XmlElement | undefined)
      d++;
    expect(d).toBe(depth);
  });
});

describe('parseXml: errors', () => {
  const cases: Array<[string, string, string, number?, number?]> = [
    ['empty', '', 'empty'],
    ['whitespace only', ' \n\t ', 'empty'],
    [
      'DOCTYPE',
      '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>',
      'dtd-refused',
      1,
      22,
    ],
    ['DOCTYPE inside', '<a><!DOCTYPE a></a>', 'dtd-refused'],
    [
      'billion laughs',
      '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><lolz>&lol2;</lolz>',
      'dtd-refused',
    ],
    ['unknown entity', '<a>&nbsp;</a>', 'not-well-formed', 1, 4],
    ['unterminated reference', '<a>a & b</a>', 'not-well-formed'],
    ['bad char ref', '<a>&#x1;</a>', 'not-well-formed'],
    ['surrogate char ref', '<a>&#xD800;</a>', 'not-well-formed'],
    ['huge char ref', '<a>&#99999999999999999999;</a>', 'not-well-formed'],
    ['malformed char ref', '<a>&#x;</a>', 'not-well-formed'],
    ['mismatched tags', '<a>\n  <b></c></a>', 'not-well-formed', 2, 6],
    ['unclosed', '<a><b></b>', 'not-well-formed'],
    ['duplicate attribute', '<a x="1" x="2"/>', 'not-well-formed', 1, 10],
    [
      'duplicate expanded attribute',
      '<a xmlns:p="u" xmlns:q="u" p:x="1" q:x="2"/>',
      'not-well-formed',
    ],
    ['unquoted attribute', '<a x=1/>', 'not-well-formed'],
    ['< in attribute', '<a x="a<b"/>', 'not-well-formed'],
    ['attribute without space', '<a x="1"y="2"/>', 'not-well-formed'],
    [']]> in text', '<a>x]]>y</a>', 'not-well-formed'],
    ['-- in comment', '<a><!-- a -- b --></a>', 'not-well-formed'],
    ['comment ending in ---', '<a><!-- a ---></a>', 'not-well-formed'],
    ['PI target xml', '<a><?xml version="1.0"?></a>', 'not-well-formed'],
    ['PI target XmL', '<a><?XmL x?></a>', 'not-well-formed'],
    ['late declaration', '\n<?xml version="1.0"?><a/>', 'not-well-formed'],
    ['two roots', '<a/><b/>', 'not-well-formed'],
    ['text after root', '<a/>x', 'not-well-formed'],
    ['text before root', 'x<a/>', 'not-well-formed'],
    ['undeclared element prefix', '<p:a/>', 'not-well-formed'],
    ['undeclared attribute prefix', '<a p:x="1"/>', 'not-well-formed'],
    ['xml prefix rebound', '<a xmlns:xml="urn:x"/>', 'not-well-formed'],
    ['xml namespace to other prefix', `<a xmlns:x="${XML_NS}"/>`, 'not-well-formed'],
    ['xmlns prefix declared', '<a xmlns:xmlns="urn:x"/>', 'not-well-formed'],
    ['xmlns element prefix', '<xmlns:a/>', 'not-well-formed'],
    ['prefix undeclaration', '<a xmlns:p=""/>', 'not-well-formed'],
    ['double colon name', '<a:b:c/>', 'not-well-formed'],
    ['leading colon name', '<:a/>', 'not-well-formed'],
    ['control character', '<a>\u0001</a>', 'not-well-formed'],
    ['lone surrogate', '<a>\uD800</a>', 'not-well-formed'],
    ['U+FFFE', '<a>\uFFFE</a>', 'not-well-formed'],
    ['U+FFFF', '<a>x</a>\n<!--\uFFFF-->', 'not-well-formed', 2, 5],
    ['lone low surrogate', '<a>\uDC00</a>', 'not-well-formed', 1, 4],
    ['high surrogate last', '<a/><!---->\uD83D', 'not-well-formed', 1, 12],
    ['lone surrogate after a pair', '<a>\uD83D\uDE00\uD800x</a>', 'not-well-formed', 1, 6],
    ['control character after a pair', '<a>\uD83D\uDE00\u001F</a>', 'not-well-formed', 1, 6],
    ['CDATA outside root', '<![CDATA[x]]><a/>', 'not-well-formed'],
    ['bad declaration version', '<?xml version="2.0"?><a/>', 'not-well-formed'],
    ['declaration order', '<?xml encoding="UTF-8" version="1.0"?><a/>', 'not-well-formed'],
    ['bad markup', '<a><!FOO></a>', 'not-well-formed'],
  ];
  for (const [label, input, code, line, column] of cases) {
    it(`${label} → ${code}`, () => {
      const e = parseError(input);
      expect(e.code).toBe(code);
      expect(e.message.length).toBeGreaterThan(5);
      if (line !== undefined) expect([e.line, e.column]).toEqual([line, column]);
    });
  }

  it('accepts surrogate pairs, tab, LF and CR anywhere (firstIllegalChar skips them)', () => {
    const doc = parseXml('<a b="\uD83D\uDE00\t">\uD83D\uDE00\r\n\uD800\uDC00x\uDBFF\uDFFF</a>');
    expect(doc.root.attributes[0]?.value).toBe('\uD83D\uDE00 ');
    expect((doc.root.children[0] as { value: string }).value).toBe(
      '\uD83D\uDE00\n\uD800\uDC00x\uDBFF\uDFFF',
    );
  });

  it('refuses bad encodings', () => {
    expect(
      parseError(new Uint8Array([0x3c, 0x61, 0x3e, 0xc3, 0x28, 0x3c, 0x2f, 0x61, 0x3e])).code,
    ).toBe('encoding');
    expect(parseError(Buffer.from('<?xml version="1.0" encoding="EBCDIC"?><a/>')).code).toBe(
      'encoding',
    );
    expect(parseError(Buffer.from('<?xml version="1.0" encoding="UTF-16"?><a/>')).code).toBe(
      'encoding',
    );
    const bomThenLatin = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a/>'),
    ]);
    expect(parseError(bomThenLatin).code).toBe('encoding');
    expect(parseError(new Uint8Array([0, 0, 0xfe, 0xff, 0, 0, 0, 0x3c])).code).toBe('encoding');
    // The invalid byte is located: line 2, column 4.
    const e = parseError(
      Buffer.concat([Buffer.from('<a>\nabc'), Buffer.from([0xff]), Buffer.from('</a>')]),
    );
    expect([e.code, e.line, e.column]).toEqual(['encoding', 2, 4]);
    // An encoded surrogate (ED A0 80) is invalid UTF-8.
    expect(
      parseError(new Uint8Array([0x3c, 0x61, 0x3e, 0xed, 0xa0, 0x80, 0x3c, 0x2f, 0x61, 0x3e])).code,
    ).toBe('encoding');
  });

  it('enforces limits with positions', () => {
    expect(parseError('<a><b><c/></b></a>', { maxDepth: 2 })).toMatchObject({
      code: 'limit',
      line: 1,
      column: 7,
    });
    expect(parseError('<a><b/><b/></a>', { maxElements: 2 })).toMatchObject({
      code: 'limit',
      column: 8,
    });
    expect(parseError('<a x="1" y="2" z="3"/>', { maxAttributesPerElement: 2 })).toMatchObject({
      code: 'limit',
      column: 16,
    });
    expect(parseError('<a>12345</a>', { maxTextLength: 4 })).toMatchObject({
      code: 'limit',
      column: 4,
    });
    expect(parseError('<a x="12345"/>', { maxTextLength: 4 }).code).toBe('limit');
    expect(parseError('<a>ёёё</a>', { maxBytes: 12 }).code).toBe('limit');
    expect(parseError(Buffer.from('<a>xxxxx</a>'), { maxBytes: 5 }).code).toBe('limit');
    // Within the limits the same documents parse.
    expect(parseXml('<a><b><c/></b></a>', { maxDepth: 3 }).root.name).toBe('a');
    expect(parseXml('<a>ёёё</a>', { maxBytes: 13 }).root.name).toBe('a');
  });

  it('refuses deep nesting beyond the default limit without a stack overflow', () => {
    expect(parseError('<a>'.repeat(1_000_000)).code).toBe('limit');
  });
});

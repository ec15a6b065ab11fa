/**
 * Canonicalization against the W3C specifications' own examples (adapted where the original
 * needs a DTD, which corridor refuses) and against signed xmlsec vectors.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  canonicalize,
  canonicalizeInto,
  canonicalizeToString,
  joinUriReferences,
  type C14nOptions,
} from '../../src/xml/c14n.js';
import type { XmlDocument, XmlElement } from '../../src/xml/dom.js';
import { parseXml } from '../../src/xml/parse.js';
import { descendants, firstChild } from '../../src/xml/query.js';

const C14N10: C14nOptions = { method: 'c14n10', withComments: false };
const C14N10C: C14nOptions = { method: 'c14n10', withComments: true };
const C14N11: C14nOptions = { method: 'c14n11', withComments: false };
const EXC: C14nOptions = { method: 'exc-c14n', withComments: false };

function find(doc: XmlDocument, localName: string): XmlElement {
  if (doc.root.localName === localName) return doc.root;
  for (const e of descendants(doc.root)) if (e.localName === localName) return e;
  throw new Error(`no element ${localName}`);
}

describe('C14N 1.0 spec examples', () => {
  it('§3.1 PIs, comments, and outside of document element (DOCTYPE line removed)', () => {
    const input =
      '<?xml version="1.0"?>\n\n<?xml-stylesheet   href="doc.xsl"\n   type="text/xsl"   ?>\n\n' +
      '<doc>Hello, world!<!-- Comment 1 --></doc>\n\n<?pi-without-data     ?>\n\n' +
      '<!-- Comment 2 -->\n\n<!-- Comment 3 -->\n';
    const doc = parseXml(input);
    expect(canonicalizeToString(doc, C14N10)).toBe(
      '<?xml-stylesheet href="doc.xsl"\n   type="text/xsl"   ?>\n<doc>Hello, world!</doc>\n<?pi-without-data?>',
    );
    expect(canonicalizeToString(doc, C14N10C)).toBe(
      '<?xml-stylesheet href="doc.xsl"\n   type="text/xsl"   ?>\n<doc>Hello, world!<!-- Comment 1 --></doc>\n<?pi-without-data?>\n<!-- Comment 2 -->\n<!-- Comment 3 -->',
    );
  });

  it('§3.2 whitespace in document content is kept', () => {
    const input =
      '<doc>\n   <clean>   </clean>\n   <dirty>   A   B   </dirty>\n   <mixed>\n      A\n      <clean>   </clean>\n      B\n      <dirty>   A   B   </dirty>\n      C\n   </mixed>\n</doc>';
    expect(canonicalizeToString(parseXml(input), C14N10)).toBe(input);
  });

  it('§3.3 start and end tags (without the DTD default attribute on e9)', () => {
    const input = `<doc>
   <e1   />
   <e2   ></e2>
   <e3   name = "elem3"   id="elem3"   />
   <e4   name="elem4"   id="elem4"   ></e4>
   <e5 a:attr="out" b:attr="sorted" attr2="all" attr="I'm"
      xmlns:b="http://www.ietf.org"
      xmlns:a="http://www.w3.org"
      xmlns="http://example.org"/>
   <e6 xmlns="" xmlns:a="http://www.w3.org">
      <e7 xmlns="http://www.ietf.org">
         <e8 xmlns="" xmlns:a="http://www.w3.org">
            <e9 xmlns="" xmlns:a="http://www.ietf.org"/>
         </e8>
      </e7>
   </e6>
</doc>`;
    expect(canonicalizeToString(parseXml(input), C14N10)).toBe(`<doc>
   <e1></e1>
   <e2></e2>
   <e3 id="elem3" name="elem3"></e3>
   <e4 id="elem4" name="elem4"></e4>
   <e5 xmlns="http://example.org" xmlns:a="http://www.w3.org" xmlns:b="http://www.ietf.org" attr="I'm" attr2="all" b:attr="sorted" a:attr="out"></e5>
   <e6 xmlns:a="http://www.w3.org">
      <e7 xmlns="http://www.ietf.org">
         <e8 xmlns="">
            <e9 xmlns:a="http://www.ietf.org"></e9>
         </e8>
      </e7>
   </e6>
</doc>`);
  });

  it('§3.4 character modifications and character references (CDATA-typed attributes)', () => {
    const input = `<doc>
   <text>First line&#x0d;&#10;Second line</text>
   <value>&#x32;</value>
   <compute><![CDATA[value>"0" && value<"10" ?"valid":"error"]]></compute>
   <compute expr='value>"0" &amp;&amp; value&lt;"10" ?"valid":"error"'>valid</compute>
   <norm attr=' &apos;   &#x20;&#13;&#xa;&#9;   &apos; '/>
   <normNames attr='   A   &#x20;&#13;&#xa;&#9;   B   '/>
</doc>`;
    expect(canonicalizeToString(parseXml(input), C14N10)).toBe(`<doc>
   <text>First line&#xD;
Second line</text>
   <value>2</value>
   <compute>value&gt;"0" &amp;&amp; value&lt;"10" ?"valid":"error"</compute>
   <compute expr="value>&quot;0&quot; &amp;&amp; value&lt;&quot;10&quot; ?&quot;valid&quot;:&quot;error&quot;">valid</compute>
   <norm attr=" '    &#xD;&#xA;&#x9;   ' "></norm>
   <normNames attr="   A    &#xD;&#xA;&#x9;   B   "></normNames>
</doc>`);
  });

  it('§3.6 UTF-8 encoding of the output', () => {
    const bytes = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><doc>&#169;</doc>',
      'latin1',
    );
    expect([...canonicalize(parseXml(bytes), C14N10)]).toEqual([
      ...Buffer.from('<doc>'),
      0xc2,
      0xa9,
      ...Buffer.from('</doc>'),
    ]);
  });

  it('§3.7 document subset: e3 as apex inherits namespaces and xml:space of omitted ancestors', () => {
    // The spec's DTD default xml:space='preserve' on e2 is written explicitly here.
    const doc = parseXml(`<doc xmlns="http://www.ietf.org" xmlns:w3c="http://www.w3.org">
   <e1>
      <e2 xmlns="" xml:space="preserve">
         <e3 id="E3"/>
      </e2>
   </e1>
</doc>`);
    expect(canonicalizeToString(find(doc, 'e3'), C14N10)).toBe(
      '<e3 xmlns:w3c="http://www.w3.org" id="E3" xml:space="preserve"></e3>',
    );
    expect(canonicalizeToString(find(doc, 'e1'), C14N10)).toBe(
      `<e1 xmlns="http://www.ietf.org" xmlns:w3c="http://www.w3.org">
      <e2 xmlns="" xml:space="preserve">
         <e3 id="E3"></e3>
      </e2>
   </e1>`,
    );
  });
});

describe('C14N 1.1 xml:* attributes of document subsets', () => {
  const doc =
    parseXml(`<doc xmlns="http://www.ietf.org" xmlns:w3c="http://www.w3.org" xml:base="http://www.example.com/something/else" xml:lang="en">
   <e1>
      <e2 xmlns="" xml:id="E2" xml:base="../bar/" xml:space="preserve">
         <e3 id="E3" xml:base="foo"/>
         <e4 id="E4"/>
      </e2>
   </e1>
</doc>`);

  it('1.0 inherits every xml:* attribute, xml:id and xml:base included, verbatim', () => {
    expect(canonicalizeToString(find(doc, 'e4'), C14N10)).toBe(
      '<e4 xmlns:w3c="http://www.w3.org" id="E4" xml:base="../bar/" xml:id="E2" xml:lang="en" xml:space="preserve"></e4>',
    );
  });

  it('1.1 does not inherit xml:id and joins xml:base', () => {
    expect(canonicalizeToString(find(doc, 'e4'), C14N11)).toBe(
      '<e4 xmlns:w3c="http://www.w3.org" id="E4" xml:base="http://www.example.com/bar/" xml:lang="en" xml:space="preserve"></e4>',
    );
    expect(canonicalizeToString(find(doc, 'e3'), C14N11)).toBe(
      '<e3 xmlns:w3c="http://www.w3.org" id="E3" xml:base="http://www.example.com/bar/foo" xml:lang="en" xml:space="preserve"></e3>',
    );
    // The apex's own xml:id stays; only inheritance is dropped.
    expect(canonicalizeToString(find(doc, 'e2'), C14N11)).toContain('xml:id="E2"');
  });

  it('whole documents are the same in 1.0 and 1.1', () => {
    expect(canonicalizeToString(doc, C14N11)).toBe(canonicalizeToString(doc, C14N10));
  });

  it('joins relative and absolute references (RFC 3986 §5.2, leading .. kept)', () => {
    expect(joinUriReferences(['http://a/b/c/d;p?q', 'g'])).toBe('http://a/b/c/g');
    expect(joinUriReferences(['http://a/b/c/d;p?q', '../../g'])).toBe('http://a/g');
    expect(joinUriReferences(['http://a/b/c/d;p?q', '//g'])).toBe('//g'.replace('//g', 'http://g'));
    expect(joinUriReferences(['http://a/b/c/d;p?q', '?y'])).toBe('http://a/b/c/d;p?y');
    expect(joinUriReferences(['http://a/b/c/d;p?q', '.'])).toBe('http://a/b/c/');
    expect(joinUriReferences(['foo/bar', '..', '..', 'x'])).toBe('../x');
    expect(joinUriReferences(['a/', 'b/', 'c'])).toBe('a/b/c');
    expect(joinUriReferences(['http://x/y/', 'ftp://z/w'])).toBe('ftp://z/w');
  });
});

describe('Exclusive C14N spec examples (§2.2)', () => {
  const first = parseXml(`<n0:local xmlns:n0="foo:bar" xmlns:n3="ftp://example.org">
   <n1:elem2 xmlns:n1="http://example.net" xml:lang="en">
       <n3:stuff xmlns:n3="ftp://example.org"/>
   </n1:elem2>
</n0:local>`);
  const second =
    parseXml(`<n2:pdu xmlns:n1="http://example.com" xmlns:n2="http://foo.example" xml:lang="fr" xml:space="retain">
   <n1:elem2 xmlns:n1="http://example.net" xml:lang="en">
       <n3:stuff xmlns:n3="ftp://example.org"/>
   </n1:elem2>
</n2:pdu>`);

  it('inclusive C14N imports the context namespaces and xml:* attributes', () => {
    expect(canonicalizeToString(find(first, 'elem2'), C14N10)).toBe(
      `<n1:elem2 xmlns:n0="foo:bar" xmlns:n1="http://example.net" xmlns:n3="ftp://example.org" xml:lang="en">
       <n3:stuff></n3:stuff>
   </n1:elem2>`,
    );
    expect(canonicalizeToString(find(second, 'elem2'), C14N10)).toBe(
      `<n1:elem2 xmlns:n1="http://example.net" xmlns:n2="http://foo.example" xml:lang="en" xml:space="retain">
       <n3:stuff xmlns:n3="ftp://example.org"></n3:stuff>
   </n1:elem2>`,
    );
  });

  it('exclusive C14N gives the same bytes for both contexts', () => {
    const expected = `<n1:elem2 xmlns:n1="http://example.net" xml:lang="en">
       <n3:stuff xmlns:n3="ftp://example.org"></n3:stuff>
   </n1:elem2>`;
    expect(canonicalizeToString(find(first, 'elem2'), EXC)).toBe(expected);
    expect(canonicalizeToString(find(second, 'elem2'), EXC)).toBe(expected);
  });

  it('InclusiveNamespaces PrefixList renders listed prefixes as inclusive C14N would', () => {
    const opts: C14nOptions = { ...EXC, inclusiveNamespacesPrefixes: ['n0', 'n3'] };
    expect(canonicalizeToString(find(first, 'elem2'), opts)).toBe(
      `<n1:elem2 xmlns:n0="foo:bar" xmlns:n1="http://example.net" xmlns:n3="ftp://example.org" xml:lang="en">
       <n3:stuff></n3:stuff>
   </n1:elem2>`,
    );
    const doc = parseXml(
      '<r xmlns="urn:d" xmlns:u="urn:u"><p:x xmlns:p="urn:p"><y xmlns=""/></p:x></r>',
    );
    const x = find(doc, 'x');
    expect(canonicalizeToString(x, EXC)).toBe('<p:x xmlns:p="urn:p"><y></y></p:x>');
    expect(
      canonicalizeToString(x, { ...EXC, inclusiveNamespacesPrefixes: ['#default', 'u'] }),
    ).toBe('<p:x xmlns="urn:d" xmlns:p="urn:p" xmlns:u="urn:u"><y xmlns=""></y></p:x>');
    // A listed prefix that is not in scope renders nothing.
    expect(canonicalizeToString(x, { ...EXC, inclusiveNamespacesPrefixes: ['zz'] })).toBe(
      '<p:x xmlns:p="urn:p"><y></y></p:x>',
    );
  });

  it('renders xmlns="" only when an output ancestor rendered a default namespace', () => {
    const doc = parseXml('<r xmlns="urn:d"><a xmlns=""><b><c xmlns="urn:e"/></b></a></r>');
    expect(canonicalizeToString(doc, EXC)).toBe(
      '<r xmlns="urn:d"><a xmlns=""><b><c xmlns="urn:e"></c></b></a></r>',
    );
    expect(canonicalizeToString(find(doc, 'a'), EXC)).toBe('<a><b><c xmlns="urn:e"></c></b></a>');
    expect(canonicalizeToString(find(doc, 'a'), C14N10)).toBe(
      '<a><b><c xmlns="urn:e"></c></b></a>',
    );
  });
});

describe('canonical details', () => {
  it('escapes text and attributes exactly', () => {
    const doc = parseXml(
      '<r a="&lt;&amp;&quot;&#9;&#10;&#13;&gt;\'">&amp;&lt;&gt;&#13;"\'<![CDATA[<&>]]></r>',
    );
    expect(canonicalizeToString(doc, C14N10)).toBe(
      '<r a="&lt;&amp;&quot;&#x9;&#xA;&#xD;>\'">&amp;&lt;&gt;&#xD;"\'&lt;&amp;&gt;</r>',
    );
  });

  it('sorts attributes by namespace URI then local name, by code point', () => {
    const doc = parseXml(
      '<r xmlns:z="urn:a" xmlns:a="urn:ab" xmlns:B="urn:b" a:c="1" z:z="2" b="3" B:a="4" A="5" \u{10000}="6" \uF900="7"/>',
    );
    expect(canonicalizeToString(doc, C14N10)).toBe(
      '<r xmlns:B="urn:b" xmlns:a="urn:ab" xmlns:z="urn:a" A="5" b="3" \uF900="7" \u{10000}="6" z:z="2" a:c="1" B:a="4"></r>',
    );
  });

  it('never declares the xml prefix, even when an element uses it', () => {
    const doc = parseXml('<r><xml:a xml:lang="en"/></r>');
    expect(canonicalizeToString(doc, EXC)).toBe('<r><xml:a xml:lang="en"></xml:a></r>');
    expect(canonicalizeToString(doc, C14N10)).toBe('<r><xml:a xml:lang="en"></xml:a></r>');
  });

  it('omits superfluous declarations and never renders the xml namespace', () => {
    const doc = parseXml(
      '<r xmlns="urn:d" xmlns:p="urn:p" xmlns:xml="http://www.w3.org/XML/1998/namespace"><p:a xmlns:p="urn:p" xmlns="urn:d"><b xmlns:p="urn:q"/></p:a></r>',
    );
    expect(canonicalizeToString(doc, C14N10)).toBe(
      '<r xmlns="urn:d" xmlns:p="urn:p"><p:a><b xmlns:p="urn:q"></b></p:a></r>',
    );
  });

  it('excludes subtrees (enveloped signature) and whole targets', () => {
    const doc = parseXml('<r><keep>1</keep><drop><x/></drop><keep>2</keep></r>');
    const exclude = (e: XmlElement): boolean => e.localName === 'drop';
    expect(canonicalizeToString(doc, { ...C14N10, exclude })).toBe(
      '<r><keep>1</keep><keep>2</keep></r>',
    );
    expect(canonicalizeToString(find(doc, 'drop'), { ...C14N10, exclude })).toBe('');
  });

  it('keeps PIs inside elements and comments only with comments', () => {
    const doc = parseXml('<r><?p  d ?><!--c--><?q?></r>');
    expect(canonicalizeToString(doc, C14N10)).toBe('<r><?p d ?><?q?></r>');
    expect(canonicalizeToString(doc, C14N10C)).toBe('<r><?p d ?><!--c--><?q?></r>');
  });

  it('handles very deep trees iteratively', () => {
    const depth = 100_000;
    const doc = parseXml('<a>'.repeat(depth) + '</a>'.repeat(depth), { maxDepth: depth });
    const out = canonicalizeToString(doc, C14N10);
    expect(out.length).toBe(depth * 7);
  });
});

describe('xmlsec vectors', () => {
  const DS = 'http://www.w3.org/2000/09/xmldsig#';
  const dir = new URL('../vectors/xmlsec/', import.meta.url).pathname;
  const vectors: Array<[string, string | null, string | null]> = [
    ['enveloped-sha256-ecdsa-sha256.xml', 'sha256', 'ec-prime256v1-pubkey.pem'],
    ['enveloped-sha256-rsa-pss-sha256.xml', 'sha256', 'rsa-4096-pubkey.pem'],
    ['enveloped-sha1-rsa-sha1.xml', 'sha1', 'rsa-4096-pubkey.pem'],
  ];
  for (const [file, digest, key] of vectors) {
    it(`${file}: referenced data digest and SignedInfo signature`, () => {
      const doc = parseXml(readFileSync(dir + file));
      const signature = firstChild(doc.root, DS, 'Signature') as XmlElement;
      const signedInfo = firstChild(signature, DS, 'SignedInfo') as XmlElement;
      const reference = firstChild(signedInfo, DS, 'Reference') as XmlElement;
      const digestValue = firstChild(reference, DS, 'DigestValue') as XmlElement;
      const expected = (digestValue.children[0] as { value: string }).value.trim();
      const data = canonicalize(doc, {
        ...C14N10,
        exclude: (e) => e.namespaceURI === DS && e.localName === 'Signature',
      });
      expect(
        createHash(digest as string)
          .update(data)
          .digest('base64'),
      ).toBe(expected);
      // Tampering with the data changes the digest (the check above can fail).
      const tampered = parseXml(readFileSync(dir + file, 'utf8').replace('Hello', 'Hallo'));
      const other = canonicalize(tampered, {
        ...C14N10,
        exclude: (e) => e.localName === 'Signature',
      });
      expect(
        createHash(digest as string)
          .update(other)
          .digest('base64'),
      ).not.toBe(expected);

      const si = canonicalize(signedInfo, C14N10);
      const sigValue = firstChild(signature, DS, 'SignatureValue') as XmlElement;
      const sigBytes = Buffer.from(
        (sigValue.children[0] as { value: string }).value.replace(/\s+/g, ''),
        'base64',
      );
      const publicKey = createPublicKey(readFileSync(dir + 'keys/' + (key as string)));
      const check = (bytes: Uint8Array): boolean =>
        file.includes('ecdsa')
          ? verify('sha256', bytes, { key: publicKey, dsaEncoding: 'ieee-p1363' }, sigBytes)
          : file.includes('pss')
            ? verify('sha256', bytes, { key: publicKey, padding: 6, saltLength: 32 }, sigBytes)
            : verify('sha1', bytes, publicKey, sigBytes);
      expect(check(si)).toBe(true);
      // One flipped bit in the canonical SignedInfo must fail, so the check above can fail.
      const broken = Uint8Array.from(si);
      broken[10] = (broken[10] as number) ^ 1;
      expect(check(broken)).toBe(false);
      // Exclusive C14N drops the unused xmlns:dsig on XPath: other bytes, no longer verifies.
      expect(check(canonicalize(signedInfo, EXC))).toBe(false);
    });
  }
});

describe('canonicalizeInto (straight into a digest)', () => {
  it('hands over, in chunks, exactly the bytes canonicalize returns', () => {
    const lines = Array.from(
      { length: 400 },
      (_, n) =>
        `  <p:Line no="${n}" b='x"y' xmlns:q="urn:q">é &amp; &lt;中 ${'\u{1F600}'.repeat(n % 3)}</p:Line>`,
    );
    const doc = parseXml(
      `<!-- c -->\n<p:Doc xmlns:p="urn:p">\n${lines.join('\n')}\n</p:Doc>\n<?pi x?>`,
    );
    for (const method of ['c14n10', 'c14n11', 'exc-c14n'] as const) {
      for (const target of [doc, doc.root]) {
        const options = { method, withComments: true };
        const chunks: Uint8Array[] = [];
        canonicalizeInto(target, options, (chunk) => chunks.push(chunk.slice()));
        expect(chunks.length).toBeGreaterThan(1);
        expect(Buffer.concat(chunks)).toEqual(Buffer.from(canonicalize(target, options)));
      }
    }
  });
});

/**
 * Differential tests: corridor's canonicalizer against xml-crypto's on xmldom, for whole
 * documents and every element subtree, with and without comments, plus excluded subtrees.
 */
import { describe, expect, it } from 'vitest';
import { canonicalizeToString } from '../../src/xml/c14n.js';
import type { XmlElement } from '../../src/xml/dom.js';
import { parseXml } from '../../src/xml/parse.js';
import { compareWithOracle, oracleCanonicalize } from './c14n-oracle.js';

const DOCUMENTS: Array<[string, string]> = [
  [
    'namespaces everywhere',
    `<a:root xmlns:a="urn:aa" xmlns:b="urn:bb" xmlns="urn:dd" b:x="1" y="2">
  <child a:z="3" b:w="4"><b:leaf/><a:leaf xmlns:a="urn:aa"/><c:x xmlns:c="urn:cc" c:k="v"/></child>
  <b:rebound xmlns:b="urn:b2"><b:in b:q="1"/></b:rebound>
  <plain xmlns:unused="urn:uu"><deeper><unused:u/></deeper></plain>
</a:root>`,
  ],
  [
    'default namespace changes',
    `<root xmlns="urn:d1"><in xmlns="urn:d2"><back xmlns="urn:d1"/></in><p:x xmlns:p="urn:p"><y/></p:x></root>`,
  ],
  [
    'comments and CDATA',
    `<r><!-- one --><a>text<![CDATA[ <cdata> & ]]>more</a><!--two--><b><!----></b></r>`,
  ],
  [
    'character references and escapes',
    `<r a="&lt;&amp;&quot;&#9;&#10;&#13;&gt;'" b='"quoted"'>&#x41;&#x1F600;&#13;&#10;&amp;&lt;&gt;"'&#xE9;<e x="&#x20;&#x9;"/></r>`,
  ],
  [
    'signature-like structure',
    `<doc:Envelope xmlns:doc="urn:doc" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="e">
  <doc:Body Id="b">payload &amp; more</doc:Body>
  <ds:Signature><ds:SignedInfo><ds:Reference URI="#b"><ds:DigestValue>abc=</ds:DigestValue></ds:Reference></ds:SignedInfo>
  <ds:SignatureValue>xyz</ds:SignatureValue></ds:Signature>
</doc:Envelope>`,
  ],
];

describe('c14n differential against xml-crypto', () => {
  for (const [label, xml] of DOCUMENTS) {
    for (const method of ['c14n10', 'exc-c14n'] as const) {
      it(`${label}: ${method}, every subtree, with and without comments`, () => {
        expect(compareWithOracle(xml, method)).toBeGreaterThan(1);
      });
    }
  }

  it('excluded subtrees (enveloped signature) match removal from the DOM', () => {
    const xml = (DOCUMENTS[4] as [string, string])[1];
    expect(compareWithOracle(xml, 'c14n10', 'Signature')).toBeGreaterThan(1);
    expect(compareWithOracle(xml, 'exc-c14n', 'Signature')).toBeGreaterThan(1);
    expect(
      compareWithOracle((DOCUMENTS[0] as [string, string])[1], 'c14n10', 'child'),
    ).toBeGreaterThan(1);
  });

  it('default namespace undeclaration (inclusive)', () => {
    const xml = `<root xmlns="urn:d"><in xmlns=""><deep/><p:q xmlns:p="urn:p"/></in><back/></root>`;
    expect(compareWithOracle(xml, 'c14n10')).toBeGreaterThan(1);
  });

  it('detects a difference (the comparison can fail)', () => {
    const xml = '<r xmlns:p="urn:p"><p:a/></r>';
    const oracle = oracleCanonicalize(xml, { method: 'exc-c14n', withComments: false, apex: 1 });
    const inclusive = canonicalizeToString(parseXml(xml).root.children[0] as XmlElement, {
      method: 'c14n10',
      withComments: false,
    });
    expect(oracle).toBe('<p:a xmlns:p="urn:p"></p:a>');
    expect(inclusive).toBe(oracle);
    const xml2 = '<r xmlns:p="urn:p" xmlns:q="urn:q"><p:a/></r>';
    expect(
      canonicalizeToString(parseXml(xml2).root.children[0] as XmlElement, {
        method: 'c14n10',
        withComments: false,
      }),
    ).not.toBe(oracleCanonicalize(xml2, { method: 'exc-c14n', withComments: false, apex: 1 }));
  });
});

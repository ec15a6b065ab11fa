/**
 * Transform chain planning: what corridor runs (XPath and XPath Filter 2.0 as node-set filters)
 * and what it refuses by design (XSLT) or cannot read — never skipped. The base64 and SMEV transforms are checked
 * end to end on outside documents (dss-xades.test.ts, smev3.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { allAlgorithms } from '../../src/algorithms/registry.js';
import { dsigChild } from '../../src/signature/dsig-elements.js';
import { planTransforms } from '../../src/signature/transforms.js';
import { parseXml } from '../../src/xml/parse.js';

const DS = 'http://www.w3.org/2000/09/xmldsig#';
function plan(transforms: string) {
  const doc = parseXml(
    `<ds:Signature xmlns:ds="${DS}"><ds:SignedInfo><ds:Reference URI=""><ds:Transforms>${transforms}</ds:Transforms></ds:Reference></ds:SignedInfo></ds:Signature>`,
  );
  const reference = dsigChild(dsigChild(doc.root, 'SignedInfo')!, 'Reference')!;
  return planTransforms(reference, doc.root);
}

describe('planTransforms', () => {
  it('runs exactly the transforms the catalogue lists as verifiable', () => {
    // Each transform with the minimal content it needs (XPath: an expression selecting all).
    const body: Record<string, string> = {
      'http://www.w3.org/TR/1999/REC-xpath-19991116': '<ds:XPath>self::node()</ds:XPath>',
      'http://www.w3.org/2002/06/xmldsig-filter2':
        '<f:XPath xmlns:f="http://www.w3.org/2002/06/xmldsig-filter2" Filter="union">/</f:XPath>',
    };
    const transforms = allAlgorithms('transform');
    expect(transforms.length).toBeGreaterThan(5);
    for (const entry of transforms) {
      const uri = entry.uris[0]!;
      const planned = plan(`<ds:Transform Algorithm="${uri}">${body[uri] ?? ''}</ds:Transform>`);
      expect({ id: entry.id, runs: 'steps' in planned }).toEqual({
        id: entry.id,
        runs: entry.verifiable,
      });
    }
  });

  it('runs base64, exclusive C14N then the SMEV transform, in order', () => {
    const steps = (p: ReturnType<typeof plan>) => ('steps' in p ? p.steps.map((s) => s.kind) : p);
    expect(steps(plan(`<ds:Transform Algorithm="${DS}base64"/>`))).toEqual(['base64']);
    expect(
      steps(
        plan(
          '<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:Transform Algorithm="urn://smev-gov-ru/xmldsig/transform"/>',
        ),
      ),
    ).toEqual(['c14n', 'smev']);
  });

  it('refuses XSLT by design, with a problem that says so', () => {
    const p = plan('<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xslt-19991116"/>');
    expect(p).toMatchObject({ ruleId: 'xmldsig/unsupported-transform' });
    expect('message' in p ? p.message : '').toMatch(/XSLT transform refused/);
  });

  it('plans XPath Filter 2.0 as a node-set filter, and refuses an unknown Filter operation', () => {
    const p = plan(
      '<ds:Transform Algorithm="http://www.w3.org/2002/06/xmldsig-filter2"><XPath xmlns="http://www.w3.org/2002/06/xmldsig-filter2" Filter="subtract">//X</XPath></ds:Transform>',
    );
    expect('filters' in p ? p.filters.map((f) => f.kind) : p).toEqual(['filter2']);
    const bad = plan(
      '<ds:Transform Algorithm="http://www.w3.org/2002/06/xmldsig-filter2"><XPath xmlns="http://www.w3.org/2002/06/xmldsig-filter2" Filter="except">//X</XPath></ds:Transform>',
    );
    expect(bad).toMatchObject({ ruleId: 'xmldsig/unsupported-transform' });
    const none = plan('<ds:Transform Algorithm="http://www.w3.org/2002/06/xmldsig-filter2"/>');
    expect(none).toMatchObject({ ruleId: 'xmldsig/unsupported-transform' });
  });

  it('plans a general XPath as a filter, keeps the fast path, refuses what does not parse', () => {
    const xpath = (expression: string) =>
      plan(
        `<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116"><ds:XPath>${expression}</ds:XPath></ds:Transform>`,
      );
    const fast = xpath('not(ancestor-or-self::ds:Signature)');
    expect('filters' in fast ? fast.filters : fast).toEqual([]);
    const general = xpath('ancestor-or-self::ds:Object');
    expect('filters' in general ? general.filters.map((f) => f.kind) : general).toEqual(['xpath']);
    expect(xpath('ancestor-or-self::[')).toMatchObject({
      ruleId: 'xmldsig/unsupported-transform',
    });
  });

  it('refuses a node-set filter after octets were produced', () => {
    const p = plan(
      `<ds:Transform Algorithm="${DS}base64"/><ds:Transform Algorithm="${DS}enveloped-signature"/>`,
    );
    expect(p).toMatchObject({ ruleId: 'xmldsig/unsupported-transform' });
  });
});

/**
 * The XPath transform and XPath Filter 2.0 on documents nobody on this project wrote: the W3C
 * interop vectors in xmlsec's suite (test/vectors/xmlsec/README.md). merlin-c14n-three ships the
 * canonical form of each of its 27 References, so the subset canonicalizer is checked byte for
 * byte, not only through digests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dsigChild, dsigChildren, signatureElements } from '../../src/signature/dsig-elements.js';
import { referenceOctets } from '../../src/signature/reference-octets.js';
import { resolveReference } from '../../src/signature/resolve.js';
import { planTransforms } from '../../src/signature/transforms.js';
import { verifyDocument } from '../../src/signature/verify.js';
import { parseXml } from '../../src/xml/parse.js';

const VECTORS = join(import.meta.dirname, '../vectors/xmlsec');
const read = (path: string) => readFileSync(join(VECTORS, path), 'utf8');
const AS_OF = new Date('2005-01-01T00:00:00Z');

function verify(xml: string) {
  const [verification] = verifyDocument(parseXml(xml), { asOf: AS_OF });
  if (!verification) throw new Error('no signature');
  return verification;
}

/** The octets each Reference of the first signature digests, as corridor computes them. */
function referenceOutputs(xml: string): string[] {
  const doc = parseXml(xml);
  const signature = signatureElements(doc.root)[0]!;
  return dsigChildren(dsigChild(signature, 'SignedInfo')!, 'Reference').map((reference) => {
    const plan = planTransforms(reference, signature);
    if ('ruleId' in plan) throw new Error(plan.message);
    const resolved = resolveReference(
      doc,
      reference.attributes.find((a) => a.name === 'URI')!.value,
    );
    if (resolved.kind !== 'document' && resolved.kind !== 'element') throw new Error(resolved.kind);
    const target = resolved.kind === 'document' ? doc : resolved.element;
    return new TextDecoder().decode(referenceOctets({ kind: 'nodes', doc, target }, plan));
  });
}

describe('XPath transform (W3C merlin-c14n-three: namespace axis subsets)', () => {
  const xml = read('merlin-c14n-three/signature.xml');

  it('renders each of the 27 XPath node-sets byte for byte as the vector, in C14N and Exc-C14N', () => {
    const outputs = referenceOutputs(xml);
    expect(outputs).toHaveLength(27);
    outputs.forEach((output, k) => {
      expect(output, `Reference ${k}`).toBe(read(`merlin-c14n-three/c14n-${k}.txt`));
    });
  });

  it('verifies; a change inside the selected subtree breaks it, one outside does not', () => {
    const verification = verify(xml);
    expect(verification.valid).toBe(true);
    expect(verification.references?.every((r) => r.digestValid === true)).toBe(true);

    const inside = verify(xml.replace('<baz:Something />', '<baz:Something/> '));
    expect(inside.valid).toBe(false);
    expect(inside.references?.some((r) => r.digestValid === false)).toBe(true);

    const outside = verify(xml.replace('xml:lang="en-ie">', 'xml:lang="en-ie" unrelated="x">'));
    expect(outside.valid).toBe(true);
  });

  it('narrows the signed scope to what the expressions keep whole', () => {
    const scope = verify(xml).scope;
    expect(scope?.kind).toBe('elements');
    expect(scope?.paths).not.toContain('/foo:Root');
  });
});

describe('XPath transform with here() (phaos-xmldsig-three)', () => {
  const xml = read('phaos-xmldsig-three/signature-rsa-xpath-transform-enveloped.xml');

  it('verifies the enveloped form written as count(… | here()/ancestor::dsig:Signature[1])', () => {
    const verification = verify(xml);
    expect(verification.references?.[0]?.digestValid).toBe(true);
    expect(verification.valid).toBe(true);
    // It removes only the signature: the whole document is signed.
    expect(verification.scope?.kind).toBe('document');
  });

  it('fails when one character of the document changes', () => {
    const tampered = xml.replace(/<player([^>]*)>/, '<player$1> ');
    expect(tampered).not.toBe(xml);
    expect(verify(tampered).valid).toBe(false);
  });
});

describe('XPath Filter 2.0 (W3C merlin-xpath-filter2-three)', () => {
  const xml = read('merlin-xpath-filter2-three/sign-spec.xml');

  it('applies intersect, subtract and union in order: the node-set is the vector’s', () => {
    const [first, second] = referenceOutputs(xml);
    expect(first).toBe(read('merlin-xpath-filter2-three/sign-spec-c14n-0.txt'));
    // URI="#signature-value" inside the enveloped signature: an empty node-set.
    expect(second).toBe(read('merlin-xpath-filter2-three/sign-spec-c14n-1.txt'));
  });

  it('verifies, and signs only the elements the filters keep', () => {
    const verification = verify(xml);
    expect(verification.valid).toBe(true);
    expect(verification.scope).toMatchObject({
      kind: 'elements',
      paths: expect.arrayContaining([
        '/Document/ToBeSigned[1]/Data',
        '/Document/ToBeSigned[1]/NotToBeSigned/ReallyToBeSigned',
        '/Document/ToBeSigned[2]/Data',
      ]),
    });
    expect(verification.scope?.paths.some((p) => p.endsWith('/NotToBeSigned'))).toBe(false);
  });

  it('a change in selected content breaks it; a change in subtracted content does not', () => {
    // ToBeSigned[1]/Data is kept; ToBeSigned[2]/NotToBeSigned/Data is subtracted.
    const selected = xml.replace('<Data />', '<Data a="1"/>');
    expect(verify(selected).valid).toBe(false);
    const last = xml.lastIndexOf('<Data />');
    const subtracted = `${xml.slice(0, last)}<Data a="1"/>${xml.slice(last + '<Data />'.length)}`;
    expect(verify(subtracted).valid).toBe(true);
    // Content added outside every ToBeSigned is not selected either.
    expect(verify(xml.replace('<Document>', '<Document><Extra/>')).valid).toBe(true);
  });
});

describe('XPointer references (W3C merlin-exc-c14n-one)', () => {
  const xml = read('merlin-exc-c14n-one/exc-signature.xml');

  it('#xpointer(id(…)) names the element with its comments: the WithComments digests match', () => {
    const verification = verify(xml);
    expect(verification.references?.map((r) => r.digestValid)).toEqual([true, true, true, true]);
    expect(verification.valid).toBe(true);
  });

  it('a comment is signed only by the references canonicalized with comments', () => {
    const verification = verify(xml.replace('<!--  comment -->', '<!--  changed -->'));
    expect(verification.valid).toBe(false);
    const outcomes = verification.references?.map((r) => r.digestValid) ?? [];
    expect(outcomes.filter((d) => d === true).length).toBeGreaterThan(0);
    expect(outcomes.filter((d) => d === false).length).toBeGreaterThan(0);
  });

  it('#xpointer(/) is the whole document; other XPointer expressions are not evaluated', () => {
    const doc = parseXml('<a Id="x"><!--c--><b/></a>');
    expect(resolveReference(doc, '#xpointer(/)')).toMatchObject({
      kind: 'document',
      comments: true,
    });
    expect(resolveReference(doc, '#xpointer(id("x"))')).toMatchObject({ kind: 'element' });
    expect(resolveReference(doc, '#xpointer(//b)')).toMatchObject({ kind: 'problem' });
  });
});

describe('XPath Filter 2.0 in xmlsec’s own x509data-test', () => {
  it('verifies its references', () => {
    const verification = verify(read('aleksey-xmldsig-01/x509data-test.xml'));
    expect(verification.references?.every((r) => r.digestValid === true)).toBe(true);
  });
});

describe('XPath evaluation is bounded', () => {
  it('stops an expression too costly for the document with a security/limit problem', () => {
    const items = '<i>x</i>'.repeat(3000);
    const xml = `<r xmlns:ds="http://www.w3.org/2000/09/xmldsig#">${items}<ds:Signature><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><ds:Reference URI=""><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116"><ds:XPath>count(//i[count(//i) &gt; 0]) &gt; 0</ds:XPath></ds:Transform></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>AAAA</ds:DigestValue></ds:Reference></ds:SignedInfo><ds:SignatureValue>AAAA</ds:SignatureValue></ds:Signature></r>`;
    const verification = verify(xml);
    expect(verification.valid).toBeNull();
    expect(verification.references?.[0]?.digestValid).toBeNull();
    const limit = verification.problems.find((p) => p.ruleId === 'security/limit');
    expect(limit?.message).toMatch(/XPath transform .* was stopped: .*budget/);
  });
});

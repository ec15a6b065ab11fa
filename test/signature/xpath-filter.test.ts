import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/parse.js';
import { isSignatureExclusionFilter } from '../../src/signature/xpath-filter.js';

const DS = 'http://www.w3.org/2000/09/xmldsig#';

function check(expression: string, declarations: string): boolean {
  const doc = parseXml(`<r ${declarations}><XPath>${expression}</XPath></r>`);
  const xpath = doc.root.children.find((c) => c.kind === 'element');
  if (xpath?.kind !== 'element') throw new Error('no XPath element');
  return isSignatureExclusionFilter(expression, xpath);
}

describe('isSignatureExclusionFilter', () => {
  it('accepts the common form with whatever prefix is bound to the XMLDSig namespace', () => {
    expect(check('not(ancestor-or-self::dsig:Signature)', `xmlns:dsig="${DS}"`)).toBe(true);
    expect(check('not(ancestor-or-self::ds:Signature)', `xmlns:ds="${DS}"`)).toBe(true);
    expect(check('\n  not( ancestor-or-self::x:Signature )\n', `xmlns:x="${DS}"`)).toBe(true);
  });

  it('refuses a prefix bound elsewhere or not at all', () => {
    expect(check('not(ancestor-or-self::dsig:Signature)', 'xmlns:dsig="urn:evil"')).toBe(false);
    expect(check('not(ancestor-or-self::dsig:Signature)', '')).toBe(false);
  });

  it('refuses every other expression', () => {
    const bound = `xmlns:dsig="${DS}"`;
    expect(check('ancestor-or-self::dsig:Signature', bound)).toBe(false);
    expect(check('not(ancestor::dsig:Signature)', bound)).toBe(false);
    expect(check('not(ancestor-or-self::dsig:Signature) or true()', bound)).toBe(false);
    expect(check('not(ancestor-or-self::dsig:Object)', bound)).toBe(false);
    expect(check('not(ancestor-or-self::Signature)', bound)).toBe(false);
    expect(check('1', bound)).toBe(false);
  });
});

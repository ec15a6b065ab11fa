import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/documents/read.js';
import { DoctypeError, loadDoctypes } from '../../src/doctypes/load.js';
import { matchGlob } from '../../src/doctypes/glob.js';
import { tempTree } from '../helpers/tmp.js';

const bytes = (text: string) => new TextEncoder().encode(text);

/** A format nobody at corridor wrote code for: one definition file. */
const widget = {
  id: 'acme-widget-declaration',
  title: 'ACME widget declaration',
  kind: 'customs-declaration',
  match: { localName: 'WidgetDecl', namespace: 'urn:acme:widget:*', versions: ['2.*'] },
  version: { from: 'namespace' },
  namespaces: { w: 'urn:acme:widget:*', p: 'urn:acme:party' },
  fields: {
    issuingCountry: 'w:Header/@country',
    declarant: {
      path: 'w:Declarant',
      fields: {
        name: 'p:Name',
        taxpayerId: { first: [{ path: 'p:INN', with: { taxpayerIdScheme: 'INN' } }, 'p:Other'] },
      },
    },
    goodsItems: {
      path: 'w:Item',
      each: { commodityCode: "w:Code[@list='HS']", originCountry: 'w:Origin' },
    },
  },
};

describe('document types as data', () => {
  it('a new format is one definition file: fields map into the model, the rest stays native', () => {
    const set = loadDoctypes(tempTree({ 'acme.json': widget }));
    const doc = readDocument(
      'w.xml',
      bytes(
        `<WidgetDecl xmlns="urn:acme:widget:2.1" xmlns:p="urn:acme:party" Mode="X1">
  <Header country="RU"/>
  <Declarant><p:Name>OOO Sample</p:Name><p:INN>7799123456</p:INN></Declarant>
  <Item><Code list="CN">1</Code><Code list="HS">847130</Code><Origin>CN</Origin></Item>
  <Item><Code list="HS">850440</Code></Item>
</WidgetDecl>`,
      ),
      { doctypes: set },
    );
    expect(doc.problems).toEqual([]);
    expect(doc.type).toBe('customs-declaration');
    expect(doc.documentFormat).toMatchObject({ id: 'acme-widget-declaration', version: '2.1' });
    expect(doc.issuingCountry).toBe('RU');
    expect(doc.model.declarant).toEqual({
      name: 'OOO Sample',
      taxpayerId: '7799123456',
      taxpayerIdScheme: 'INN',
    });
    expect(doc.model.goodsItems).toEqual([
      { commodityCode: '847130', originCountry: 'CN' },
      { commodityCode: '850440' },
    ]);
    expect((doc.model.native as Record<string, unknown>)['@Mode']).toBe('X1');
    // Findings on model pointers point at the original element, line and column.
    expect(doc.locate('/goodsItems/1/commodityCode').pos).toMatchObject({ line: 5, column: 9 });
    expect(doc.locate('/issuingCountry').path).toBe('/WidgetDecl/Header/@country');
  });

  it('an unknown root is reported with its QName and the known types', () => {
    const doc = readDocument('u.xml', bytes('<Order xmlns="urn:shop:1"><x/></Order>'));
    expect(doc.type).toBeUndefined();
    expect(doc.problems[0]?.ruleId).toBe('document/type');
    expect(doc.problems[0]?.message).toContain('{urn:shop:1}Order');
    expect(doc.problems[0]?.hint).toContain(
      'corridor-customs-declaration ({urn:corridor:customs-declaration:1}CustomsDeclaration)',
    );
  });

  it('a version the definition does not read is refused with a clear finding', () => {
    const set = loadDoctypes(tempTree({ 'acme.json': widget }));
    const doc = readDocument('v.xml', bytes('<WidgetDecl xmlns="urn:acme:widget:3.0"/>'), {
      doctypes: set,
    });
    expect(doc.type).toBeUndefined();
    expect(doc.problems[0]?.message).toContain('version 3.0');
    expect(doc.problems[0]?.message).toContain('2.*');
  });

  it('lint stops a definition with an undeclared prefix or a bad path, naming file and pointer', () => {
    const broken = {
      ...widget,
      fields: { issuingCountry: 'x:Header', currency: "w:A[@b='c'" },
    };
    const dir = tempTree({ 'bad.json': broken });
    expect(() => loadDoctypes(dir)).toThrow(DoctypeError);
    try {
      loadDoctypes(dir);
    } catch (error) {
      const details = (error as DoctypeError).details.join('\n');
      expect(details).toContain('bad.json#/fields/issuingCountry: prefix "x" is not declared');
      expect(details).toContain('bad.json#/fields/currency');
    }
    expect(() => loadDoctypes(tempTree({ 'shape.json': { id: 'Bad Id' } }))).toThrow(
      /document type/,
    );
  });

  it('namespace globs match without regular expressions and capture the version', () => {
    expect(matchGlob('urn:a:*', 'urn:a:5.24.0')).toEqual({ captured: '5.24.0' });
    expect(matchGlob('urn:a:5.*.0', 'urn:a:5.10.0')).toEqual({ captured: '10' });
    expect(matchGlob('urn:a:5.*', 'urn:b:5.1')).toBeUndefined();
    expect(matchGlob('exact', 'exact')).toEqual({});
    expect(matchGlob('*a*a*a*a*b', 'a'.repeat(5000))).toBeUndefined();
  });
});

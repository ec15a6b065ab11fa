import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/documents/read.js';
import { documentTypeDefinitions, definitionByType } from '../../src/documents/types/index.js';
import { modelToXml } from '../../src/fixtures/model-to-xml.js';
import { sampleModels } from '../../src/fixtures/sample-models.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('document model: XML and JSON read to the same model', () => {
  for (const id of ['RU', 'CN', 'EU']) {
    for (const type of ['customs-declaration', 'licence'] as const) {
      it(`${id} ${type}`, () => {
        const model = sampleModels(id)[type];
        const definition = definitionByType(type);
        const xml = readDocument(`${id}.xml`, bytes(modelToXml(model, definition)));
        const json = readDocument(
          `${id}.json`,
          bytes(JSON.stringify({ $type: definition.namespace, ...model })),
        );
        expect(xml.problems).toEqual([]);
        expect(json.problems).toEqual([]);
        expect(xml.type).toBe(type);
        expect(json.type).toBe(type);
        expect(xml.format).toBe('xml');
        expect(json.format).toBe('json');
        expect(xml.model).toEqual(model);
        expect(json.model).toEqual(model);
        expect(xml.issuingCountry).toBe(id);
        expect(json.issuingCountry).toBe(id);
      });
    }
  }

  it('JSON numbers and booleans become their string form; null is dropped', () => {
    const doc = readDocument(
      'n.json',
      bytes(
        '{"$type":"urn:corridor:customs-declaration:1","totalInvoicedValue":125000.5,"flag":true,"carrier":null,"goodsItems":[{"netMass":12}]}',
      ),
    );
    expect(doc.model).toEqual({
      totalInvoicedValue: '125000.5',
      flag: 'true',
      goodsItems: [{ netMass: '12' }],
    });
  });
});

describe('document locations', () => {
  const xml = `<?xml version="1.0"?>
<CustomsDeclaration xmlns="urn:corridor:customs-declaration:1">
  <IssuingCountry>RU</IssuingCountry>
  <Declarant>
    <TaxpayerId scheme="INN">7707083893</TaxpayerId>
  </Declarant>
  <GoodsItem><CommodityCode>1</CommodityCode></GoodsItem>
  <GoodsItem><CommodityCode>2</CommodityCode></GoodsItem>
</CustomsDeclaration>`;
  const doc = readDocument('loc.xml', bytes(xml));

  it('maps model pointers to element paths, lines and columns', () => {
    expect(doc.locate('/goodsItems/1/commodityCode')).toMatchObject({
      path: '/CustomsDeclaration/GoodsItem[2]/CommodityCode',
      pos: { line: 8, column: 14 },
    });
    expect(doc.locate('/declarant/taxpayerIdScheme')).toMatchObject({
      path: '/CustomsDeclaration/Declarant/TaxpayerId/@scheme',
      pos: { line: 5 },
    });
  });

  it('places a missing field at its nearest existing ancestor', () => {
    expect(doc.locate('/declarant/name').path).toBe('/CustomsDeclaration/Declarant');
    expect(doc.locate('/currency').path).toBe('/CustomsDeclaration');
  });

  it('JSON documents are located by JSON pointer', () => {
    const json = readDocument(
      'x.json',
      bytes('{"$type":"urn:corridor:licence:1","goods":[{"value":"1"}]}'),
    );
    expect(json.locate('/goods/0/value').path).toBe('/goods/0/value');
    expect(json.locate('/goods/0/currency').path).toBe('/goods/0');
  });
});

describe('document type detection and reading problems', () => {
  it('knows each type by root element and namespace', () => {
    for (const definition of documentTypeDefinitions()) {
      const doc = readDocument(
        't.xml',
        bytes(`<${definition.rootElement} xmlns="${definition.namespace}"/>`),
      );
      expect(doc.type).toBe(definition.type);
    }
  });

  it('the right name in the wrong namespace is an unknown type, with a hint', () => {
    const doc = readDocument('w.xml', bytes('<CustomsDeclaration xmlns="urn:other"/>'));
    expect(doc.type).toBeUndefined();
    expect(doc.problems[0]?.ruleId).toBe('document/type');
    expect(doc.problems[0]?.hint).toContain('urn:corridor:customs-declaration:1');
  });

  it('bad JSON and an unknown $type are problems, not exceptions', () => {
    expect(readDocument('b.json', bytes('{"$type": ')).problems[0]?.ruleId).toBe(
      'document/well-formed',
    );
    expect(readDocument('u.json', bytes('{"$type":"urn:x"}')).problems[0]?.message).toMatch(
      /unknown JSON document type/,
    );
  });

  it('a DOCTYPE is refused before anything is expanded', () => {
    const doc = readDocument(
      'd.xml',
      bytes('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'),
    );
    expect(doc.problems.map((p) => p.ruleId)).toEqual(['document/dtd-refused']);
    expect(doc.model).toEqual({});
  });

  it('encrypted content is recorded, and its fields are not in the model', () => {
    const file = new URL(
      '../../fixtures/documents/EU/customs-declaration-encrypted.xml',
      import.meta.url,
    );
    const doc = readDocument('enc.xml', readFileSync(file));
    expect(doc.encryptedPointers).toEqual(['/declarant']);
    expect(doc.model['declarant']).toEqual({});
    expect(doc.encryption).toEqual([
      expect.objectContaining({
        dataAlgorithm: 'http://www.w3.org/2009/xmlenc11#aes256-gcm',
        keyTransport: ['http://www.w3.org/2009/xmlenc11#rsa-oaep'],
      }),
    ]);
  });
});

describe('JSON syntax errors', () => {
  it('carry the line and column of the first character that is not JSON', () => {
    const text = '{\n  "a": 1,\n  "b": [1, 2,]\n}\n';
    const document = readDocument('bad.json', new TextEncoder().encode(text));
    const [problem] = document.problems;
    expect(problem?.ruleId).toBe('document/well-formed');
    expect(problem?.message).toBe('invalid JSON: unexpected "]"');
    expect(problem?.location?.pos).toEqual({ line: 3, column: 14, offset: text.indexOf(']') });
  });
});

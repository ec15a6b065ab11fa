/**
 * Member names are data: `__proto__`, `constructor`, `toString`… in a JSON member or an XML
 * element become plain model members, every rule that walks the model sees what they hold,
 * and the polluting ones (`__proto__`, `constructor` → `prototype`) are refused as a
 * prototype-pollution payload for JavaScript receivers (security/prototype-pollution).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/documents/read.js';
import { setMember } from '../../src/documents/model-members.js';
import type { ModelObject } from '../../src/documents/model.js';
import { constraintAjv } from '../../src/constraints/constraints.js';
import { matchPointers } from '../../src/constraints/pointers.js';
import { evaluateBytes, securityIds } from '../hostile/corpus.js';

const ROOT = join(import.meta.dirname, '../..');
const PERSON = { fullName: 'Ivan Sample', citizenship: 'RU' };

/** The RU JSON sample, unsigned, with `extra` members written first (as raw JSON text). */
function ruJson(extra: string, drop: string[] = []): Buffer {
  const value = JSON.parse(
    readFileSync(join(ROOT, 'fixtures/documents/RU/customs-declaration.json'), 'utf8'),
  ) as Record<string, unknown>;
  delete value['signature'];
  for (const key of drop) delete value[key];
  return Buffer.from(JSON.stringify(value).replace('{', `{${extra},`));
}

const ruXml = (): string =>
  readFileSync(join(ROOT, 'fixtures/documents/RU/customs-declaration.xml'), 'utf8').replace(
    /<ds:Signature[\s>][\s\S]*?<\/ds:Signature>/,
    '',
  );

const idsOf = (bytes: Buffer, file = 'doc.json') =>
  evaluateBytes(file, bytes).findings.map((f) => `${f.ruleId} ${f.location.path ?? ''}`);

describe('a JSON member named "__proto__"', () => {
  const bytes = ruJson(`"__proto__":{"person":${JSON.stringify(PERSON)}}`);

  it('is an own member of the model, and no model object gets a prototype from it', () => {
    const { model } = readDocument('doc.json', bytes);
    expect(Object.keys(model)).toContain('__proto__');
    expect(Object.getPrototypeOf(model)).toBe(Object.prototype);
    expect((model as Record<string, unknown>)['person']).toBeUndefined();
    expect(matchPointers(model, '/*/person').map((m) => m.pointer)).toEqual(['/__proto__/person']);
    expect(({} as Record<string, unknown>)['person']).toBeUndefined();
  });

  it('is refused as prototype pollution, and data-export/restricted sees what it holds', () => {
    const ids = idsOf(bytes);
    expect(ids).toContain('security/prototype-pollution /__proto__');
    expect(ids).toContain('document/readable /__proto__');
    expect(ids).toContain('data-export/restricted /__proto__/person');
  });

  it('the same person under an ordinary member is found by the same rule', () => {
    const ids = idsOf(ruJson(`"representative":{"person":${JSON.stringify(PERSON)}}`));
    expect(ids).toContain('data-export/restricted /representative/person');
    expect(securityIds(ids.map((id) => id.split(' ')[0] as string))).toEqual([]);
  });

  it('a required field moved into "__proto__" is missing for the constraint rules', () => {
    const ids = idsOf(
      ruJson(`"__proto__":{"declarationNumber":"RU-1"}`, ['declarationNumber']),
    ).filter((id) => id.startsWith('document/receiver-rules'));
    expect(ids.length).toBeGreaterThan(0);
    const messages = evaluateBytes(
      'doc.json',
      ruJson(`"__proto__":{"declarationNumber":"RU-1"}`, ['declarationNumber']),
    ).findings.map((f) => f.message);
    expect(messages.some((m) => m.includes('/declarationNumber is required but missing'))).toBe(
      true,
    );
  });

  it('nested "__proto__" and "constructor"/"prototype" are refused; a lone "constructor" is data', () => {
    const nested = idsOf(ruJson(`"declarant2":{"__proto__":{"x":"1"}}`));
    expect(nested).toContain('security/prototype-pollution /declarant2/__proto__');
    const gadget = idsOf(ruJson(`"constructor":{"prototype":{"isAdmin":"true"}}`));
    expect(gadget).toContain('security/prototype-pollution /constructor/prototype');
    const lone = idsOf(ruJson(`"constructor":"Sample Works","toString":"x","prototype":"p"`));
    expect(lone.filter((id) => id.startsWith('security/'))).toEqual([]);
    const { model } = readDocument('doc.json', ruJson(`"constructor":"Sample Works"`));
    expect(model['constructor']).toBe('Sample Works');
  });
});

describe('XML elements named like object machinery', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
    '<%s> is read as data, never a crash',
    (name) => {
      const xml = ruXml().replace('<Declarant>', `<${name}><Inner>v</Inner></${name}><Declarant>`);
      const document = readDocument('doc.xml', Buffer.from(xml));
      expect(Object.hasOwn(document.model, name)).toBe(true);
      expect(document.model[name]).toEqual({ inner: 'v' });
      expect(Object.getPrototypeOf(document.model)).toBe(Object.prototype);
      const polluting = name === '__proto__';
      expect(document.problems.some((p) => p.ruleId === 'document/polluting-name')).toBe(polluting);
    },
  );

  it('<Constructor><Prototype> is the constructor.prototype route: refused', () => {
    const xml = ruXml().replace(
      '<Declarant>',
      '<Constructor><Prototype><IsAdmin>true</IsAdmin></Prototype></Constructor><Declarant>',
    );
    const ids = idsOf(Buffer.from(xml), 'doc.xml');
    expect(ids).toContain('security/prototype-pollution /CustomsDeclaration/Constructor/Prototype');
  });

  it('an element named __proto__ holding a person is seen by data-export/restricted', () => {
    const xml = ruXml().replace(
      '<Declarant>',
      '<__proto__><Person><FullName>Ivan</FullName><Citizenship>RU</Citizenship></Person></__proto__><Declarant>',
    );
    const ids = idsOf(Buffer.from(xml), 'doc.xml');
    expect(ids).toContain('data-export/restricted /CustomsDeclaration/__proto__/Person');
    expect(ids).toContain('security/prototype-pollution /CustomsDeclaration/__proto__');
  });

  it('a repeated single-valued element is reported, not silently overwritten', () => {
    // The first Declarant carries the restricted person; the model keeps only the second.
    const xml = ruXml().replace(
      '<Declarant>',
      '<Declarant><Name>A</Name><Person><FullName>Ivan</FullName><Citizenship>RU</Citizenship></Person></Declarant><Declarant>',
    );
    const document = readDocument('doc.xml', Buffer.from(xml));
    const repeated = document.problems.find((p) => p.ruleId === 'document/repeated-field');
    expect(repeated?.message).toContain('/declarant is given more than once');
    expect(repeated?.location?.path).toBe('/CustomsDeclaration/Declarant[2]');
    expect(idsOf(Buffer.from(xml), 'doc.xml')).toContain(
      'document/readable /CustomsDeclaration/Declarant[2]',
    );
  });

  it('an attribute and a child element of the same model name collide visibly', () => {
    const xml = ruXml().replace('<Declarant>', '<Declarant name="hidden">');
    const document = readDocument('doc.xml', Buffer.from(xml));
    expect(document.problems.map((p) => p.ruleId)).toContain('document/repeated-field');
  });

  it('the shipped XML samples have no repeated or polluting fields', () => {
    for (const sample of ['RU/customs-declaration', 'EU/licence', 'IN/customs-declaration']) {
      const bytes = readFileSync(join(ROOT, 'fixtures/documents', `${sample}.xml`));
      expect(readDocument(`${sample}.xml`, bytes).problems, sample).toEqual([]);
    }
  });
});

describe('model helpers', () => {
  it('setMember writes "__proto__" as data; a plain assignment would not', () => {
    const model: ModelObject = {};
    setMember(model, '__proto__', { a: 'b' });
    expect(Object.keys(model)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(model)).toBe(Object.prototype);
    const naive: ModelObject = {};
    naive['__proto__'] = { a: 'b' };
    expect(Object.keys(naive)).toEqual([]); // the bug this module exists for
  });

  it('array items are not "inside constructor"; an object named constructor is', () => {
    const text = `{"$type":"urn:corridor:customs-declaration:1","constructor":[{"prototype":"x"}],"a":{"constructor":{"prototype":"x"}}}`;
    const { problems } = readDocument('doc.json', Buffer.from(text));
    expect(
      problems.filter((p) => p.ruleId === 'document/polluting-name').map((p) => p.location?.path),
    ).toEqual(['/a/constructor/prototype']);
  });

  it('constraint schemas require own members: inherited names do not satisfy `required`', () => {
    const validate = constraintAjv().compile({ required: ['constructor', 'toString'] });
    expect(validate({})).toBe(false);
    expect(validate({ constructor: 'x', toString: 'y' })).toBe(true);
  });
});

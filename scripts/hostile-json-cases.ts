/**
 * The JSON (JWS/CT) part of the hostile corpus, and XML element names that are JavaScript
 * object machinery. Called by scripts/make-hostile-corpus.ts with its `add`; each expectation
 * is argued from the mutation, as there. The JWS/CT samples are signed RS256 (IN), PS256 and
 * ES256 (EU), GOST 2012-256 (RU) and SM2 (CN) with their x5c chains; re-signed cases use the IN
 * signer, whose CA is a shipped anchor. Inputs too large to commit (100 000-level nesting, a
 * 40 MB string, a 10 000-entry x5c, a 300 000-character header) are made at test time by
 * test/hostile/generated.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PrivateKey } from '../src/crypto/types.js';
import { signJwsCt } from '../src/jose/jws-ct-sign.js';

export interface JsonCaseExpectation {
  valid: boolean | null;
  ruleIds: string[];
}

export type AddCase = (
  file: string,
  attack: string,
  description: string,
  content: string | Uint8Array,
  expect: JsonCaseExpectation,
  control?: boolean,
) => void;

export interface JsonCaseContext {
  root: string;
  add: AddCase;
  /** The IN signer (RSA-2048) and its certificate chain, leaf first. */
  inKey: PrivateKey;
  inChain: Uint8Array[];
  /** The IN XML sample without its signature. */
  inXmlUnsigned: string;
}

const VALID = 'signature/valid';
const READABLE = 'document/readable';
const REQUIRED = 'signature/required';
const WRAPPING = 'security/signature-wrapping';
const LIMIT = 'security/limit';
const POLLUTION = 'security/prototype-pollution';
const HMAC = 'security/hmac';
const EXTERNAL = 'security/external-reference';
const KEY_VALUE = 'security/keyvalue-only';

function replaceOnce(text: string, from: string | RegExp, to: string, what: string): string {
  const out = text.replace(from, to);
  if (out === text) throw new Error(`mutation "${what}" did not apply`);
  return out;
}

/** Inserts members right after the opening brace of the top-level object. */
const prepend = (text: string, members: string): string =>
  replaceOnce(text, '{', `{${members},`, `prepend ${members.slice(0, 20)}`);

export function addJsonCases(context: JsonCaseContext): void {
  const { add, root } = context;
  const sample = (path: string): string =>
    readFileSync(join(root, 'fixtures/documents', `${path}.json`), 'utf8');
  const signed = sample('IN/customs-declaration');
  const value = JSON.parse(signed) as Record<string, unknown>;
  const { signature: _signature, ...unsignedValue } = value;
  const unsigned = `${JSON.stringify(unsignedValue, null, 2)}\n`;
  const signIn = (object: Record<string, unknown>, header?: Record<string, unknown>): string =>
    `${JSON.stringify(
      signJwsCt(object, {
        signatureAlgorithm: 'rsa-sha256',
        privateKey: context.inKey,
        certificates: context.inChain,
        signingTime: new Date('2026-11-01T10:00:00Z'),
        ...(header ? { header } : {}),
      }),
      null,
      2,
    )}\n`;
  const utf16le = (text: string) => Buffer.from(text, 'utf16le');
  const utf16be = (text: string) => Buffer.from(utf16le(text).swap16());
  const utf32le = (text: string) => {
    const out = Buffer.alloc(text.length * 4);
    for (let i = 0; i < text.length; i++) out.writeUInt32LE(text.charCodeAt(i), i * 4);
    return out;
  };
  const utf32be = (text: string) => Buffer.from(utf32le(text).swap32());

  // 1. Controls: each shipped JWS/CT sample unchanged; the IN sample with a BOM and re-serialized.
  for (const path of [
    'IN/customs-declaration',
    'EU/customs-declaration',
    'EU/licence',
    'RU/customs-declaration',
    'CN/customs-declaration',
  ]) {
    add(
      `json-control-${path.replace('/', '-')}.json`,
      'control',
      `${path} (JWS/CT) unchanged`,
      sample(path),
      { valid: true, ruleIds: [] },
      true,
    );
  }
  add(
    'json-bom-utf8.json',
    'BOM',
    'the IN JWS/CT sample after a UTF-8 byte-order mark',
    `\uFEFF${signed}`,
    { valid: true, ruleIds: [] },
    true,
  );
  // JCS signs the parsed value: member order and whitespace are not signed.
  const reordered = Object.fromEntries(Object.entries(value).reverse());
  add(
    'json-control-reserialized.json',
    'control',
    'the IN JWS/CT sample minified with its members in reverse order (same JCS form)',
    JSON.stringify(reordered),
    { valid: true, ruleIds: [] },
    true,
  );
  add(
    'json-tampered-value.json',
    'signature stripped',
    'one signed value changed (declaration number)',
    replaceOnce(signed, /"declarationNumber": "[^"]*"/, '"declarationNumber": "IN-X"', 'number'),
    { valid: false, ruleIds: [VALID] },
  );

  // 2. Numbers: what JSON.parse reads, what JCS can write.
  const amount = /"totalInvoicedValue": "[^"]*"/;
  const withAmount = (text: string, literal: string) =>
    replaceOnce(text, amount, `"totalInvoicedValue": ${literal}`, 'amount');
  add(
    'json-number-1e400.json',
    'JSON number',
    'a signed amount replaced by 1e400: JSON.parse reads Infinity, JCS has no form for it',
    withAmount(signed, '1e400'),
    { valid: false, ruleIds: [VALID, READABLE] },
  );
  add(
    'json-number-400-digits.json',
    'JSON number',
    'a signed amount replaced by a 400-digit integer (beyond the double range as well)',
    withAmount(signed, '9'.repeat(400)),
    { valid: false, ruleIds: [VALID, READABLE] },
  );
  add(
    'json-number-30-digits.json',
    'JSON number',
    'a signed amount replaced by a 30-digit integer (a double, rounded): signed bytes changed',
    withAmount(signed, '123456789012345678901234567890'),
    { valid: false, ruleIds: [VALID] },
  );
  add(
    'json-number-negative-1e400-unsigned.json',
    'JSON number',
    'an unsigned declaration whose amount is -1e400',
    withAmount(unsigned, '-1e400'),
    { valid: null, ruleIds: [READABLE, REQUIRED] },
  );

  // 3. Strings and encodings.
  add(
    'json-lone-surrogate.json',
    'encoding',
    'a lone surrogate (\\ud800) escaped in a signed string: not I-JSON, no JCS form',
    replaceOnce(signed, '"Bengaluru"', '"Bengal\\ud800uru"', 'surrogate'),
    { valid: false, ruleIds: [VALID] },
  );
  const cut = signed.indexOf('"declarant"');
  add(
    'json-invalid-utf8.json',
    'encoding',
    'bytes that are not UTF-8 (C0 AF, an overlong "/") inside a signed string',
    Buffer.concat([
      Buffer.from(signed.slice(0, cut + 20)),
      Buffer.from([0xc0, 0xaf]),
      Buffer.from(signed.slice(cut + 20)),
    ]),
    { valid: null, ruleIds: [READABLE] },
  );
  const bom = (bytes: number[], body: Buffer) => Buffer.concat([Buffer.from(bytes), body]);
  for (const [file, description, content] of [
    ['json-utf16le-bom.json', 'UTF-16LE', bom([0xff, 0xfe], utf16le(signed))],
    ['json-utf16be-bom.json', 'UTF-16BE', bom([0xfe, 0xff], utf16be(signed))],
    ['json-utf32le-bom.json', 'UTF-32LE', bom([0xff, 0xfe, 0, 0], utf32le(signed))],
    ['json-utf32be-bom.json', 'UTF-32BE', bom([0, 0, 0xfe, 0xff], utf32be(signed))],
  ] as const) {
    add(file, 'BOM', `the IN JWS/CT sample in ${description} with its BOM`, content, {
      valid: null,
      ruleIds: [READABLE],
    });
  }
  add(
    'json-nul-in-name.json',
    'encoding',
    'a member whose name holds an escaped NUL ("issuing\\u0000Country") added to a signed object',
    prepend(signed, '"issuing\\u0000Country": "CN"'),
    { valid: false, ruleIds: [VALID] },
  );
  add(
    'json-nul-raw.json',
    'not a document',
    'a raw NUL byte inside a string (control characters must be escaped in JSON)',
    replaceOnce(unsigned, '"Bengaluru"', '"Bengal\u0000uru"', 'raw NUL'),
    { valid: null, ruleIds: [READABLE] },
  );

  // 4. Duplicate member names: JSON.parse keeps the last, other parsers the first.
  add(
    'json-duplicate-top-level.json',
    'duplicate member',
    'issuingCountry given twice at the top level of a signed object',
    replaceOnce(
      signed,
      '"issuingCountry": "IN"',
      '"issuingCountry": "IN", "issuingCountry": "CN"',
      'dup',
    ),
    { valid: false, ruleIds: [VALID, WRAPPING] },
  );
  add(
    'json-duplicate-nested.json',
    'duplicate member',
    'deliveryTerms/incoterms given twice in a signed object',
    replaceOnce(signed, '"incoterms": "FCA"', '"incoterms": "FCA", "incoterms": "EXW"', 'dup'),
    { valid: false, ruleIds: [VALID, WRAPPING] },
  );
  add(
    'json-duplicate-escaped.json',
    'duplicate member',
    'issuingCountry given twice, once spelled with an escape ("issuing\\u0043ountry")',
    replaceOnce(
      signed,
      '"issuingCountry": "IN"',
      '"issuingCountry": "IN", "issuing\\u0043ountry": "CN"',
      'dup',
    ),
    { valid: false, ruleIds: [VALID, WRAPPING] },
  );
  add(
    'json-duplicate-unsigned.json',
    'duplicate member',
    'an unsigned declaration with issuingCountry given twice',
    replaceOnce(
      unsigned,
      '"issuingCountry": "IN"',
      '"issuingCountry": "IN", "issuingCountry": "CN"',
      'dup',
    ),
    { valid: null, ruleIds: [READABLE, REQUIRED] },
  );

  // 5. The "signature" member of the wrong type or shape.
  const jws = JSON.stringify(value['signature']);
  for (const [file, description, replacement] of [
    ['json-signature-number.json', 'a number', '42'],
    ['json-signature-null.json', 'null', 'null'],
    [
      'json-signature-object.json',
      'an object (flattened JWS JSON)',
      '{"protected":"e30","signature":"AA"}',
    ],
    ['json-signature-array.json', 'an array holding the JWS', `[${jws}]`],
    ['json-signature-empty.json', 'an empty string', '""'],
    [
      'json-signature-attached.json',
      'a JWS with a payload part',
      JSON.stringify(String(value['signature']).replace('..', '.e30.')),
    ],
    [
      'json-signature-long-string.json',
      'a 100 000-character string',
      JSON.stringify('A'.repeat(100_000)),
    ],
  ] as const) {
    add(
      file,
      'JWS shape',
      `"signature" is ${description}`,
      replaceOnce(signed, jws, replacement, file),
      { valid: false, ruleIds: [VALID] },
    );
  }

  // 6. Protected-header attacks, each re-signed so only the header is at fault.
  add(
    'json-crit-nested.json',
    'JWS header',
    '"crit": [["sigT"]] (an array inside crit)',
    signIn(unsignedValue, { crit: [['sigT']] }),
    { valid: false, ruleIds: [VALID] },
  );
  add(
    'json-crit-unknown.json',
    'JWS header',
    '"crit" names an extension corridor does not understand',
    signIn(unsignedValue, { crit: ['sigT', 'exp'], exp: 1 }),
    { valid: false, ruleIds: [VALID] },
  );
  add(
    'json-x5c-17.json',
    'limit',
    '"x5c" with 17 entries (leaf and CA repeated: a chain that loops back on itself)',
    signIn(unsignedValue, {
      x5c: Array.from({ length: 17 }, (_, i) =>
        Buffer.from(context.inChain[i % 2] as Uint8Array).toString('base64'),
      ),
    }),
    { valid: false, ruleIds: [VALID, LIMIT] },
  );
  add(
    'json-alg-none.json',
    'JWS header',
    '"alg": "none" over a real signature value',
    signIn(unsignedValue, { alg: 'none' }),
    { valid: false, ruleIds: [VALID] },
  );
  add(
    'json-alg-hs256.json',
    'HMAC',
    '"alg": "HS256" (a shared secret, not a signature)',
    signIn(unsignedValue, { alg: 'HS256' }),
    { valid: false, ruleIds: [VALID, HMAC] },
  );
  add(
    'json-jku.json',
    'external reference (SSRF)',
    '"jku" pointing at a key set URL',
    signIn(unsignedValue, { jku: 'https://keys.example/jwks.json' }),
    { valid: false, ruleIds: [VALID, EXTERNAL] },
  );
  if (context.inKey.family !== 'rsa') throw new Error('IN key is not RSA');
  const jwk = context.inKey.keyObject.export({ format: 'jwk' });
  add(
    'json-jwk-only.json',
    'KeyValue-only',
    'signed with a bare "jwk" in the header and no x5c: integrity, no identity',
    `${JSON.stringify(
      signJwsCt(unsignedValue, {
        signatureAlgorithm: 'rsa-sha256',
        privateKey: context.inKey,
        header: { jwk: { kty: jwk.kty, n: jwk.n, e: jwk.e } },
      }),
      null,
      2,
    )}\n`,
    { valid: null, ruleIds: [KEY_VALUE] },
  );

  // 7. "$type" missing, of the wrong type, or unknown.
  const { $type: _type, ...untyped } = unsignedValue;
  for (const [file, description, text] of [
    ['json-type-missing.json', 'no "$type"', JSON.stringify(untyped)],
    [
      'json-type-array.json',
      '"$type" is an array',
      JSON.stringify({ ...unsignedValue, $type: [unsignedValue['$type']] }),
    ],
    [
      'json-type-unknown.json',
      '"$type" is an unknown URN',
      JSON.stringify({ ...unsignedValue, $type: 'urn:corridor:invoice:1' }),
    ],
    ['json-top-level-array.json', 'the document is an array', `[${JSON.stringify(unsignedValue)}]`],
  ] as const) {
    add(file, 'not a document', description, text, { valid: null, ruleIds: [READABLE] });
  }

  // 8. Prototype pollution: names that are object machinery in JavaScript.
  const person = '{"person": {"fullName": "Sample Person", "citizenship": "IN"}}';
  add(
    'json-proto-top-level.json',
    'prototype pollution',
    'a "__proto__" member holding a person added to a signed object',
    prepend(signed, `"__proto__": ${person}`),
    { valid: false, ruleIds: [VALID, READABLE, POLLUTION] },
  );
  add(
    'json-proto-nested-unsigned.json',
    'prototype pollution',
    'an unsigned declaration whose declarant holds a "__proto__" member',
    replaceOnce(unsigned, '"declarant": {', `"declarant": {"__proto__": ${person},`, 'proto'),
    { valid: null, ruleIds: [READABLE, POLLUTION, REQUIRED] },
  );
  add(
    'json-constructor-prototype.json',
    'prototype pollution',
    'an unsigned declaration with "constructor": {"prototype": {...}}',
    prepend(unsigned, '"constructor": {"prototype": {"isAdmin": "true"}}'),
    { valid: null, ruleIds: [READABLE, POLLUTION, REQUIRED] },
  );
  add(
    'json-constructor-as-data.json',
    'prototype pollution',
    'members named "constructor", "prototype" and "toString" holding plain strings: data, no finding',
    prepend(unsigned, '"constructor": "Sample Works", "prototype": "P-1", "toString": "x"'),
    { valid: null, ruleIds: [REQUIRED] },
  );
  const xmlWith = (markup: string) =>
    replaceOnce(context.inXmlUnsigned, '<Declarant>', `${markup}<Declarant>`, 'xml');
  add(
    'xml-element-proto.xml',
    'prototype pollution',
    'an element named __proto__ holding a Person, in an unsigned XML declaration',
    xmlWith('<__proto__><Person><Citizenship>IN</Citizenship></Person></__proto__>'),
    { valid: null, ruleIds: [READABLE, POLLUTION, REQUIRED] },
  );
  add(
    'xml-element-tostring.xml',
    'prototype pollution',
    'elements named toString, constructor and hasOwnProperty (the reader once crashed on them)',
    xmlWith(
      '<toString>a</toString><constructor><x>b</x></constructor><hasOwnProperty>c</hasOwnProperty>',
    ),
    { valid: null, ruleIds: [REQUIRED] },
  );
  add(
    'xml-repeated-declarant.xml',
    'duplicate member',
    'a second Declarant element before the signed one (the model keeps one)',
    xmlWith('<Declarant><Name>Other</Name><Country>IN</Country></Declarant>'),
    { valid: null, ruleIds: [READABLE, REQUIRED] },
  );

  // 9. JSON that looks like XML, and XML inside JSON.
  add(
    'json-then-xml.json',
    'not a document',
    'a JSON object followed by an XML root element',
    `${JSON.stringify(unsignedValue)}<CustomsDeclaration xmlns="urn:corridor:customs-declaration:1"/>`,
    { valid: null, ruleIds: [READABLE] },
  );
  add(
    'json-string-holding-xxe.json',
    'XXE',
    'an unsigned declaration whose note is an XML document with an external entity (never parsed)',
    prepend(
      unsigned,
      `"note": ${JSON.stringify('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>')}`,
    ),
    { valid: null, ruleIds: [REQUIRED] },
  );
  add(
    'json-deep-objects.json',
    'deep nesting',
    'a 5 000-level nested object added to a signed declaration',
    prepend(signed, `"note": ${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`),
    { valid: false, ruleIds: [VALID] },
  );
}

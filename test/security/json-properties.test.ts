/**
 * Property tests over JSON input (bounded runs, seeded per run by fast-check):
 * - mutations of a signed JWS/CT sample never verify unless what JWS/CT signs — the JCS form
 *   of the object without its signature, judged by the reference JCS implementation
 *   (erdtman/canonicalize), and the signature member itself — is unchanged;
 * - arbitrary JSON documents, with member names such as `__proto__` and `constructor`, never
 *   throw out of the reader or the verifier, and every member they carry is an own member of
 *   the model;
 * - arbitrary JSON-ish bytes never make `verify` or `check` crash or exit 2.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/documents/read.js';
import { verifyJsonDocument } from '../../src/jose/verify-document.js';
import { runCli } from '../helpers/cli.js';
import { tempTree } from '../helpers/tmp.js';
import { applyByteMutation, byteMutationArb } from '../helpers/byte-mutations.js';

const canonicalizeReference = createRequire(import.meta.url)('canonicalize') as (
  value: unknown,
) => string | undefined;

const ROOT = join(import.meta.dirname, '../..');
const TYPE = 'urn:corridor:customs-declaration:1';

/** What a JWS/CT signature covers, or undefined when the text is no signed object. */
function signedContent(text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { signature, ...payload } = value as Record<string, unknown>;
  try {
    return `${String(signature)}\u0000${canonicalizeReference(payload) ?? ''}`;
  } catch {
    return undefined;
  }
}

const JSONISH = [
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  '\\',
  '\\u0000',
  '\\ud800',
  '1e400',
  '-0',
  '0.10',
  'null',
  'true',
  ' ',
  '"__proto__":',
  '"constructor":',
  '"signature":',
  '"$type":',
  `"${TYPE}"`,
  '\uFEFF',
  'é',
];

const mutationArb = byteMutationArb(JSONISH);
const mutate = applyByteMutation;

describe('mutations of a signed JWS/CT sample', () => {
  const path = join(ROOT, 'fixtures/documents/IN/customs-declaration.json');
  const original = readFileSync(path);
  const originalContent = signedContent(original.toString('utf8'));

  it('never valid unless the signature member and the JCS form of the rest are unchanged', () => {
    expect(originalContent).toBeDefined();
    const document = readDocument('sample.json', original);
    expect(verifyJsonDocument(document)[0]?.valid).toBe(true);
    let changed = 0;
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (mutations) => {
        const bytes = mutations.reduce(mutate, original);
        const verifications = verifyJsonDocument(readDocument('mutated.json', bytes));
        const unchanged = signedContent(bytes.toString('utf8')) === originalContent;
        if (!unchanged) changed++;
        for (const v of verifications) {
          if (v.valid === true) {
            expect(unchanged, `valid after ${JSON.stringify(mutations)}`).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
    // Not vacuous: most mutations change what is signed.
    expect(changed).toBeGreaterThan(150);
  });

  it('the oracle tells whitespace and member order from a changed value', () => {
    const value = JSON.parse(original.toString('utf8')) as Record<string, unknown>;
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(value).reverse()));
    expect(signedContent(reordered)).toBe(originalContent);
    expect(verifyJsonDocument(readDocument('r.json', Buffer.from(reordered)))[0]?.valid).toBe(true);
    const changed = reordered.replace('"IN-SAMPLE', '"IN-SAMPLF');
    expect(signedContent(changed)).not.toBe(originalContent);
  });
});

describe('arbitrary JSON documents', () => {
  const name = fc.oneof(
    fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
      'a/b',
      '~',
    ),
    fc.string({ maxLength: 6 }),
  );
  const tree = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      fc.string({ maxLength: 8 }),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('node'), { maxLength: 4 }),
      fc.dictionary(name, tie('node'), { maxKeys: 4 }),
    ),
  })).node;
  const documentArb = fc.dictionary(name, tree, { maxKeys: 6 });

  it('never throw, and every non-null member is an own member of the model', () => {
    fc.assert(
      fc.property(documentArb, (members) => {
        // Written as text so "__proto__" is a member, as a hostile sender would write it.
        const body = Object.entries(members)
          .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`)
          .join(',');
        const text = `{"$type":"${TYPE}"${body ? `,${body}` : ''}}`;
        const document = readDocument('random.json', Buffer.from(text));
        expect(verifyJsonDocument(document).every((v) => v.valid !== true)).toBe(true);
        const parsed = JSON.parse(text) as Record<string, unknown>;
        for (const [key, value] of Object.entries(parsed)) {
          if (key === '$type' || key === 'signature' || value === null) continue;
          expect(Object.hasOwn(document.model, key), key).toBe(true);
        }
        expect(Object.getPrototypeOf(document.model)).toBe(Object.prototype);
        // A "__proto__" member that reaches the model is always reported.
        if (Object.hasOwn(parsed, '__proto__') && parsed['__proto__'] !== null) {
          const ids = document.problems.map((p) => p.ruleId);
          expect(ids).toContain('document/polluting-name');
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never make the CLI crash: verify and check exit 1 at most', async () => {
    const dir = tempTree({});
    const bytesArb = fc.oneof(
      documentArb.map((m) => Buffer.from(JSON.stringify({ $type: TYPE, ...m }))),
      fc
        .array(fc.oneof(fc.constantFrom(...JSONISH), fc.string({ maxLength: 6 })), {
          maxLength: 40,
        })
        .map((parts) => Buffer.from(`{${parts.join('')}`)),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(bytesArb, async (bytes) => {
        const file = join(dir, `random-${n++}.json`);
        writeFileSync(file, bytes);
        const verify = await runCli(['verify', file]);
        expect(verify.code, verify.stderr).toBe(1);
        const check = await runCli(['check', file, '--to', 'EU']);
        expect(check.code, check.stderr).toBe(1);
      }),
      { numRuns: 40 },
    );
  });
});

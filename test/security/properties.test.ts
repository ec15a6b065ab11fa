/**
 * Property tests (bounded runs, seeded per run by fast-check):
 * - mutations of signed samples never verify unless the canonical signed bytes (SignedInfo
 *   and the enveloped content) are unchanged, judged by re-canonicalizing independently;
 * - arbitrary input never throws out of readDocument, verifyWithinLimits or the CLI;
 * - bad profiles stop the run with exit 2, naming the file and the JSON pointer.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { algorithmById } from '../../src/algorithms/registry.js';
import { readDocument } from '../../src/documents/read.js';
import { verifyWithinLimits } from '../../src/security/verify.js';
import { c14nForUri } from '../../src/signature/c14n-method.js';
import { dsigChild, isDsig, signatureElements } from '../../src/signature/dsig-elements.js';
import { readSignatures } from '../../src/signature/read.js';
import { canonicalizeToString } from '../../src/xml/c14n.js';
import { parseXml } from '../../src/xml/parse.js';
import { runCli } from '../helpers/cli.js';
import { tempTree } from '../helpers/tmp.js';
import {
  applyByteMutation,
  byteMutationArb,
  type ByteMutation,
} from '../helpers/byte-mutations.js';

const ROOT = join(import.meta.dirname, '../..');
const asOf = new Date('2026-12-01T00:00:00Z');

/** SignedInfo and the content a whole-document enveloped Reference signs, canonicalized. */
function signedBytes(bytes: Uint8Array, methods: SampleMethods): string | undefined {
  let doc;
  try {
    doc = parseXml(bytes);
  } catch {
    return undefined;
  }
  const signature = signatureElements(doc.root)[0];
  const signedInfo = signature && dsigChild(signature, 'SignedInfo');
  if (!signedInfo) return undefined;
  const info = canonicalizeToString(signedInfo, { ...methods.signedInfo });
  const content = canonicalizeToString(doc, {
    ...methods.reference,
    exclude: (el) => isDsig(el, 'Signature'),
  });
  return `${info}\u0000${content}`;
}

interface SampleMethods {
  signedInfo: { method: 'c14n10' | 'c14n11' | 'exc-c14n'; withComments: boolean };
  reference: { method: 'c14n10' | 'c14n11' | 'exc-c14n'; withComments: boolean };
}

function sample(path: string) {
  const bytes = readFileSync(join(ROOT, 'fixtures/documents', path));
  const [info] = readSignatures(parseXml(bytes));
  const si = info && c14nForUri(info.canonicalizationMethod);
  const transform = info?.references[0]?.transforms.map(c14nForUri).find((c) => c !== undefined);
  if (!info || !si || info.references[0]?.uri !== '') throw new Error(`${path}: unexpected`);
  const methods: SampleMethods = {
    signedInfo: si,
    // Same-document node-sets carry no comments; no transform means inclusive C14N 1.0.
    reference: { method: transform?.method ?? 'c14n10', withComments: false },
  };
  return { path, bytes, methods, original: signedBytes(bytes, methods) };
}

const LEAF = /<([A-Za-z:]+)(?: [^<>]*)?>[^<]*<\/\1>/g;

type Mutation =
  ByteMutation | { op: 'duplicate'; which: number } | { op: 'move'; which: number; to: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  byteMutationArb([' ', '\n', 'x', '<', '>', '&amp;', '"', '<!--c-->', '<a/>', '<?p?>', '=']),
  fc.record({ op: fc.constant('duplicate' as const), which: fc.nat() }),
  fc.record({ op: fc.constant('move' as const), which: fc.nat(), to: fc.nat() }),
);

/** Byte damage, or a leaf element duplicated / moved elsewhere (wrapping-shaped edits). */
function mutate(bytes: Uint8Array, mutation: Mutation): Uint8Array {
  if (mutation.op !== 'duplicate' && mutation.op !== 'move') {
    return applyByteMutation(bytes, mutation);
  }
  const text = Buffer.from(bytes).toString('utf8');
  const leaves = [...text.matchAll(LEAF)];
  const leaf = leaves[mutation.which % leaves.length];
  if (!leaf || leaf.index === undefined) return bytes;
  const [markup] = leaf;
  if (mutation.op === 'duplicate') {
    const end = leaf.index + markup.length;
    return Buffer.from(text.slice(0, end) + markup + text.slice(end));
  }
  const without = text.slice(0, leaf.index) + text.slice(leaf.index + markup.length);
  const targets = [...without.matchAll(LEAF)];
  const target = targets[mutation.to % targets.length]?.index ?? 0;
  return Buffer.from(without.slice(0, target) + markup + without.slice(target));
}

const samples = [sample('IN/customs-declaration.xml'), sample('EU/licence.xml')];

describe('mutations of signed samples', () => {
  it.each(samples)('$path: never valid unless the canonical signed bytes are unchanged', (s) => {
    expect(s.original).toBeDefined();
    let mutated = 0;
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (mutations) => {
        const bytes = mutations.reduce(mutate, s.bytes);
        const document = readDocument('mutated.xml', bytes);
        const verifications = document.xml ? verifyWithinLimits(document.xml, { asOf }) : [];
        const unchanged = signedBytes(bytes, s.methods) === s.original;
        if (!unchanged) mutated++;
        for (const v of verifications) {
          if (v.valid !== true) continue;
          // A false accept: the signature holds over bytes the signer did not sign.
          expect(unchanged, `valid after ${JSON.stringify(mutations)}`).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
    // The property is not vacuous: most mutations change the signed bytes.
    expect(mutated).toBeGreaterThan(100);
  });

  it('the oracle itself tells a changed document from an unchanged one', () => {
    const [s] = samples;
    if (!s) throw new Error('no sample');
    expect(signedBytes(s.bytes, s.methods)).toBe(s.original);
    const text = Buffer.from(s.bytes).toString('utf8');
    // Whitespace after the root is outside the canonical document: still verifies.
    const trailing = Buffer.from(`${text}\n\n`);
    expect(signedBytes(trailing, s.methods)).toBe(s.original);
    const document = readDocument('t.xml', trailing);
    expect(document.xml && verifyWithinLimits(document.xml, { asOf })[0]?.valid).toBe(true);
    const changed = Buffer.from(text.replace('<Sequence>1<', '<Sequence>2<'));
    expect(signedBytes(changed, s.methods)).not.toBe(s.original);
  });
});

describe('arbitrary input', () => {
  const XMLISH = [
    '<?xml version="1.0"?>',
    '<CustomsDeclaration xmlns="urn:corridor:customs-declaration:1">',
    '</CustomsDeclaration>',
    '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">',
    '</ds:Signature>',
    '<ds:SignedInfo>',
    '</ds:SignedInfo>',
    '<ds:Reference URI="#x">',
    '<ds:DigestValue>AAAA</ds:DigestValue>',
    '<ds:SignatureValue>',
    '<!DOCTYPE a [<!ENTITY e "x">]>',
    '&e;',
    '<a Id="x">',
    '</a>',
    '<!--',
    '-->',
    '<![CDATA[',
    ']]>',
    '\uFEFF',
    '\u0000',
    'é',
    '{"$type":"urn:corridor:licence:1"',
    '}',
  ];
  const inputArb = fc.oneof(
    fc.uint8Array({ maxLength: 2048 }),
    fc
      .array(fc.oneof(fc.constantFrom(...XMLISH), fc.string({ maxLength: 8 })), { maxLength: 40 })
      .map((parts) => Buffer.from(parts.join(''))),
  );

  it('never throws out of readDocument or verifyWithinLimits', () => {
    fc.assert(
      fc.property(inputArb, (bytes) => {
        const document = readDocument('random.xml', bytes);
        const verifications = document.xml ? verifyWithinLimits(document.xml, { asOf }) : [];
        expect(verifications.every((v) => v.valid !== true)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never makes the CLI throw: verify and check exit 1 at most', async () => {
    const dir = tempTree({});
    let n = 0;
    await fc.assert(
      fc.asyncProperty(inputArb, async (bytes) => {
        const file = join(dir, `random-${n++}.xml`);
        writeFileSync(file, bytes);
        const verify = await runCli(['verify', file]);
        expect(verify.code).toBe(1);
        const check = await runCli(['check', file, '--to', 'EU']);
        expect(check.code, check.stderr).toBe(1);
      }),
      { numRuns: 40 },
    );
  });
});

describe('bad profiles', () => {
  const anchor = readFileSync(join(ROOT, 'profiles/anchors/IN-test-ca.pem'), 'utf8');
  const control = join(ROOT, 'test/hostile/cases/control-IN-customs-declaration.xml');
  const base = () => ({
    id: 'XA',
    name: 'Test A',
    kind: 'jurisdiction',
    version: '1',
    signature: {
      required: true,
      methods: [{ algorithm: 'rsa-sha256', minKeyBits: 2048 }],
      trustAnchors: [{ file: 'anchors/a.pem' }],
    },
  });
  type Profile = Record<string, unknown>;

  function writeSet(profiles: Record<string, Profile>): string {
    const dir = tempTree({});
    mkdirSync(join(dir, 'anchors'));
    writeFileSync(join(dir, 'anchors/a.pem'), anchor);
    for (const [id, p] of Object.entries(profiles)) {
      writeFileSync(join(dir, `${id}.json`), JSON.stringify(p));
    }
    return dir;
  }

  /** `profiles lint` prints its report on stdout, load errors on stderr: either will do. */
  async function expectRefused(
    dir: string,
    file: string,
    pointer: string,
    commands: Array<'lint' | 'check'> = ['lint', 'check'],
  ): Promise<void> {
    const where = `${join(dir, file)}#${pointer}`;
    for (const command of commands) {
      const args =
        command === 'lint' ? ['profiles', 'lint', dir] : ['check', control, '--profiles', dir];
      const run = await runCli(args);
      expect(run.code, `${command}: ${run.stdout}${run.stderr}`).toBe(2);
      expect(run.stdout + run.stderr).toContain(where);
    }
  }

  it('the base profile set is valid', async () => {
    expect((await runCli(['profiles', 'lint', writeSet({ XA: base() })])).code).toBe(0);
  });

  const WRONG_TYPES: Array<[string, unknown[]]> = [
    ['/signature/required', ['yes', 1, [], {}, null]],
    ['/version', [7, [], {}, true, null]],
    ['/signature/methods/0/minKeyBits', ['2048', 1.5, [], true, {}]],
    ['/signature/methods', ['rsa-sha256', {}, 5, true]],
    ['/kind', ['planet', 3, [], null]],
  ];
  const setAt = (target: Profile, pointer: string, value: unknown): Profile => {
    const keys = pointer.split('/').slice(1);
    let node = target as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
    node[keys[keys.length - 1] as string] = value;
    return target;
  };

  it('wrong types: exit 2 with the file and the JSON pointer', async () => {
    const arb = fc
      .constantFrom(...WRONG_TYPES)
      .chain(([pointer, values]) => fc.tuple(fc.constant(pointer), fc.constantFrom(...values)));
    await fc.assert(
      fc.asyncProperty(arb, async ([pointer, value]) => {
        await expectRefused(writeSet({ XA: setAt(base(), pointer, value) }), 'XA.json', pointer);
      }),
      { numRuns: 20 },
    );
  });

  const unknownId = fc.stringMatching(/^[a-z][a-z0-9-]{2,12}$/).filter((s) => !algorithmById(s));
  const withAlgorithm = (algorithm: string) =>
    writeSet({ XA: setAt(base(), '/signature/methods/0/algorithm', algorithm) });

  it('unknown algorithm ids: lint exits 2 at the algorithm', async () => {
    await fc.assert(
      fc.asyncProperty(unknownId, async (algorithm) => {
        await expectRefused(withAlgorithm(algorithm), 'XA.json', '/signature/methods/0/algorithm', [
          'lint',
        ]);
      }),
      { numRuns: 10 },
    );
  });

  it('unknown algorithm ids: check --profiles exits 2 at the algorithm', async () => {
    await expectRefused(withAlgorithm('a-0'), 'XA.json', '/signature/methods/0/algorithm', [
      'check',
    ]);
  });

  it('cyclic extends: exit 2 at /extends', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), async (length) => {
        // XA → X1 → … → Xn → XA
        const ids = ['XA', ...Array.from({ length }, (_, i) => `X${i + 1}`)];
        const set: Record<string, Profile> = {};
        ids.forEach((id, i) => {
          const next = ids[(i + 1) % ids.length] as string;
          set[id] = {
            ...(i === 0 ? base() : { id, name: id, kind: 'jurisdiction', version: '1' }),
            extends: next,
          };
        });
        const dir = writeSet(set);
        const lint = await runCli(['profiles', 'lint', dir]);
        expect(lint.code).toBe(2);
        expect(lint.stderr).toMatch(/\.json#\/extends: extends cycle/);
        const check = await runCli(['check', control, '--profiles', dir]);
        expect(check.code).toBe(2);
        expect(check.stderr).toMatch(/\.json#\/extends: extends cycle/);
      }),
      { numRuns: 6 },
    );
  });

  it('missing anchor files: exit 2 at the anchor', async () => {
    const name = fc.stringMatching(/^[a-z0-9-]{1,12}\.pem$/).filter((s) => s !== 'a.pem');
    await fc.assert(
      fc.asyncProperty(name, async (file) => {
        const profile = setAt(base(), '/signature/trustAnchors/0/file', `anchors/${file}`);
        await expectRefused(writeSet({ XA: profile }), 'XA.json', '/signature/trustAnchors/0/file');
      }),
      { numRuns: 10 },
    );
  });
});

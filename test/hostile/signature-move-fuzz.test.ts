/**
 * Issue #15: a ds:Signature moved into a data field still verifies (the enveloped transform
 * removes it wherever it is) and used to turn the field into an empty object, dropping the
 * rules on it. Moved into every element of every signed XML fixture, it never improves a
 * verdict: per receiver, the status is no better and every rule reported before still is.
 * The fixtures in real formats read through doctypes/*.json (ESADout_CU, DEC-DMS, CEB311) get
 * the signature in every element, prefixed ones included, and must read to the same model.
 * SMEV 3's detached signature moved into the payload it signs stops verifying.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/documents/read.js';
import { evaluatePair } from '../../src/engine/evaluate.js';
import { selectReceivers } from '../../src/engine/run.js';
import type { PairResult } from '../../src/engine/types.js';
import { loadProfiles } from '../../src/profiles/load.js';
import { verifyWithinLimits } from '../../src/security/verify.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const profiles = loadProfiles();
const receivers = selectReceivers(profiles, 'all');
const asOf = new Date('2026-12-01T00:00:00Z');
const RANK: Record<string, number> = { ok: 0, warn: 1, fail: 2 };
const SIGNATURE = /<ds:Signature[\s>][\s\S]*?<\/ds:Signature>/;

function xmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'keys' ? [] : xmlFiles(path);
    return path.endsWith('.xml') ? [path] : [];
  });
}

type Verifications = ReturnType<typeof verifyWithinLimits>;

/**
 * `reuse`: the original's verifications, when they were valid — the attacker's best case for
 * the rules, and it saves verifying ~1,400 documents (the enveloped transform makes the moved
 * signature verify anyway: checked once per fixture below).
 */
function evaluateAll(
  xml: string,
  reuse?: Verifications,
): {
  valid: boolean | null;
  pairs: PairResult[];
  verifications: Verifications;
  model: unknown;
  format: string | undefined;
  root: string | undefined;
} {
  const document = readDocument('case.xml', Buffer.from(xml));
  const verifications = reuse ?? (document.xml ? verifyWithinLimits(document.xml, { asOf }) : []);
  const senderId = document.issuingCountry ?? 'unknown';
  const sender = profiles.profiles.get(senderId);
  const pairs = receivers.map((receiver) =>
    evaluatePair({ document, verifications, senderId, sender }, receiver, asOf),
  );
  const format = document.documentFormat?.id;
  const root = document.documentFormat?.path.split('/').pop();
  return {
    valid: verifications[0]?.valid ?? null,
    pairs,
    verifications,
    model: document.model,
    format,
    root,
  };
}

const reported = (pair: PairResult) =>
  new Set(pair.findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId));

/**
 * Every element end tag of the document body: unprefixed (the document's namespace), or with
 * `prefixed` any but XML Signature / Encryption ones (real formats prefix their fields).
 */
function moves(xml: string, prefixed = false): Array<{ at: number; tag: string }> {
  const signature = SIGNATURE.exec(xml);
  if (!signature) return [];
  const without = xml.replace(signature[0], '');
  const tag = prefixed ? /<\/((?:[A-Za-z][\w.-]*:)?[A-Za-z][\w.-]*)>/g : /<\/([A-Za-z][\w.-]*)>/g;
  const ends = [...without.matchAll(tag)].filter((m) => !/^(ds|xenc):/.test(m[1] as string));
  return ends.slice(0, -1).map((m) => ({ at: m.index, tag: m[1] as string })); // not the root
}

/** Fixtures in real formats, mapped by doctypes/*.json (not corridor's element-name formats). */
const REAL_FORMATS = [
  'RU/esadout-cu.xml',
  'RU/esadout-cu-smev3.xml',
  'KZ/esadout-cu.xml',
  'CN/ceb311.xml',
  'EU/dec-dms.xml',
];

const signed = xmlFiles(FIXTURES).filter((file) => SIGNATURE.test(readFileSync(file, 'utf8')));

describe('ds:Signature moved into every data field of every signed fixture', () => {
  it('covers the fixtures', () => {
    expect(signed.length).toBeGreaterThanOrEqual(30);
    for (const name of REAL_FORMATS) expect(signed).toContain(join(FIXTURES, 'documents', name));
  });

  it.each(signed.map((file) => relative(FIXTURES, file)))('%s', (name) => {
    const xml = readFileSync(join(FIXTURES, name), 'utf8');
    const signature = SIGNATURE.exec(xml)?.[0] as string;
    const without = xml.replace(signature, '');
    const before = evaluateAll(xml);
    const real = REAL_FORMATS.some((f) => name === join('documents', f));
    if (real) expect(before.format, 'read through its doctype mapping').toBeDefined();
    // A detached signature (SMEV 3's, beside what it signs) moved into the payload it signs
    // changes what it signs: the first moved copy must not verify, and stands for the rest.
    const enveloped = signature.includes('xmldsig#enveloped-signature');
    let firstMoved: Verifications | undefined;
    let cases = 0;
    // Real formats: every element inside the business document (an envelope's are not fields).
    const name0 = before.root ?? '';
    const [from, to] = real
      ? [without.indexOf(`<${name0}`), without.lastIndexOf(`</${name0}>`)]
      : [0, Infinity];
    if (real) expect(from).toBeGreaterThanOrEqual(0);
    for (const { at, tag } of moves(xml, real).filter((m) => m.at > from && m.at < to)) {
      const moved = without.slice(0, at) + signature + without.slice(at);
      const reuse =
        before.valid === true && cases > 0
          ? enveloped
            ? before.verifications
            : firstMoved
          : undefined;
      const after = evaluateAll(moved, reuse);
      if (before.valid === true && cases === 0) expect(after.valid, tag).toBe(enveloped);
      firstMoved ??= after.verifications;
      cases++;
      // One that did not verify still does not.
      if (before.valid !== true) expect(after.valid, tag).not.toBe(true);
      // A mapped field (and the native view) reads as it did: the signature is not data.
      if (real) expect(after.model, tag).toEqual(before.model);
      after.pairs.forEach((pair, i) => {
        const was = before.pairs[i] as PairResult;
        const where = `${tag} → ${pair.receiver}`;
        expect(RANK[pair.status], where).toBeGreaterThanOrEqual(RANK[was.status] as number);
        const now = reported(pair);
        for (const id of reported(was)) expect(now.has(id), `${where}: ${id}`).toBe(true);
        expect(now.has('signature/placement'), where).toBe(true);
      });
    }
    expect(cases).toBeGreaterThan(5);
  });
});

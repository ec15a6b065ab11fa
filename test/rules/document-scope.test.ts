import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { constraintSetFor } from '../../src/constraints/constraints.js';
import { evaluatePair, type DocumentUnderTest } from '../../src/engine/evaluate.js';
import { loadDocument, selectReceivers, type LoadedDocument } from '../../src/engine/run.js';
import { loadProfiles } from '../../src/profiles/load.js';
import { resolveProfileCode } from '../../src/profiles/members.js';
import { defineDocumentRule, defineRule } from '../../src/rules/define.js';
import { RULES } from '../../src/rules/index.js';
import type { Rule, RuleContext } from '../../src/rules/types.js';
import { Memo } from '../../src/util/memo.js';

/**
 * Rules of scope `document` are checked once per document and their reports shared by every
 * receiver: that is only right if they never look at the receiver. Their types keep receiver
 * and trust out of reach; this holds them to it on every document the repository carries.
 */

const ROOT = join(import.meta.dirname, '../..');
const asOf = new Date('2026-12-01T00:00:00Z');
const profiles = loadProfiles();
const receivers = selectReceivers(profiles, 'all');

function xmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(xml|json)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => !file.endsWith('manifest.json') && !file.endsWith('expected.json'));
}

const corpus = [
  ...xmlFiles(join(ROOT, 'fixtures/documents')),
  ...xmlFiles(join(ROOT, 'fixtures/negative')),
  ...xmlFiles(join(ROOT, 'test/hostile/cases')),
  ...xmlFiles(join(ROOT, 'test/vectors/xmlsec')),
  ...xmlFiles(join(ROOT, 'test/vectors/dss-xades')),
  ...xmlFiles(join(ROOT, 'test/vectors/smev3')),
].sort();

function context(
  { document, verifications }: LoadedDocument,
  receiver: RuleContext['receiver'] | 'none',
): RuleContext {
  const sender = resolveProfileCode(profiles.profiles, document.issuingCountry ?? '')?.profile;
  const base = {
    document,
    verifications,
    senderId: sender?.id ?? document.issuingCountry ?? 'unknown',
    sender,
    asOf,
    constraints: constraintSetFor,
    memo: new Memo(),
  };
  if (receiver !== 'none') {
    return { ...base, receiver, trust: () => ({ trusted: false, reason: 'none' }) } as RuleContext;
  }
  // A document rule that reaches for the receiver or its trust fails here.
  return Object.defineProperties(base, {
    receiver: {
      get: () => {
        throw new Error('a document-scope rule read the receiver');
      },
    },
    trust: {
      get: () => {
        throw new Error('a document-scope rule read the trust of a receiver');
      },
    },
  }) as unknown as RuleContext;
}

describe('rules of scope document', () => {
  const documentRules = RULES.filter((rule) => rule.scope === 'document');

  it('are the receiver-independent rules, and the receiver-dependent ones are not among them', () => {
    expect(documentRules.map((rule) => rule.id)).toEqual(
      expect.arrayContaining(['security/dtd', 'signature/valid', 'signature/certificate-validity']),
    );
    for (const id of ['signature/trusted', 'signature/method-accepted', 'document/sender-rules'])
      expect(RULES.find((rule) => rule.id === id)?.scope).toBeUndefined();
  });

  it('never read the receiver, and report the same for every receiver', () => {
    expect(corpus.length).toBeGreaterThan(200);
    const [first, second] = [receivers[0], receivers.at(-1)];
    if (!first || !second) throw new Error('no shipped receivers');
    let reported = 0;
    const rulesReported = new Set<string>();
    for (const file of corpus) {
      const loaded = loadDocument(file, undefined, asOf);
      const blind = context(loaded, 'none');
      const seenByFirst = context(loaded, first);
      const seenBySecond = context(loaded, second);
      for (const rule of documentRules) {
        const reports = rule.check(blind);
        expect(rule.check(seenByFirst), `${rule.id} on ${file}`).toEqual(reports);
        expect(rule.check(seenBySecond), `${rule.id} on ${file}`).toEqual(reports);
        reported += reports.length;
        if (reports.length > 0) rulesReported.add(rule.id);
      }
    }
    // The corpus exercises them: the hostile cases and negative fixtures make most of them report.
    expect(reported).toBeGreaterThan(100);
    expect(rulesReported.size).toBeGreaterThanOrEqual(8);
  });
});

describe('the engine and document-scope rules', () => {
  const calls = { document: 0, pair: 0 };
  const onceForTheDocument: Rule = defineDocumentRule({
    id: 'test/document-once',
    defaultSeverity: 'warning',
    meta: { description: 'test', messages: { seen: 'seen in {{file}}' } },
    check: ({ document }) => {
      calls.document += 1;
      return [{ messageId: 'seen', data: { file: document.file } }];
    },
  });
  const perPair: Rule = defineRule({
    id: 'test/per-pair',
    defaultSeverity: 'info',
    meta: { description: 'test', messages: { seen: 'seen by {{receiver}}' } },
    check: ({ receiver }) => {
      calls.pair += 1;
      return [{ messageId: 'seen', data: { receiver: receiver.id } }];
    },
  });
  const file = join(
    ROOT,
    'fixtures/documents/RU',
    readdirSync(join(ROOT, 'fixtures/documents/RU'))[0] as string,
  );

  it('checks a document-scope rule once per document, and gives each pair its own findings', () => {
    calls.document = 0;
    calls.pair = 0;
    const { document, verifications } = loadDocument(file, undefined, asOf);
    const subject: DocumentUnderTest = {
      document,
      verifications,
      senderId: 'RU',
      memo: new Memo(),
    };
    const pairs = receivers.map((receiver) =>
      evaluatePair(subject, receiver, asOf, [onceForTheDocument, perPair]),
    );
    expect(receivers.length).toBeGreaterThan(5);
    expect(calls).toEqual({ document: 1, pair: receivers.length });
    pairs.forEach((pair, index) => {
      const receiver = receivers[index]?.id;
      expect(pair.receiver).toBe(receiver);
      const mine = pair.findings.find((finding) => finding.ruleId === 'test/document-once');
      expect(mine).toMatchObject({ receiver, severity: 'warning', message: `seen in ${file}` });
    });
  });

  it('without a shared memo, checks it for each pair (a pair evaluated alone)', () => {
    calls.document = 0;
    const { document, verifications } = loadDocument(file, undefined, asOf);
    for (const receiver of receivers)
      evaluatePair({ document, verifications, senderId: 'RU' }, receiver, asOf, [
        onceForTheDocument,
      ]);
    expect(calls.document).toBe(receivers.length);
  });

  it('applies each receiver’s level to the shared reports: off for one receiver, error for another', () => {
    calls.document = 0;
    const { document, verifications } = loadDocument(file, undefined, asOf);
    const [offFor, errorFor, plain] = receivers;
    if (!offFor || !errorFor || !plain) throw new Error('too few receivers');
    const memo = new Memo();
    const withLevel = (receiver: typeof offFor, level: 'off' | 'error') => ({
      ...receiver,
      rules: { ...receiver.rules, 'test/document-once': level },
    });
    const subject: DocumentUnderTest = { document, verifications, senderId: 'RU', memo };
    const off = evaluatePair(subject, withLevel(offFor, 'off'), asOf, [onceForTheDocument]);
    const error = evaluatePair(subject, withLevel(errorFor, 'error'), asOf, [onceForTheDocument]);
    const unchanged = evaluatePair(subject, plain, asOf, [onceForTheDocument]);
    expect(off.findings).toEqual([]);
    expect(error.findings.map((f) => f.severity)).toEqual(['error']);
    expect(unchanged.findings.map((f) => f.severity)).toEqual(['warning']);
    expect(calls.document).toBe(1);
  });
});

/**
 * The per-document time budget is checked before each Reference, not only before each
 * signature: one signature with 32 whole-document References cannot overrun the budget by 32
 * canonicalizations. Time is a fake clock (every reading one second later), never the wall
 * clock, so the tests say where verification stops, not how long it took.
 */
import { createSign, generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PublicKey } from '../../src/crypto/types.js';
import { decodePublicKey } from '../../src/pki/spki.js';
import { verifyWithinLimits } from '../../src/security/verify.js';
import { dsigChild, dsigChildren, signatureElements } from '../../src/signature/dsig-elements.js';
import { signEnveloped } from '../../src/signature/sign.js';
import type { SignatureVerification } from '../../src/signature/types.js';
import { canonicalize } from '../../src/xml/c14n.js';
import { parseXml } from '../../src/xml/parse.js';

const REFERENCES = 32;
const asOf = new Date('2026-01-01T00:00:00Z');
let publicKey: PublicKey;
let signed: string;

/**
 * A declaration signed once, then its single whole-document Reference repeated 32 times and
 * SignedInfo signed again with Node's own RSA signer: valid, and as costly as the reference
 * limit allows.
 */
beforeAll(() => {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  publicKey = decodePublicKey(
    new Uint8Array(pair.publicKey.export({ type: 'spki', format: 'der' })),
  );
  const items = Array.from(
    { length: 200 },
    (_, i) => `<Item n="${i}"><Code>8471.30</Code><Value>${i * 3}.50</Value></Item>`,
  ).join('');
  const once = signEnveloped(`<Declaration>${items}</Declaration>`, {
    signatureAlgorithm: 'rsa-sha256',
    digestAlgorithm: 'sha256',
    canonicalization: 'exc-c14n',
    privateKey: { family: 'rsa', keyObject: pair.privateKey },
  });
  const reference = /<ds:Reference[\s>][\s\S]*?<\/ds:Reference>/.exec(once)?.[0] ?? '';
  expect(reference).not.toBe('');
  const many = once.replace(reference, reference.repeat(REFERENCES));
  const doc = parseXml(many);
  const signedInfo = dsigChild(signatureElements(doc.root)[0]!, 'SignedInfo')!;
  const octets = canonicalize(signedInfo, { method: 'exc-c14n', withComments: false });
  const value = createSign('sha256').update(octets).sign(pair.privateKey).toString('base64');
  signed = many.replace(/<ds:SignatureValue>[\s\S]*?<\/ds:SignatureValue>/, () => {
    return `<ds:SignatureValue>${value}</ds:SignatureValue>`;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Every reading of the clock is one second after the previous one. */
function slowClock(): void {
  let now = 0;
  vi.spyOn(process.hrtime, 'bigint').mockImplementation(() => BigInt((now += 1e9)));
}

function verify(xml: string, timeBudgetMs?: number): SignatureVerification {
  const doc = parseXml(xml);
  const [result] = verifyWithinLimits(doc, {
    asOf,
    keys: [publicKey],
    limits: timeBudgetMs === undefined ? {} : { timeBudgetMs },
  });
  expect(result).toBeDefined();
  return result!;
}

function referencePositions(xml: string): number[] {
  const doc = parseXml(xml);
  const signedInfo = dsigChild(signatureElements(doc.root)[0]!, 'SignedInfo')!;
  return dsigChildren(signedInfo, 'Reference').map((r) => r.pos.offset);
}

/** How many References were checked before the first unchecked one; -1 if the shape is mixed. */
function checkedPrefix(result: SignatureVerification): number {
  const verdicts = (result.references ?? []).map((r) => r.digestValid);
  const checked = verdicts.findIndex((v) => v === null);
  const prefix = checked === -1 ? verdicts.length : checked;
  return verdicts.slice(prefix).every((v) => v === null) ? prefix : -1;
}

describe('time budget per Reference', () => {
  it('within the budget (34 clock readings), a signature with 32 References verifies', () => {
    slowClock();
    const result = verify(signed, 60_000);
    expect(result.valid).toBe(true);
    expect(result.references).toHaveLength(REFERENCES);
    expect(result.problems.filter((p) => p.ruleId === 'security/limit')).toEqual([]);
  });

  it('a budget that runs out between References stops there: not verified, one limit finding', () => {
    slowClock();
    const result = verify(signed, 6000);
    expect(result.valid).toBeNull();
    const checked = checkedPrefix(result);
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThan(REFERENCES);
    expect(result.references?.slice(0, checked).every((r) => r.digestValid === true)).toBe(true);
    expect(result.references).toHaveLength(REFERENCES);

    const limits = result.problems.filter((p) => p.ruleId === 'security/limit');
    expect(limits).toHaveLength(1);
    expect(limits[0]?.message).toMatch(
      /^time budget of 6000 ms used up after \d+ ms: signature not verified, stopped before \/Declaration\/ds:Signature\/ds:SignedInfo\/ds:Reference/,
    );
    // The finding points at the first Reference left unchecked.
    expect(limits[0]?.pos?.offset).toBe(referencePositions(signed)[checked]);
    // Neither the SignatureValue nor the wrapping defence ran on a half-checked signature.
    expect(result.problems.map((p) => p.ruleId)).toEqual(['security/limit']);
  });

  it('a larger budget checks more References before stopping', () => {
    slowClock();
    const small = checkedPrefix(verify(signed, 6000));
    slowClock();
    const larger = checkedPrefix(verify(signed, 12_000));
    expect(larger).toBeGreaterThan(small);
    expect(larger).toBeLessThan(REFERENCES);
  });

  it('a digest that already failed keeps the signature invalid when the budget runs out', () => {
    const tampered = signed.replace('<Value>3.50</Value>', '<Value>30.50</Value>');
    expect(tampered).not.toBe(signed);
    slowClock();
    const result = verify(tampered, 6000);
    expect(result.valid).toBe(false);
    const ids = result.problems.map((p) => p.ruleId);
    expect(ids).toContain('xmldsig/digest-mismatch');
    expect(ids).toContain('security/limit');
    expect(checkedPrefix(result)).toBeLessThan(REFERENCES);
  });

  it('a budget gone before the signature still refuses it before any Reference', () => {
    slowClock();
    const result = verify(signed, 500);
    expect(result.valid).toBeNull();
    expect(result.keySource).toBe('none');
    expect(result.references).toBeUndefined();
    expect(result.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^time budget of 500 ms used up after \d+ ms: signature not verified$/),
    ]);
  });
});

/**
 * Issue #15, items 2 and 3: the model is read from document content only. A ds:Signature moved
 * into a data field, or a dummy EncryptedData added to the document, used to make a wrong
 * document pass; each repro is taken from a shipped fixture and its expectation hand-written.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/documents/read.js';
import { evaluatePair } from '../../src/engine/evaluate.js';
import { selectReceivers } from '../../src/engine/run.js';
import type { Finding } from '../../src/engine/types.js';
import { loadProfiles } from '../../src/profiles/load.js';
import type { ResolvedProfile } from '../../src/profiles/types.js';
import { verifyWithinLimits } from '../../src/security/verify.js';

const profiles = loadProfiles();
const asOf = new Date('2026-12-01T00:00:00Z');
const fixture = (path: string) =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url)), 'utf8');

const XENC = 'http://www.w3.org/2001/04/xmlenc#';
const SIGNATURE = /<ds:Signature [\s\S]*<\/ds:Signature>/;
/** A well-formed EncryptedData with no cipher value: encrypts nothing. */
const EMPTY_ENCRYPTED = `<xenc:EncryptedData xmlns:xenc="${XENC}"/>`;

interface Outcome {
  valid: boolean | null;
  status: string;
  findings: Finding[];
}

function evaluate(xml: string, receiverId: string, patch?: Partial<ResolvedProfile>): Outcome {
  const document = readDocument('case.xml', Buffer.from(xml));
  const verifications = document.xml ? verifyWithinLimits(document.xml, { asOf }) : [];
  const senderId = document.issuingCountry ?? 'unknown';
  const [receiver] = selectReceivers(profiles, [receiverId]);
  if (!receiver) throw new Error(receiverId);
  const pair = evaluatePair(
    { document, verifications, senderId, sender: profiles.profiles.get(senderId) },
    { ...receiver, ...patch },
    asOf,
  );
  const valid = verifications.length === 1 ? (verifications[0]?.valid ?? null) : null;
  return { valid, status: pair.status, findings: pair.findings };
}

const ids = (o: Outcome, severity = 'error') =>
  [...new Set(o.findings.filter((f) => f.severity === severity).map((f) => f.ruleId))].sort();

/** Moves the document's ds:Signature to just before `</Tag>` (the first one). */
function moveSignatureInto(xml: string, tag: string): string {
  const signature = SIGNATURE.exec(xml)?.[0];
  if (!signature) throw new Error('no signature');
  const without = xml.replace(signature, '');
  const at = without.indexOf(`</${tag}>`);
  if (at < 0) throw new Error(tag);
  return without.slice(0, at) + signature + without.slice(at);
}

describe('a ds:Signature moved into a data field', () => {
  const original = fixture('negative/restricted-personal-data.xml');
  const moved = moveSignatureInto(original, 'Citizenship');

  it('still verifies, still reads the field, and is a signature/placement error', () => {
    const before = evaluate(original, 'TTP-EAEU');
    const after = evaluate(moved, 'TTP-EAEU');
    expect(before.valid).toBe(true);
    expect(after.valid).toBe(true); // the enveloped transform removes it wherever it is
    expect(ids(before)).toContain('data-export/restricted');
    expect(ids(after)).toEqual([...ids(before), 'signature/placement'].sort());
    const placement = after.findings.find((f) => f.ruleId === 'signature/placement');
    expect(placement?.messageId).toBe('insideField');
    expect(placement?.data?.['field']).toMatch(/Citizenship/);
    expect(after.status).toBe('fail');
  });

  it('the data-export rule fires for every receiver that had it', () => {
    for (const receiver of selectReceivers(profiles, 'all')) {
      const before = evaluate(original, receiver.id);
      const after = evaluate(moved, receiver.id);
      for (const id of ids(before)) expect(ids(after), `${receiver.id} ${id}`).toContain(id);
    }
  });
});

describe('a dummy EncryptedData', () => {
  const wrongInn = fixture('negative/wrong-taxpayer-id.xml');

  it('added as a child of the root hides no document rule (11-digit INN still fails RU → RU)', () => {
    const dummy = wrongInn.replace('</IssuingCountry>', `</IssuingCountry>${EMPTY_ENCRYPTED}`);
    const outcome = evaluate(dummy, 'RU');
    expect(ids(outcome)).toContain('document/receiver-rules');
    expect(outcome.findings.some((f) => /not evaluated/.test(f.message))).toBe(false);
  });

  it('a real-looking one of type #Element beside plain fields hides only missing fields', () => {
    const element = `<xenc:EncryptedData xmlns:xenc="${XENC}" Type="${XENC}Element"><xenc:EncryptionMethod Algorithm="urn:ietf:params:xml:ns:cpxmlsec:algorithms:gost28147"/><xenc:CipherData><xenc:CipherValue>AAAA</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData>`;
    const dummy = wrongInn.replace('</IssuingCountry>', `</IssuingCountry>${element}`);
    const outcome = evaluate(dummy, 'RU');
    // The taxpayer id is in plain text: checked.
    expect(ids(outcome)).toContain('document/receiver-rules');
  });

  it('inside the field with plain text beside it does not hide the field', () => {
    const dummy = wrongInn.replace(/(<TaxpayerId[^>]*>)/, `$1${EMPTY_ENCRYPTED}`);
    expect(ids(evaluate(dummy, 'RU'))).toContain('document/receiver-rules');
  });

  describe('encryption/required', () => {
    const requiring: Partial<ResolvedProfile> = {
      encryption: {
        ...profiles.profiles.get('RU')?.encryption,
        requiredFor: ['customs-declaration'],
      },
    };
    const plain = fixture('documents/RU/customs-declaration.xml');
    const encrypted = fixture('documents/RU/customs-declaration-encrypted.xml');

    it('is met by the shipped encrypted sample and failed by the plain one', () => {
      expect(ids(evaluate(encrypted, 'RU', requiring))).not.toContain('encryption/required');
      expect(ids(evaluate(plain, 'RU', requiring))).toContain('encryption/required');
    });

    it('is not met by an empty EncryptedData, nor by one inside ds:Object', () => {
      const empty = plain.replace('</IssuingCountry>', `</IssuingCountry>${EMPTY_ENCRYPTED}`);
      expect(ids(evaluate(empty, 'RU', requiring))).toContain('encryption/required');
      // The shipped sample's real EncryptedData, moved into an (unsigned) ds:Object.
      const real = /<xenc:EncryptedData[\s\S]*<\/xenc:EncryptedData>/.exec(encrypted)?.[0] ?? '';
      const inObject = plain.replace(
        '</ds:KeyInfo></ds:Signature>',
        `</ds:KeyInfo><ds:Object>${real}</ds:Object></ds:Signature>`,
      );
      expect(inObject).not.toBe(plain);
      expect(ids(evaluate(inObject, 'RU', requiring))).toContain('encryption/required');
    });

    it('is not met by a cipher the receiver does not accept', () => {
      const weak = encrypted.replace(
        'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gost28147"',
        'http://www.w3.org/2001/04/xmlenc#tripledes-cbc"',
      );
      expect(weak).not.toBe(encrypted);
      expect(ids(evaluate(weak, 'RU', requiring))).toContain('encryption/required');
    });
  });
});

describe('document content in an unsigned ds:Object', () => {
  const plain = fixture('documents/RU/customs-declaration.xml');
  const body = /<CustomsDeclaration[\s\S]*?(?=<ds:Signature)/.exec(plain)?.[0] ?? '';
  const second = `${body.replace('7799123456', '7799123456999')}</CustomsDeclaration>`;

  it('a whole second CustomsDeclaration there is a signature/placement error', () => {
    const hidden = plain.replace(
      '</ds:KeyInfo></ds:Signature>',
      `</ds:KeyInfo><ds:Object Id="extra">${second}</ds:Object></ds:Signature>`,
    );
    expect(hidden).not.toBe(plain);
    const outcome = evaluate(hidden, 'RU');
    expect(outcome.valid).toBe(true); // the Object is not signed: the signature still verifies
    const placement = outcome.findings.filter((f) => f.ruleId === 'signature/placement');
    expect(placement.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /document content .*ds:Object\[\d+\]\/CustomsDeclaration\[1\] inside a ds:Object that no signature Reference signs/,
      ),
    ]);
    expect(ids(evaluate(plain, 'RU'))).not.toContain('signature/placement');
  });
});

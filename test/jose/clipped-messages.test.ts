import { describe, expect, it } from 'vitest';
import { encodeBase64Url } from '../../src/jose/base64url.js';
import { readDocument } from '../../src/documents/read.js';
import type { SignatureVerification } from '../../src/signature/types.js';
import { clipQuoted, quotedJsonValue } from '../../src/util/clip.js';
import { declaration, signedDeclaration, signer, verifyText, verifyValue } from './helpers.js';

/** A hostile value: 10 000 characters that would flood a report quoted whole. */
const LONG = (char: string): string => char.repeat(10_000);
/** What a message may show of it: the first 64 characters and an ellipsis. */
const SHOWN = (char: string): string => `${char.repeat(64)}…`;
/** The same for a JSON pointer to a member of that name: the `/` counts among the 64. */
const SHOWN_POINTER = (char: string): string => `/${char.repeat(63)}…`;

function messages(v: SignatureVerification, ruleId: string): string[] {
  return v.problems.filter((p) => p.ruleId === ruleId).map((p) => p.message);
}

/** Every message of a verification quotes at most the clipped value, never 65 characters of it. */
function expectClipped(v: SignatureVerification, char: string): void {
  for (const problem of v.problems) {
    expect(problem.message, problem.ruleId).not.toContain(char.repeat(65));
    expect(problem.message.length, problem.ruleId).toBeLessThan(400);
  }
}

/** The signed declaration with its protected header replaced by raw JSON text. */
function withRawHeader(headerJson: string): Record<string, unknown> {
  const signed = signedDeclaration(signer('ec-p256'), 'ecdsa-sha256');
  const [, , signature] = (signed.signature as string).split('.');
  return { ...signed, signature: `${encodeBase64Url(headerJson)}..${signature}` };
}

describe('clipQuoted and quotedJsonValue', () => {
  it('leave short values alone and cut long ones to 64 characters and an ellipsis', () => {
    expect(clipQuoted('ES256')).toBe('ES256');
    expect(clipQuoted('x'.repeat(64))).toBe('x'.repeat(64));
    expect(clipQuoted(LONG('x'))).toBe(SHOWN('x'));
    expect(quotedJsonValue('yesterday')).toBe('"yesterday"');
    expect(quotedJsonValue(LONG('x'))).toBe(`"${SHOWN('x')}"`);
    expect(quotedJsonValue(false)).toBe('false');
    expect(quotedJsonValue({ a: LONG('x') })).toBe(`{"a":"${'x'.repeat(58)}…`);
  });
});

describe('JWS messages quote a 10 000-character header value clipped', () => {
  const ec = signer('ec-p256');

  it('an unknown "alg"', () => {
    const v = verifyValue(withRawHeader(JSON.stringify({ alg: LONG('A') })));
    expect(messages(v, 'jws/unknown-algorithm')).toEqual([`unknown JWS algorithm "${SHOWN('A')}"`]);
    expectClipped(v, 'A');
  });

  it('an unknown "crit" extension', () => {
    const v = verifyValue(
      signedDeclaration(ec, 'ecdsa-sha256', { header: { crit: [LONG('C')], [LONG('C')]: 1 } }),
    );
    expect(messages(v, 'jws/unknown-crit')).toEqual([
      `"crit" requires the extension "${SHOWN('C')}", which corridor does not understand: the JWS must be refused (RFC 7515 §4.1.11)`,
    ]);
    expect(v.valid).toBe(false);
    expectClipped(v, 'C');
  });

  it('a "sigT" that is no date-time, as a string or as an object', () => {
    const text = verifyValue(
      signedDeclaration(ec, 'ecdsa-sha256', { header: { sigT: LONG('T') } }),
    );
    expect(messages(text, 'jws/bad-header')).toEqual([
      `"sigT" must be a UTC date-time such as 2026-11-01T10:00:00Z, got "${SHOWN('T')}"`,
    ]);
    expectClipped(text, 'T');
    const object = verifyValue(
      signedDeclaration(ec, 'ecdsa-sha256', { header: { sigT: { at: LONG('T') } } }),
    );
    expect(messages(object, 'jws/bad-header')[0]).toMatch(/got \{"at":"T{57}…$/);
    expectClipped(object, 'T');
  });

  it('a "b64" other than true', () => {
    const v = verifyValue(signedDeclaration(ec, 'ecdsa-sha256', { header: { b64: LONG('B') } }));
    expect(messages(v, 'jws/unencoded-payload')[0]).toContain(`"b64": "${SHOWN('B')}" (RFC 7797`);
    expectClipped(v, 'B');
  });

  it('a header member named twice', () => {
    const name = JSON.stringify(LONG('H'));
    const v = verifyValue(withRawHeader(`{"alg":"ES256",${name}:1,${name}:2}`));
    expect(messages(v, 'jws/bad-header')).toEqual([
      `the protected header names ${SHOWN_POINTER('H')} twice`,
    ]);
    expectClipped(v, 'H');
  });

  it('a document member named twice, signed or not', () => {
    const name = JSON.stringify(LONG('M'));
    const signed = JSON.stringify(signedDeclaration(ec, 'ecdsa-sha256'));
    const { verifications } = verifyText(`{${name}:1,${name}:2,${signed.slice(1)}`);
    const [v] = verifications as [SignatureVerification];
    expect(messages(v, 'jws/duplicate-member')[0]).toMatch(
      new RegExp(`^member ${SHOWN_POINTER('M')} appears more than once`),
    );
    expectClipped(v, 'M');
    const unsigned = JSON.stringify(declaration());
    const document = readDocument(
      'u.json',
      new TextEncoder().encode(`{${name}:1,${name}:2,${unsigned.slice(1)}`),
    );
    const duplicate = document.problems.find((p) => p.ruleId === 'document/duplicate-member');
    expect(duplicate?.message).toMatch(
      new RegExp(`^member ${SHOWN_POINTER('M')} appears more than once`),
    );
    expect(duplicate?.message).not.toContain('M'.repeat(65));
  });

  it('a signed member with no canonical form (lone surrogate) under a long name', () => {
    const signed = signedDeclaration(ec, 'ecdsa-sha256');
    const v = verifyValue({ ...signed, [LONG('S')]: 'bad \ud800' });
    const [message] = messages(v, 'jws/not-i-json');
    expect(message).toMatch(
      new RegExp(`^the signed object has no canonical form: .* at ${SHOWN_POINTER('S')}$`),
    );
    expect(v.valid).toBe(false);
    expectClipped(v, 'S');
  });
});

import { describe, expect, it } from 'vitest';
import { evaluatePair } from '../../src/engine/evaluate.js';
import { loadProfiles } from '../../src/profiles/load.js';
import { signedDeclaration, signer, verifyText } from '../jose/helpers.js';

/**
 * Real JWS/CT documents (signed by src/jose, read by the JSON reader, verified) through the
 * shipped profiles: the policy side sees exactly what a user's run would.
 */
const shipped = loadProfiles();
const AS_OF = new Date('2026-12-01T00:00:00Z');

function signatureFindings(value: Record<string, unknown>, receiverId: string) {
  const { document, verifications } = verifyText(JSON.stringify(value, null, 2));
  const receiver = shipped.profiles.get(receiverId);
  if (!receiver) throw new Error(`no shipped profile ${receiverId}`);
  return evaluatePair({ document, verifications, senderId: 'EU' }, receiver, AS_OF).findings.filter(
    // Trust depends on TEST ONLY anchors, not on the syntax.
    (f) => f.ruleId.startsWith('signature/') && f.ruleId !== 'signature/trusted',
  );
}

describe('JWS/CT documents against the shipped receivers', () => {
  it('the reader describes a JWS as the rules expect (format, JCS, no References)', () => {
    const { document } = verifyText(
      JSON.stringify(signedDeclaration(signer('ec-p256'), 'ecdsa-sha256'), null, 2),
    );
    expect(document.signatures.map((s) => [s.format, s.canonicalizationMethod])).toEqual([
      ['jws', 'urn:ietf:rfc:8785'],
    ]);
    expect(document.signatures[0]?.references).toEqual([]);
  });

  it('EU accepts a JWS ES256 on P-256: no signature finding', () => {
    const value = signedDeclaration(signer('ec-p256'), 'ecdsa-sha256');
    expect(signatureFindings(value, 'EU')).toEqual([]);
  });

  it('RU refuses a JWS GOST 2012-256 for its syntax only', () => {
    const value = signedDeclaration(signer('gost2012-256'), 'gost2012-256');
    const findings = signatureFindings(value, 'RU');
    expect(findings.map((f) => f.ruleId)).toEqual(['signature/format-accepted']);
    expect(findings[0]).toMatchObject({
      messageId: 'notAccepted',
      data: { format: 'JWS (JWS/CT "signature" member)', receiver: 'RU' },
    });
    expect(findings[0]?.location.path).toBe('/signature');
    expect(findings[0]?.location.line).toBeGreaterThan(1);
  });

  it('CN refuses a JWS SM2 for its syntax, without an algorithm-name finding for the JOSE URN', () => {
    const value = signedDeclaration(signer('sm2'), 'sm2-sm3');
    expect(signatureFindings(value, 'CN').map((f) => f.ruleId)).toEqual([
      'signature/format-accepted',
    ]);
  });

  it('a tampered JWS still fails signature/valid wherever its syntax is accepted', () => {
    const value = signedDeclaration(signer('ec-p256'), 'ecdsa-sha256');
    const tampered = { ...value, currency: 'USD' };
    expect(signatureFindings(tampered, 'EU').map((f) => f.ruleId)).toEqual(['signature/valid']);
  });
});

import { describe, expect, it } from 'vitest';
import { evaluatePair } from '../../src/engine/evaluate.js';
import { signJwsCt } from '../../src/jose/jws-ct-sign.js';
import { loadProfiles } from '../../src/profiles/load.js';
import { declaration, signedDeclaration, signer, verifyText } from '../jose/helpers.js';

/**
 * Security findings on a JSON document speak JSON: a duplicate member is not "XML signature
 * wrapping" with a hint about Reference URI="", and a jwk is not a KeyValue.
 */
const shipped = loadProfiles();
const EU = shipped.profiles.get('EU');
const AS_OF = new Date('2026-12-01T00:00:00Z');

function securityFindings(text: string) {
  if (!EU) throw new Error('no shipped EU profile');
  const { document, verifications } = verifyText(text);
  return evaluatePair({ document, verifications, senderId: 'EU' }, EU, AS_OF).findings.filter((f) =>
    f.ruleId.startsWith('security/'),
  );
}

describe('security findings on JWS/CT documents', () => {
  it('a duplicate member is JSON signature wrapping, with an I-JSON hint', () => {
    const signed = signedDeclaration(signer('ec-p256'), 'ecdsa-sha256');
    const text = JSON.stringify(signed, null, 2).replace(
      '"currency": "EUR",',
      '"currency": "EUR",\n  "currency": "USD",',
    );
    const findings = securityFindings(text);
    expect(findings.map((f) => f.ruleId)).toEqual(['security/signature-wrapping']);
    expect(findings[0]?.message).toMatch(/^JSON signature wrapping \(duplicate member names\): /);
    expect(findings[0]?.hint).toMatch(/I-JSON/);
    expect(findings[0]?.hint).not.toMatch(/Reference URI/);
  });

  it('a bare jwk is reported as a self-asserted jwk, not a KeyValue', () => {
    const who = signer('rsa');
    const jwk =
      'keyObject' in who.publicKey ? who.publicKey.keyObject.export({ format: 'jwk' }) : {};
    const value = signJwsCt(declaration(), {
      signatureAlgorithm: 'rsa-sha256',
      privateKey: who.privateKey,
      header: { jwk },
    });
    const findings = securityFindings(JSON.stringify(value, null, 2));
    const bare = findings.find((f) => f.ruleId === 'security/keyvalue-only');
    expect(bare?.message).toMatch(/^bare jwk \(self-asserted key\): /);
    expect(bare?.hint).toMatch(/x5c/);
  });
});

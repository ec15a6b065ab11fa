import { describe, expect, it } from 'vitest';
import { declaration, findingsOf, profile, signature, verification } from './builders.js';

const MORE = 'http://www.w3.org/2001/04/xmldsig-more#';

describe('signature/algorithm-strength', () => {
  it('MD5 and RIPEMD-160 are errors even when the signature verifies; DSA a warning', () => {
    const md5 = declaration({}, { signatures: [signature({ signatureMethod: `${MORE}rsa-md5` })] });
    const [broken] = findingsOf('signature/algorithm-strength', md5, profile());
    expect(broken?.severity).toBe('error');
    expect(broken?.messageId).toBe('broken');
    expect(broken?.data?.['algorithm']).toMatch(/MD5/);

    const dsa = declaration(
      {},
      {
        signatures: [signature({ signatureMethod: 'http://www.w3.org/2000/09/xmldsig#dsa-sha1' })],
      },
    );
    const [legacy] = findingsOf('signature/algorithm-strength', dsa, profile());
    expect(legacy?.severity).toBe('warning');

    expect(findingsOf('signature/algorithm-strength', declaration(), profile())).toEqual([]);
  });
});

describe('signature/value-encoding', () => {
  it('a leniently read SignatureValue is a warning; a conforming one nothing', () => {
    const doc = declaration();
    const lenient = findingsOf('signature/value-encoding', doc, profile(), {
      verifications: [
        verification({
          valid: true,
          problems: [
            {
              ruleId: 'xmldsig/nonconformant-signature-encoding',
              message: 'SignatureValue verifies only when read leniently: DER',
            },
          ],
        }),
      ],
    });
    expect(lenient).toHaveLength(1);
    expect(lenient[0]?.severity).toBe('warning');
    expect(findingsOf('signature/value-encoding', doc, profile())).toEqual([]);
  });
});

describe('signature/revoked', () => {
  it('a revoked certificate and a missing required CRL are errors; a stale CRL a warning', () => {
    const doc = declaration();
    const findings = findingsOf('signature/revoked', doc, profile(), {
      verifications: [
        verification({
          valid: true,
          problems: [
            { ruleId: 'xmldsig/certificate-revoked', message: 'revoked on 2026-03-08' },
            { ruleId: 'xmldsig/crl-expired', message: 'CRL due 2026-04-14' },
            { ruleId: 'xmldsig/revocation-unknown', message: 'no current CRL' },
          ],
        }),
      ],
    });
    expect(findings.map((f) => f.severity)).toEqual(['error', 'warning', 'error']);
    expect(findingsOf('signature/revoked', doc, profile())).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { issueCertificate } from '../../src/pki/issue.js';
import { spkiOfPrivateKey } from '../../src/pki/keys.js';
import type { SigningTime } from '../../src/signature/types.js';
import { signedDeclaration, signer, verifyText } from '../jose/helpers.js';
import { nodeKeyPair } from '../signature/keys.js';
import { declaration, findingsOf, profile, signature, verification } from './builders.js';

const RULE = 'signature/certificate-validity';
const PLAIN = 'Re-sign the document with a currently valid certificate.';
const RECEIVER = profile({ id: 'BB' });

/** A real certificate valid 2018-01-01 … 2021-01-01: the rule reads its validity from the DER. */
const pair = nodeKeyPair('ecdsa', 'P-256');
const CERTIFICATE = issueCertificate({
  subject: 'CN=corridor expired signer,C=AA',
  issuerKey: pair.privateKey,
  subjectPublicKey: spkiOfPrivateKey(pair.privateKey),
  notBefore: new Date('2018-01-01T00:00:00Z'),
  notAfter: new Date('2021-01-01T00:00:00Z'),
  isCA: false,
  serial: 11n,
});

const signedOn = (day: string, more: Partial<SigningTime> = {}): SigningTime => ({
  source: 'xades',
  text: `${day}T10:00:00Z`,
  utc: `${day}T10:00:00.000Z`,
  signed: true,
  ...more,
});

function hints(
  signingTime: SigningTime | undefined,
  options: { valid?: boolean | null; asOf?: string } = {},
): Array<string | undefined> {
  const doc = declaration({}, { signatures: [signature(signingTime ? { signingTime } : {})] });
  return findingsOf(RULE, doc, RECEIVER, {
    asOf: options.asOf ?? '2026-11-21',
    verifications: [
      verification({
        valid: options.valid === undefined ? true : options.valid,
        keySource: 'x509',
        certificateChain: [CERTIFICATE],
        signer: {
          keyAlgorithm: 'ecdsa',
          keyBits: 256,
          notBefore: '2018-01-01T00:00:00.000Z',
          notAfter: '2021-01-01T00:00:00.000Z',
        },
      }),
    ],
  }).map((finding) => finding.hint);
}

describe('signature/certificate-validity: an expired certificate and a signed signing time', () => {
  it('still fails, and the hint says the signed time was seen and why it does not count', () => {
    expect(hints(signedOn('2019-06-01'))).toEqual([
      "Signed 2019-06-01 (XAdES SigningTime, signed), inside the certificate's validity; without a " +
        'trusted timestamp corridor judges the certificate on the evaluation date (EU DSS, too, ' +
        `uses the signing time only when a timestamp proves it). ${PLAIN}`,
    ]);
  });

  it('gives the plain hint when the time is not one the rules would believe', () => {
    // No signing time; a claim the signature does not cover; a signature that does not verify
    // or cannot be verified here; a signed time after the certificate expired; an unreadable one.
    expect(hints(undefined)).toEqual([PLAIN]);
    expect(hints(signedOn('2019-06-01', { signed: false }))).toEqual([PLAIN]);
    expect(hints(signedOn('2019-06-01'), { valid: false })).toEqual([PLAIN]);
    expect(hints(signedOn('2019-06-01'), { valid: null })).toEqual([PLAIN]);
    expect(hints(signedOn('2022-03-02'))).toEqual([PLAIN]);
    expect(hints(signedOn('2017-12-31'))).toEqual([PLAIN]);
    expect(hints({ source: 'xades', text: 'yesterday', signed: true })).toEqual([PLAIN]);
  });

  it('does not change the verdict: no finding while the certificate is valid', () => {
    expect(hints(signedOn('2019-06-01'), { asOf: '2020-06-01' })).toEqual([]);
  });
});

describe('signature/certificate-validity: a real JWS/CT document with a signed sigT', () => {
  // The test signer's certificate is valid 2026-01-01 … 2030-12-31; evaluated in 2031.
  function findings(signingTime: Date) {
    const signed = signedDeclaration(signer('ec-p256'), 'ecdsa-sha256', { signingTime });
    const { document, verifications } = verifyText(JSON.stringify(signed));
    expect(verifications[0]?.valid).toBe(true);
    return findingsOf(RULE, document, RECEIVER, { verifications, asOf: '2031-06-01' });
  }

  it('names the signed sigT day when it lies inside the validity', () => {
    const [finding, ...rest] = findings(new Date('2026-11-01T10:00:00Z'));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      messageId: 'expired',
      data: { notAfter: '2030-12-31', asOf: '2031-06-01' },
    });
    expect(finding?.hint).toMatch(
      /^Signed 2026-11-01 \(JWS sigT, signed\), inside the certificate's validity; without a trusted timestamp/,
    );
  });

  it('gives the plain hint for a signed sigT after the certificate expired', () => {
    expect(findings(new Date('2031-02-01T10:00:00Z')).map((f) => f.hint)).toEqual([PLAIN]);
  });
});

// Trust paths are shared by documents signed with the same certificates (engine/trust.ts): a
// result found for one document must still answer for the receiver's own anchors and
// intermediates and for the date asked, whatever was asked before.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { evaluateTrust } from '../../src/engine/trust.js';
import type { PrivateKey } from '../../src/crypto/types.js';
import { parseCertificate } from '../../src/pki/certificate.js';
import { issueCertificate } from '../../src/pki/issue.js';
import type { ResolvedProfile } from '../../src/profiles/types.js';
import type { SignatureVerification } from '../../src/signature/types.js';

function rsa(): { privateKey: PrivateKey; spki: Uint8Array } {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: { family: 'rsa', keyObject: pair.privateKey },
    spki: new Uint8Array(pair.publicKey.export({ type: 'spki', format: 'der' })),
  };
}

function root(name: string, key: ReturnType<typeof rsa>, notAfter: string): Uint8Array {
  return issueCertificate({
    subject: `CN=${name},C=AA`,
    issuerKey: key.privateKey,
    subjectPublicKey: key.spki,
    notBefore: new Date('2020-01-01T00:00:00Z'),
    notAfter: new Date(notAfter),
    isCA: true,
    serial: 1n,
  });
}

const rootKey = rsa();
const otherKey = rsa();
const signerKey = rsa();
// The root expires on 2030-01-01; the signer's own validity is not trust's concern.
const rootDer = root('Paths Root', rootKey, '2030-01-01T00:00:00Z');
const otherDer = root('Other Root', otherKey, '2040-01-01T00:00:00Z');
const signerDer = issueCertificate({
  subject: 'CN=Paths Signer,C=AA',
  issuerCert: parseCertificate(rootDer),
  issuerKey: rootKey.privateKey,
  subjectPublicKey: signerKey.spki,
  notBefore: new Date('2020-01-01T00:00:00Z'),
  notAfter: new Date('2035-01-01T00:00:00Z'),
  isCA: false,
  serial: 2n,
});

const receiver = (id: string, anchor: Uint8Array): ResolvedProfile =>
  ({
    id,
    anchors: [{ file: `${id}.pem`, der: anchor }],
    intermediates: [],
  }) as unknown as ResolvedProfile;
// Two documents signed with the same certificate: distinct verifications, equal chains.
const signed = (): SignatureVerification =>
  ({ certificateChain: [signerDer], keySource: 'x509' }) as unknown as SignatureVerification;

describe('trust paths shared across documents', () => {
  const trusting = receiver('TR', rootDer);
  const stranger = receiver('ST', otherDer);
  const before = new Date('2026-12-01T00:00:00Z');
  const after = new Date('2031-01-01T00:00:00Z');

  it('answers for each receiver’s own anchors, in any order', () => {
    expect(evaluateTrust(signed(), trusting, before).trusted).toBe(true);
    expect(evaluateTrust(signed(), stranger, before).trusted).toBe(false);
    expect(evaluateTrust(signed(), trusting, before).trusted).toBe(true);
    expect(evaluateTrust(signed(), stranger, before).reason).toMatch(/no trusted issuer/);
  });

  it('answers for the date asked, after the same path was trusted on another date', () => {
    expect(evaluateTrust(signed(), trusting, before).trusted).toBe(true);
    const expired = evaluateTrust(signed(), trusting, after);
    expect(expired.trusted).toBe(false);
    expect(expired.reason).toMatch(/expired|not valid|validity/i);
    expect(evaluateTrust(signed(), trusting, before).trusted).toBe(true);
  });

  it('gives a later document the same answer as the first', () => {
    expect(evaluateTrust(signed(), stranger, after)).toEqual(
      evaluateTrust(signed(), stranger, after),
    );
  });
});

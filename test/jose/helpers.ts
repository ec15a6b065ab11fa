import type { PrivateKey, PublicKey } from '../../src/crypto/types.js';
import { readDocument } from '../../src/documents/read.js';
import type { ParsedDocument } from '../../src/documents/model.js';
import { signJwsCt, type JwsSignOptions } from '../../src/jose/jws-ct-sign.js';
import { verifyJsonDocument } from '../../src/jose/verify-document.js';
import type { JwsVerifyOptions } from '../../src/jose/jws-ct-verify.js';
import { issueCertificate } from '../../src/pki/issue.js';
import { spkiOfPrivateKey } from '../../src/pki/keys.js';
import type { SignatureVerification } from '../../src/signature/types.js';
import { gostKeyPair, nodeKeyPair, sm2KeyPair, type TestKeyPair } from '../signature/keys.js';

export interface Signer extends TestKeyPair {
  /** Self-signed certificate of the key (DER). */
  certificate: Uint8Array;
}

export type SignerKind =
  'rsa' | 'rsa-pss' | 'ec-p256' | 'ec-p384' | 'ed25519' | 'gost2012-256' | 'sm2';

const cache = new Map<SignerKind, Signer>();

/** A key pair with a self-signed certificate, made once per kind and test file. */
export function signer(kind: SignerKind): Signer {
  const hit = cache.get(kind);
  if (hit) return hit;
  const pair: TestKeyPair =
    kind === 'rsa' || kind === 'rsa-pss'
      ? nodeKeyPair('rsa', 2048)
      : kind === 'ec-p256'
        ? nodeKeyPair('ecdsa', 'P-256')
        : kind === 'ec-p384'
          ? nodeKeyPair('ecdsa', 'P-384')
          : kind === 'ed25519'
            ? nodeKeyPair('eddsa')
            : kind === 'sm2'
              ? sm2KeyPair()
              : gostKeyPair('gost2012-256');
  const certificate = issueCertificate({
    subject: `CN=corridor JWS test ${kind},C=EU`,
    issuerKey: pair.privateKey,
    subjectPublicKey: spkiOfPrivateKey(pair.privateKey),
    notBefore: new Date('2026-01-01T00:00:00Z'),
    notAfter: new Date('2030-12-31T23:59:59Z'),
    isCA: false,
    serial: 7n,
  });
  const made = { ...pair, certificate };
  cache.set(kind, made);
  return made;
}

export const NAMESPACE = 'urn:corridor:customs-declaration:1';

/** A small customs declaration as a JSON value (unsigned). */
export function declaration(country = 'EU'): Record<string, unknown> {
  return {
    $type: NAMESPACE,
    declarationNumber: 'D-1',
    issuingCountry: country,
    currency: 'EUR',
    totalValue: 1250.5,
    goodsItems: [{ commodityCode: '12345678', description: 'Ball bearings €', quantity: 3 }],
  };
}

/** The declaration signed with the signer's key and certificate (x5c, x5t#S256, sigT). */
export function signedDeclaration(
  who: Signer,
  algorithm: string,
  extra: Partial<JwsSignOptions> = {},
  value: Record<string, unknown> = declaration(),
): Record<string, unknown> {
  return signJwsCt(value, {
    signatureAlgorithm: algorithm,
    privateKey: who.privateKey,
    certificates: [who.certificate],
    signingTime: new Date('2026-11-01T10:00:00Z'),
    ...extra,
  });
}

/** Reads JSON text as a document and verifies it. */
export function verifyText(
  text: string,
  options: JwsVerifyOptions = {},
): { document: ParsedDocument; verifications: SignatureVerification[] } {
  const document = readDocument('doc.json', new TextEncoder().encode(text));
  return { document, verifications: verifyJsonDocument(document, options) };
}

/** The single verification of a JSON value written with 2-space indentation. */
export function verifyValue(value: unknown, options: JwsVerifyOptions = {}): SignatureVerification {
  const { verifications } = verifyText(JSON.stringify(value, null, 2), options);
  if (verifications.length !== 1)
    throw new Error(`expected one signature, got ${verifications.length}`);
  return verifications[0] as SignatureVerification;
}

export const ruleIds = (v: SignatureVerification): string[] => v.problems.map((p) => p.ruleId);

export type { PrivateKey, PublicKey };

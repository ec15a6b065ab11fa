import { createRequire } from 'node:module';
import { CompactSign, compactVerify, importPKCS8, importX509 } from 'jose';
import { describe, expect, it } from 'vitest';
import { toPem } from '../../src/pki/pem.js';
import {
  declaration,
  ruleIds,
  signedDeclaration,
  signer,
  verifyValue,
  type SignerKind,
} from './helpers.js';

// Independent implementations: panva's `jose` for JWS and the JCS reference (canonicalize).
const canonicalize = createRequire(import.meta.url)('canonicalize') as (value: unknown) => string;

const CASES: Array<[SignerKind, string, string]> = [
  ['rsa', 'rsa-sha256', 'RS256'],
  ['rsa', 'rsa-sha512', 'RS512'],
  ['rsa-pss', 'rsa-pss-sha256', 'PS256'],
  ['rsa-pss', 'rsa-pss-sha384', 'PS384'],
  ['ec-p256', 'ecdsa-sha256', 'ES256'],
  ['ec-p384', 'ecdsa-sha384', 'ES384'],
  ['ed25519', 'ed25519', 'Ed25519'],
];

/** The JCS payload, base64url, computed by the reference implementation, not by corridor. */
function detachedPayload(value: Record<string, unknown>): string {
  const { signature: _signature, ...payload } = value;
  return Buffer.from(canonicalize(payload), 'utf8').toString('base64url');
}

function privatePem(kind: SignerKind): string {
  const key = signer(kind).privateKey;
  if (!('keyObject' in key)) throw new Error('not a Node key');
  return key.keyObject.export({ type: 'pkcs8', format: 'pem' }).toString();
}

describe('JWS/CT interop with jose (panva) and canonicalize', () => {
  for (const [kind, algorithm, alg] of CASES) {
    it(`${alg}: corridor signs, jose verifies the re-attached payload with the x5c certificate`, async () => {
      const signed = signedDeclaration(signer(kind), algorithm);
      const [header, , signature] = (signed.signature as string).split('.');
      const compact = `${header}.${detachedPayload(signed)}.${signature}`;
      const key = await importX509(toPem('CERTIFICATE', signer(kind).certificate), alg);
      // jose refuses unknown crit names too: sigT must be declared understood.
      const result = await compactVerify(compact, key, { algorithms: [alg], crit: { sigT: true } });
      expect(result.protectedHeader).toMatchObject({
        alg,
        crit: ['sigT'],
        sigT: '2026-11-01T10:00:00Z',
      });
      await expect(compactVerify(compact, key, { algorithms: [alg] })).rejects.toThrow(/sigT/);
      // A value changed after signing: jose refuses it as well.
      const tampered = `${header}.${detachedPayload({ ...signed, currency: 'USD' })}.${signature}`;
      await expect(
        compactVerify(tampered, key, { algorithms: [alg], crit: { sigT: true } }),
      ).rejects.toThrow();
    });

    it(`${alg}: jose signs (detached, x5c), corridor verifies and catches a change`, async () => {
      const value = declaration('IN');
      const der = signer(kind).certificate;
      const jws = await new CompactSign(Buffer.from(canonicalize(value), 'utf8'))
        .setProtectedHeader({ alg, x5c: [Buffer.from(der).toString('base64')] })
        .sign(await importPKCS8(privatePem(kind), alg));
      const [header, , signature] = jws.split('.');
      const document = { ...value, signature: `${header}..${signature}` };
      const v = verifyValue(document);
      expect(v.problems).toEqual([]);
      expect(v).toMatchObject({ valid: true, keySource: 'x509', signatureMethod: alg });
      const changed = verifyValue({ ...document, goodsItems: [] });
      expect(changed.valid).toBe(false);
      expect(ruleIds(changed)).toEqual(['jws/signature-mismatch']);
    });
  }

  it('EdDSA (RFC 8037 name) from jose verifies as Ed25519', async () => {
    const value = declaration();
    const jws = await new CompactSign(Buffer.from(canonicalize(value), 'utf8'))
      .setProtectedHeader({
        alg: 'EdDSA',
        x5c: [Buffer.from(signer('ed25519').certificate).toString('base64')],
      })
      .sign(await importPKCS8(privatePem('ed25519'), 'EdDSA'));
    const [header, , signature] = jws.split('.');
    expect(verifyValue({ ...value, signature: `${header}..${signature}` })).toMatchObject({
      valid: true,
      signatureMethod: 'EdDSA',
    });
  });
});

/**
 * GOST and SM2 JWS/CT signatures against OpenSSL (gost engine; native SM2), both ways. The
 * signing input is rebuilt with the JCS reference implementation (canonicalize), so neither
 * corridor's JCS nor its signature code is on the checking side.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeGostPrivateKeyPkcs8 } from '../../src/crypto/gost/keys.js';
import {
  decodeDerRs,
  decodeRawRs,
  encodeDerRs,
  encodeRawRs,
} from '../../src/crypto/sm2/der-signature.js';
import { decodePublicKey } from '../../src/pki/spki.js';
import { toPem } from '../../src/pki/pem.js';
import { runOpenssl, skipWithoutGostEngine, tempDir } from '../helpers/openssl.js';
import { declaration, signedDeclaration, signer, verifyValue } from './helpers.js';

const canonicalize = createRequire(import.meta.url)('canonicalize') as (value: unknown) => string;
const b64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');
const GOST_ALG = 'urn:corridor:jose:gost2012-256';
const SM2_ALG = 'urn:corridor:jose:sm2-sm3';
const DISTID = 'distid:1234567812345678';

let counter = 0;
function file(name: string, content?: Uint8Array | string): string {
  const path = join(tempDir(), `jws-${++counter}-${name}`);
  if (content !== undefined) writeFileSync(path, content);
  return path;
}

/** ASCII(protected "." BASE64URL(JCS(value without signature))), by the reference JCS. */
function signingInput(protectedB64: string, value: Record<string, unknown>): Buffer {
  const { signature: _signature, ...payload } = value;
  return Buffer.from(`${protectedB64}.${b64url(canonicalize(payload))}`, 'ascii');
}

function openssl(args: string[], gost = false): { ok: boolean; out: Buffer } {
  const r = runOpenssl(args, { gost });
  return { ok: r.status === 0, out: r.stdout };
}

describe.skipIf(skipWithoutGostEngine())('GOST R 34.10-2012 JWS/CT and OpenSSL gost engine', () => {
  const gost = () => signer('gost2012-256');
  const pubPem = () => file('gost.pub.pem', toPem('PUBLIC KEY', gost().publicKey.spki));
  const verifies = (input: Buffer, signature: Uint8Array) =>
    openssl(
      [
        'dgst',
        '-md_gost12_256',
        '-verify',
        pubPem(),
        '-signature',
        file('sig', signature),
        file('in', input),
      ],
      true,
    ).ok;

  it('corridor signs, OpenSSL verifies the signing input; a changed value fails', () => {
    const signed = signedDeclaration(gost(), 'gost2012-256');
    const [header, , signature] = (signed.signature as string).split('.') as [
      string,
      string,
      string,
    ];
    const value = Buffer.from(signature, 'base64url');
    expect(verifies(signingInput(header, signed), value)).toBe(true);
    expect(verifies(signingInput(header, { ...signed, currency: 'RUB' }), value)).toBe(false);
  });

  it('OpenSSL signs the signing input, corridor verifies the document with x5c', () => {
    const key = gost().privateKey;
    if (key.family !== 'gost2012-256' || !key.curve.oid) throw new Error('not a GOST key');
    const curve = { oid: key.curve.oid, name: key.curve.name };
    const keyPem = file(
      'gost.key.pem',
      toPem('PRIVATE KEY', encodeGostPrivateKeyPkcs8({ family: key.family, curve, d: key.d })),
    );
    const value = declaration('RU');
    const header = b64url(
      JSON.stringify({ alg: GOST_ALG, x5c: [Buffer.from(gost().certificate).toString('base64')] }),
    );
    const out = file('theirs.sig');
    const signed = openssl(
      [
        'dgst',
        '-md_gost12_256',
        '-sign',
        keyPem,
        '-binary',
        '-out',
        out,
        file('in', signingInput(header, value)),
      ],
      true,
    );
    expect(signed.ok).toBe(true);
    const document = { ...value, signature: `${header}..${b64url(readFileSync(out))}` };
    expect(verifyValue(document)).toMatchObject({
      valid: true,
      keySource: 'x509',
      signatureMethod: GOST_ALG,
    });
    expect(verifyValue({ ...document, currency: 'RUB' }).valid).toBe(false);
  });
});

describe('SM2 JWS/CT and OpenSSL (SM3, ID 1234567812345678)', () => {
  it('corridor signs (r‖s), OpenSSL verifies it as DER; a changed value fails', () => {
    const sm2 = signer('sm2');
    const pub = file('sm2.pub.pem', toPem('PUBLIC KEY', sm2.publicKey.spki));
    const signed = signedDeclaration(sm2, 'sm2-sm3');
    const [header, , signature] = (signed.signature as string).split('.') as [
      string,
      string,
      string,
    ];
    const raw = decodeRawRs(Buffer.from(signature, 'base64url'), 32);
    expect(raw).toBeDefined();
    const der = file('sm2.sig', encodeDerRs(raw as NonNullable<typeof raw>));
    const verifies = (input: Buffer) =>
      openssl([
        'pkeyutl',
        '-verify',
        '-rawin',
        '-digest',
        'sm3',
        '-pkeyopt',
        DISTID,
        '-pubin',
        '-inkey',
        pub,
        '-in',
        file('in', input),
        '-sigfile',
        der,
      ]).ok;
    expect(verifies(signingInput(header, signed))).toBe(true);
    expect(verifies(signingInput(header, { ...signed, currency: 'CNY' }))).toBe(false);
  });

  it('OpenSSL signs with its own SM2 key, corridor verifies with that key (--key)', () => {
    const keyPem = file('sm2.key.pem');
    expect(
      openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', keyPem])
        .ok,
    ).toBe(true);
    const spki = openssl(['pkey', '-in', keyPem, '-pubout', '-outform', 'DER']).out;
    const publicKey = decodePublicKey(new Uint8Array(spki));
    expect(publicKey.family).toBe('sm2');
    const value = declaration('CN');
    const header = b64url(JSON.stringify({ alg: SM2_ALG, kid: 'openssl-sm2' }));
    const out = file('theirs.sig');
    const signed = openssl([
      'pkeyutl',
      '-sign',
      '-rawin',
      '-digest',
      'sm3',
      '-pkeyopt',
      DISTID,
      '-inkey',
      keyPem,
      '-in',
      file('in', signingInput(header, value)),
      '-out',
      out,
    ]);
    expect(signed.ok).toBe(true);
    const rs = decodeDerRs(new Uint8Array(readFileSync(out)));
    expect(rs).toBeDefined();
    const document = {
      ...value,
      signature: `${header}..${b64url(encodeRawRs(rs as NonNullable<typeof rs>, 32))}`,
    };
    expect(verifyValue(document, { keys: [publicKey] })).toMatchObject({
      valid: true,
      keySource: 'key-file',
    });
    expect(verifyValue({ ...document, currency: 'CNY' }, { keys: [publicKey] }).valid).toBe(false);
  });
});

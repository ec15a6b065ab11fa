// The algorithm families added for xmlsec parity (DSA, SHA-224, SHA-3, RSA-PSS variants,
// Ed448, MD5/RIPEMD-160): each verified on signatures made by the openssl CLI, never by us.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { algorithmById } from '../../src/algorithms/registry.js';
import { schemeFor } from '../../src/crypto/schemes/index.js';
import { lenientEcdsaRs } from '../../src/crypto/schemes/ecdsa-encoding.js';
import { decodeDerRs, encodeRawRs } from '../../src/crypto/sm2/der-signature.js';
import type { PublicKey } from '../../src/crypto/types.js';
import { decodePublicKey } from '../../src/pki/spki.js';

const dir = mkdtempSync(join(tmpdir(), 'corridor-more-'));
const msgFile = join(dir, 'msg');
const message = new Uint8Array(Buffer.from('<SignedInfo>corridor</SignedInfo>'));
const tampered = new Uint8Array(Buffer.from('<SignedInfo>corridoR</SignedInfo>'));
writeFileSync(msgFile, message);

function openssl(args: string[]): Buffer {
  return execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A private key made by openssl itself, and its public key as corridor decodes it. */
function opensslKey(name: string, genArgs: string[]): { file: string; pub: PublicKey } {
  const file = join(dir, `${name}.pem`);
  openssl(['genpkey', ...genArgs, '-out', file]);
  const der = openssl(['pkey', '-in', file, '-pubout', '-outform', 'DER']);
  return { file, pub: decodePublicKey(new Uint8Array(der)) };
}

function dgstSign(keyFile: string, args: string[]): Uint8Array {
  const sigFile = join(dir, 'sig');
  openssl(['dgst', ...args, '-sign', keyFile, '-out', sigFile, msgFile]);
  return new Uint8Array(readFileSync(sigFile));
}

const rsa = opensslKey('rsa', ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']);
const p256 = opensslKey('p256', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']);
const p521 = opensslKey('p521', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-521']);
const ed448 = opensslKey('ed448', ['-algorithm', 'ED448']);
// DSA 2048/256 through Node (openssl genpkey would need a separate parameter file step).
const dsaPair = generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 });
const dsaFile = join(dir, 'dsa.pem');
writeFileSync(dsaFile, dsaPair.privateKey.export({ format: 'pem', type: 'pkcs8' }));
const dsa = {
  file: dsaFile,
  pub: decodePublicKey(new Uint8Array(dsaPair.publicKey.export({ format: 'der', type: 'spki' }))),
};

const pss = (hash: string, salt: number) => [
  `-${hash}`,
  '-sigopt',
  'rsa_padding_mode:pss',
  '-sigopt',
  `rsa_pss_saltlen:${salt}`,
];

/** [registry id, key, openssl dgst args, r‖s size for DSA/ECDSA (DER → XMLDSig layout)]. */
const CASES: Array<[string, { file: string; pub: PublicKey }, string[], number?]> = [
  ['rsa-sha224', rsa, ['-sha224']],
  ['rsa-md5', rsa, ['-md5']],
  ['rsa-ripemd160', rsa, ['-ripemd160']],
  ['rsa-pss-sha1', rsa, pss('sha1', 20)],
  ['rsa-pss-sha224', rsa, pss('sha224', 28)],
  ['rsa-pss-sha3-224', rsa, pss('sha3-224', 28)],
  ['rsa-pss-sha3-256', rsa, pss('sha3-256', 32)],
  ['rsa-pss-sha3-384', rsa, pss('sha3-384', 48)],
  ['rsa-pss-sha3-512', rsa, pss('sha3-512', 64)],
  ['ecdsa-sha1', p256, ['-sha1'], 32],
  ['ecdsa-sha224', p256, ['-sha224'], 32],
  ['ecdsa-sha3-224', p256, ['-sha3-224'], 32],
  ['ecdsa-sha3-256', p256, ['-sha3-256'], 32],
  ['ecdsa-sha3-384', p521, ['-sha3-384'], 66],
  ['ecdsa-sha3-512', p521, ['-sha3-512'], 66],
  ['ecdsa-ripemd160', p256, ['-ripemd160'], 32],
  ['dsa-sha1', dsa, ['-sha1'], 32],
  ['dsa-sha256', dsa, ['-sha256'], 32],
];

describe('new signature families against the openssl CLI', () => {
  it.each(CASES)('%s verifies; a changed byte fails', (id, key, args, rsSize) => {
    const scheme = schemeFor(id);
    expect(scheme, id).toBeDefined();
    expect(algorithmById(id)?.verifiable).toBe(true);
    const der = dgstSign(key.file, args);
    const value = rsSize ? encodeRawRs(decodeDerRs(der)!, rsSize) : der;
    expect(scheme!.verify(id, key.pub, message, value, 'xmldsig')).toBe(true);
    expect(scheme!.verify(id, key.pub, tampered, value, 'xmldsig')).toBe(false);
    const flipped = Uint8Array.from(value);
    flipped[flipped.length >> 1]! ^= 0x01;
    expect(scheme!.verify(id, key.pub, message, flipped, 'xmldsig')).toBe(false);
    if (rsSize) expect(scheme!.verify(id, key.pub, message, der, 'x509')).toBe(true);
  });

  it('Ed448 (pkeyutl -rawin) verifies; a changed byte fails; an Ed25519 id refuses it', () => {
    const sigFile = join(dir, 'ed448.sig');
    openssl(['pkeyutl', '-sign', '-rawin', '-inkey', ed448.file, '-in', msgFile, '-out', sigFile]);
    const value = new Uint8Array(readFileSync(sigFile));
    const scheme = schemeFor('ed448')!;
    expect(ed448.pub.bits).toBe(448);
    expect(scheme.verify('ed448', ed448.pub, message, value, 'xmldsig')).toBe(true);
    expect(scheme.verify('ed448', ed448.pub, tampered, value, 'xmldsig')).toBe(false);
    expect(scheme.verify('ed25519', ed448.pub, message, value, 'xmldsig')).toBe(false);
  });

  it('MD5 and RIPEMD-160 are registered as broken, DSA as legacy', () => {
    for (const id of ['rsa-md5', 'rsa-ripemd160', 'ecdsa-ripemd160', 'md5', 'ripemd160']) {
      expect(algorithmById(id)?.strength, id).toBe('broken');
    }
    expect(algorithmById('dsa-sha1')?.strength).toBe('legacy');
    expect(algorithmById('dsa-sha256')?.strength).toBe('legacy');
    expect(dsa.pub.family).toBe('dsa');
    expect(dsa.pub.bits).toBe(2048);
  });
});

describe('lenient ECDSA SignatureValue layouts', () => {
  const der = dgstSign(p256.file, ['-sha256']);
  const raw = encodeRawRs(decodeDerRs(der)!, 32);
  const scheme = schemeFor('ecdsa-sha256')!;

  it('DER is refused strictly, verified leniently and described', () => {
    expect(scheme.verify('ecdsa-sha256', p256.pub, message, der, 'xmldsig')).toBe(false);
    expect(scheme.verifyLenient!('ecdsa-sha256', p256.pub, message, der)).toMatch(/DER/);
    expect(scheme.verifyLenient!('ecdsa-sha256', p256.pub, tampered, der)).toBeUndefined();
  });

  it('zero-padded halves are read leniently; the exact layout is not "lenient"', () => {
    const padded = new Uint8Array(68);
    padded.set(raw.subarray(0, 32), 2);
    padded.set(raw.subarray(32), 36);
    expect(scheme.verifyLenient!('ecdsa-sha256', p256.pub, message, padded)).toMatch(/68 octets/);
    expect(lenientEcdsaRs(raw, 256)).toBeUndefined();
    // A half longer than the curve allows is not silently truncated.
    const long = new Uint8Array(68).fill(0xff);
    expect(lenientEcdsaRs(long, 256)).toBeUndefined();
  });
});

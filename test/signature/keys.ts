import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { generateGostKeyPair } from '../../src/crypto/gost/keys.js';
import { SM2_ORDER, sm2PublicPoint } from '../../src/crypto/sm2/curve.js';
import type { PrivateKey, PublicKey } from '../../src/crypto/types.js';
import { decodePublicKey } from '../../src/pki/spki.js';

export interface TestKeyPair {
  privateKey: PrivateKey;
  publicKey: PublicKey;
}

/** Test keys made with Node's generator; public halves decoded by corridor's own SPKI reader. */
export function nodeKeyPair(
  family: 'rsa' | 'ecdsa' | 'eddsa',
  size: number | string = family === 'rsa' ? 2048 : 'P-256',
): TestKeyPair {
  const pair =
    family === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: Number(size) })
      : family === 'ecdsa'
        ? generateKeyPairSync('ec', { namedCurve: String(size) })
        : generateKeyPairSync('ed25519');
  const spki = new Uint8Array(pair.publicKey.export({ type: 'spki', format: 'der' }));
  return { privateKey: { family, keyObject: pair.privateKey }, publicKey: decodePublicKey(spki) };
}

/** SM2: SPKI = SEQ{ SEQ{ id-ecPublicKey, sm2p256v1 }, BIT STRING 04‖x‖y }, written by hand. */
export function sm2KeyPair(): TestKeyPair {
  let d = 0n;
  while (d <= 0n || d >= SM2_ORDER - 1n) d = BigInt(`0x${randomBytes(32).toString('hex')}`);
  const point = sm2PublicPoint(d);
  const algorithm = Buffer.from('301306072a8648ce3d020106082a811ccf5501822d', 'hex');
  const bitString = Buffer.concat([Buffer.from([0x03, 0x42, 0x00]), point]);
  const body = Buffer.concat([algorithm, bitString]);
  const spki = Buffer.concat([Buffer.from([0x30, body.length]), body]);
  return { privateKey: { family: 'sm2', d }, publicKey: decodePublicKey(new Uint8Array(spki)) };
}

/** GOST R 34.10 keys from the GOST module's generator (CryptoPro-A / tc26-512-A). */
export function gostKeyPair(family: 'gost2001' | 'gost2012-256' | 'gost2012-512'): TestKeyPair {
  const curve = family === 'gost2012-512' ? '1.2.643.7.1.2.1.2.1' : '1.2.643.2.2.35.1';
  const { privateKey, publicKey } = generateGostKeyPair(family, curve);
  return { privateKey, publicKey };
}

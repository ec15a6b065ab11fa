/**
 * Interoperability with OpenSSL's gost engine, both ways: keys and signatures made by one side
 * must be accepted by the other, and a flipped bit rejected by both. Skipped only outside CI
 * when the engine is missing; under CI a missing engine fails (see skipWithoutGostEngine).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import {
  decodeGostPrivateKeyPkcs8,
  decodeGostPublicKey,
  encodeGostPrivateKeyPkcs8,
  generateGostKeyPair,
  gostPublicKeyFor,
} from '../../src/crypto/gost/keys.js';
import type { GostFamily } from '../../src/crypto/gost/oids.js';
import { gostScheme } from '../../src/crypto/schemes/gost.js';
import {
  hasGostEngine,
  opensslGost,
  runOpenssl,
  skipWithoutGostEngine,
  tempDir,
} from '../helpers/openssl.js';

interface Case {
  family: GostFamily;
  /** openssl genpkey -algorithm … */
  algorithm: string;
  /** -pkeyopt paramset:… */
  paramset: string;
  curveOid: string;
  /** openssl dgst digest option */
  md: string;
}

const CASES: Case[] = [
  {
    family: 'gost2012-256',
    algorithm: 'gost2012_256',
    paramset: 'A',
    curveOid: '1.2.643.2.2.35.1',
    md: '-md_gost12_256',
  },
  {
    family: 'gost2012-256',
    algorithm: 'gost2012_256',
    paramset: 'TCA',
    curveOid: '1.2.643.7.1.2.1.1.1',
    md: '-md_gost12_256',
  },
  {
    family: 'gost2012-256',
    algorithm: 'gost2012_256',
    paramset: 'XB',
    curveOid: '1.2.643.2.2.36.1',
    md: '-md_gost12_256',
  },
  {
    family: 'gost2012-512',
    algorithm: 'gost2012_512',
    paramset: 'A',
    curveOid: '1.2.643.7.1.2.1.2.1',
    md: '-md_gost12_512',
  },
  {
    family: 'gost2012-512',
    algorithm: 'gost2012_512',
    paramset: 'B',
    curveOid: '1.2.643.7.1.2.1.2.2',
    md: '-md_gost12_512',
  },
  {
    family: 'gost2012-512',
    algorithm: 'gost2012_512',
    paramset: 'C',
    curveOid: '1.2.643.7.1.2.1.2.3',
    md: '-md_gost12_512',
  },
  {
    family: 'gost2001',
    algorithm: 'gost2001',
    paramset: 'A',
    curveOid: '1.2.643.2.2.35.1',
    md: '-md_gost94',
  },
];

const label = (c: Case): string => `${c.algorithm} paramset ${c.paramset}`;

const pem = (der: Uint8Array, type: string): string =>
  `-----BEGIN ${type}-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trim()}\n-----END ${type}-----\n`;

const derOf = (text: string): Uint8Array =>
  new Uint8Array(Buffer.from(text.replace(/-----[^-]+-----|\s/g, ''), 'base64'));

let counter = 0;
function file(name: string, content?: Uint8Array | string): string {
  const path = join(tempDir(), `${++counter}-${name}`);
  if (content !== undefined) writeFileSync(path, content);
  return path;
}

function flipBit(bytes: Uint8Array, index: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
}

/** openssl dgst -verify; true iff OpenSSL says "Verified OK". */
function opensslVerifies(c: Case, pubPem: string, data: Uint8Array, sig: Uint8Array): boolean {
  const r = runOpenssl(
    [
      'dgst',
      c.md,
      '-verify',
      file('pub.pem', pubPem),
      '-signature',
      file('sig.bin', sig),
      file('data.bin', data),
    ],
    { gost: true },
  );
  return r.status === 0 && r.stdout.toString('utf8').includes('Verified OK');
}

describe('the GOST engine is available', () => {
  it.runIf(process.env.CI)('under CI the engine must be installed', () => {
    expect(hasGostEngine()).toBe(true);
  });
});

describe.skipIf(skipWithoutGostEngine())('GOST interop with OpenSSL gost engine', () => {
  describe.each(CASES)('$algorithm paramset $paramset', (c) => {
    it('OpenSSL key: corridor reads PKCS#8 and SPKI, curve and point agree', () => {
      const keyPath = file('key.pem');
      opensslGost([
        'genpkey',
        '-algorithm',
        c.algorithm,
        '-pkeyopt',
        `paramset:${c.paramset}`,
        '-out',
        keyPath,
      ]);
      const priv = decodeGostPrivateKeyPkcs8(derOf(readFileSync(keyPath, 'utf8')));
      const pubPem = opensslGost(['pkey', '-in', keyPath, '-pubout']).toString('utf8');
      const pub = decodeGostPublicKey(derOf(pubPem));
      expect(priv.family).toBe(c.family);
      expect(pub.family).toBe(c.family);
      expect(pub.curve.oid).toBe(c.curveOid);
      const derived = gostPublicKeyFor(priv);
      expect([derived.x, derived.y]).toEqual([pub.x, pub.y]);
    });

    it('OpenSSL signs, corridor verifies; a flipped bit is rejected by both', () => {
      const keyPath = file('key.pem');
      opensslGost([
        'genpkey',
        '-algorithm',
        c.algorithm,
        '-pkeyopt',
        `paramset:${c.paramset}`,
        '-out',
        keyPath,
      ]);
      const pubPem = opensslGost(['pkey', '-in', keyPath, '-pubout']).toString('utf8');
      const pub = decodeGostPublicKey(derOf(pubPem));
      const data = randomBytes(300);
      const sig = new Uint8Array(
        opensslGost(['dgst', c.md, '-sign', keyPath, '-binary', file('data.bin', data)]),
      );
      expect(gostScheme.verify(c.family, pub, data, sig, 'xmldsig')).toBe(true);
      const bad = flipBit(sig, 3);
      expect(gostScheme.verify(c.family, pub, data, bad, 'xmldsig')).toBe(false);
      expect(opensslVerifies(c, pubPem, data, bad)).toBe(false);
      expect(gostScheme.verify(c.family, pub, flipBit(data, 0), sig, 'xmldsig')).toBe(false);
    });

    it('corridor key and signature: OpenSSL reads the key and verifies; flipped bit fails', () => {
      const { privateKey, publicKey } = generateGostKeyPair(c.family, c.curveOid);
      const keyPath = file('ours.pem', pem(encodeGostPrivateKeyPkcs8(privateKey), 'PRIVATE KEY'));
      // OpenSSL derives the same public key from our PKCS#8
      const theirPub = opensslGost(['pkey', '-in', keyPath, '-pubout']).toString('utf8');
      expect(Buffer.from(derOf(theirPub))).toEqual(Buffer.from(publicKey.spki));
      const pubPem = pem(publicKey.spki, 'PUBLIC KEY');
      const data = randomBytes(1000);
      const sig = gostScheme.sign(c.family, privateKey, data, 'xmldsig');
      expect(opensslVerifies(c, pubPem, data, sig)).toBe(true);
      expect(opensslVerifies(c, pubPem, data, flipBit(sig, sig.length - 1))).toBe(false);
      expect(opensslVerifies(c, pubPem, flipBit(data, 999), sig)).toBe(false);
      // and OpenSSL can sign with our encoded private key, which we verify
      const theirSig = new Uint8Array(
        opensslGost(['dgst', c.md, '-sign', keyPath, '-binary', file('data.bin', data)]),
      );
      expect(gostScheme.verify(c.family, publicKey, data, theirSig, 'x509')).toBe(true);
    });
  });

  describe.each(CASES)('$algorithm paramset $paramset certificate', (c) => {
    it('an OpenSSL self-signed certificate verifies over its TBS (x509 layout)', () => {
      const keyPath = file('key.pem');
      opensslGost([
        'genpkey',
        '-algorithm',
        c.algorithm,
        '-pkeyopt',
        `paramset:${c.paramset}`,
        '-out',
        keyPath,
      ]);
      const certPem = opensslGost([
        'req',
        '-x509',
        '-new',
        '-key',
        keyPath,
        '-subj',
        `/CN=corridor ${label(c)}`,
        '-days',
        '1',
      ]).toString('utf8');
      const cert = pkijs.Certificate.fromBER(derOf(certPem));
      const tbs = new Uint8Array(cert.tbsView);
      const sig = new Uint8Array(cert.signatureValue.valueBlock.valueHexView);
      const key = decodeGostPublicKey(new Uint8Array(cert.subjectPublicKeyInfo.toSchema().toBER()));
      expect(gostScheme.verify(c.family, key, tbs, sig, 'x509')).toBe(true);
      expect(gostScheme.verify(c.family, key, flipBit(tbs, 20), sig, 'x509')).toBe(false);
      expect(gostScheme.verify(c.family, key, tbs, flipBit(sig, 0), 'x509')).toBe(false);
    });
  });
});

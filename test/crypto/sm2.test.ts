import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sm2Scheme } from '../../src/crypto/schemes/sm2.js';
import { LAZY_SCHEMES, schemeFor } from '../../src/crypto/schemes/index.js';
import { UnsupportedAlgorithmError } from '../../src/crypto/errors.js';
import { SM2_ORDER, sm2PublicPoint } from '../../src/crypto/sm2/curve.js';
import {
  decodeDerRs,
  decodeRawRs,
  encodeDerRs,
  encodeRawRs,
} from '../../src/crypto/sm2/der-signature.js';
import type { PrivateKey, Sm2PublicKey } from '../../src/crypto/types.js';

const dir = mkdtempSync(join(tmpdir(), 'corridor-sm2-'));
const DISTID = 'distid:1234567812345678';

function openssl(args: string[]): string {
  return execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' }).toString();
}

/** An SM2 key made by openssl, read back with openssl only (an oracle independent of us). */
function opensslKey(name: string) {
  openssl([
    'genpkey',
    '-algorithm',
    'EC',
    '-pkeyopt',
    'ec_paramgen_curve:SM2',
    '-out',
    `${name}.pem`,
  ]);
  openssl(['pkey', '-in', `${name}.pem`, '-pubout', '-out', `${name}.pub.pem`]);
  const text = openssl(['pkey', '-in', `${name}.pem`, '-text', '-noout']);
  const priv = /priv:\s*([\s\S]*?)pub:/.exec(text)![1]!.replace(/[\s:]/g, '');
  const spki = execFileSync(
    'openssl',
    ['pkey', '-pubin', '-in', `${name}.pub.pem`, '-outform', 'DER'],
    {
      cwd: dir,
    },
  );
  const point = new Uint8Array(spki.subarray(spki.length - 65));
  const pub: Sm2PublicKey = {
    family: 'sm2',
    point,
    spki: new Uint8Array(spki),
    bits: 256,
    curve: { name: 'sm2p256v1', oid: '1.2.156.10197.1.301' },
    algorithmOid: '1.2.840.10045.2.1',
  };
  const priv_: PrivateKey = { family: 'sm2', d: BigInt(`0x${priv}`) };
  return { pub, priv: priv_, pem: `${name}.pem`, pubPem: `${name}.pub.pem` };
}

const alice = opensslKey('alice');
const bob = opensslKey('bob');
const message = new Uint8Array(Buffer.from('<SignedInfo>跨境 corridor</SignedInfo>'));
const tampered = new Uint8Array(Buffer.from('<SignedInfo>跨境 corridoR</SignedInfo>'));
writeFileSync(join(dir, 'msg'), message);

function opensslVerifies(pubPem: string, signatureDer: Uint8Array): boolean {
  writeFileSync(join(dir, 'ours.sig'), signatureDer);
  try {
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
      pubPem,
      '-in',
      'msg',
      '-sigfile',
      'ours.sig',
    ]);
    return true;
  } catch {
    return false;
  }
}

function opensslSigns(pem: string, distid = DISTID): Uint8Array {
  openssl([
    'pkeyutl',
    '-sign',
    '-rawin',
    '-digest',
    'sm3',
    '-pkeyopt',
    distid,
    '-inkey',
    pem,
    '-in',
    'msg',
    '-out',
    'theirs.sig',
  ]);
  return new Uint8Array(readFileSync(join(dir, 'theirs.sig')));
}

describe('sm2Scheme (SM2 with SM3, ID 1234567812345678)', () => {
  it('is the registered scheme for sm2-sm3', () => {
    // Registered by its metadata (schemes/info.ts); its code is this module, loaded lazily.
    expect(schemeFor('sm2-sm3')).toBe(LAZY_SCHEMES.sm2);
    expect(LAZY_SCHEMES.sm2.module.get()).toBe(sm2Scheme);
  });

  it('derives the same public point from d as openssl', () => {
    expect(Buffer.from(sm2PublicPoint((alice.priv as { d: bigint }).d))).toEqual(
      Buffer.from(alice.pub.point),
    );
  });

  it('corridor signs (x509/DER) -> openssl verifies; another key fails in openssl', () => {
    const sig = sm2Scheme.sign('sm2-sm3', alice.priv, message, 'x509');
    expect(opensslVerifies(alice.pubPem, sig)).toBe(true);
    expect(opensslVerifies(bob.pubPem, sig)).toBe(false);
  });

  it('corridor signs (xmldsig r‖s) -> converted to DER, openssl verifies', () => {
    const raw = sm2Scheme.sign('sm2-sm3', alice.priv, message, 'xmldsig');
    expect(raw).toHaveLength(64);
    expect(opensslVerifies(alice.pubPem, encodeDerRs(decodeRawRs(raw, 32)!))).toBe(true);
  });

  it('openssl signs -> corridor verifies in both encodings', () => {
    for (let i = 0; i < 3; i++) {
      const der = opensslSigns(alice.pem);
      expect(sm2Scheme.verify('sm2-sm3', alice.pub, message, der, 'x509')).toBe(true);
      const raw = encodeRawRs(decodeDerRs(der)!, 32);
      expect(sm2Scheme.verify('sm2-sm3', alice.pub, message, raw, 'xmldsig')).toBe(true);
      // The encodings are not interchangeable.
      expect(sm2Scheme.verify('sm2-sm3', alice.pub, message, der, 'xmldsig')).toBe(false);
      expect(sm2Scheme.verify('sm2-sm3', alice.pub, message, raw, 'x509')).toBe(false);
    }
  });

  it('a signature made with another user ID does not verify', () => {
    const other = opensslSigns(alice.pem, 'distid:ALICE123@YAHOO.COM');
    expect(sm2Scheme.verify('sm2-sm3', alice.pub, message, other, 'x509')).toBe(false);
  });

  it('tampered message, wrong key, flipped bit -> false', () => {
    const der = opensslSigns(alice.pem);
    expect(sm2Scheme.verify('sm2-sm3', alice.pub, tampered, der, 'x509')).toBe(false);
    expect(sm2Scheme.verify('sm2-sm3', bob.pub, message, der, 'x509')).toBe(false);
    const raw = sm2Scheme.sign('sm2-sm3', alice.priv, message, 'xmldsig');
    for (const index of [0, 31, 32, 63]) {
      const flipped = Uint8Array.from(raw);
      flipped[index]! ^= 0x01;
      expect(sm2Scheme.verify('sm2-sm3', alice.pub, message, flipped, 'xmldsig')).toBe(false);
    }
    expect(sm2Scheme.verify('sm2-sm3', alice.pub, message, raw, 'xmldsig')).toBe(true);
  });

  it('malformed values and out-of-range r/s give false without throwing', () => {
    const bad = [
      new Uint8Array(0),
      new Uint8Array(63),
      new Uint8Array(64),
      new Uint8Array(64).fill(0xff),
      encodeRawRs({ r: SM2_ORDER, s: 1n }, 32),
      encodeRawRs({ r: 1n, s: SM2_ORDER }, 32),
    ];
    for (const sig of bad) {
      expect(sm2Scheme.verify('sm2-sm3', alice.pub, message, sig, 'xmldsig')).toBe(false);
      expect(sm2Scheme.verify('sm2-sm3', alice.pub, message, sig, 'x509')).toBe(false);
    }
    const der = opensslSigns(alice.pem);
    // Trailing garbage after a valid DER signature is rejected (no malleability).
    const trailing = Uint8Array.from([...der, 0]);
    expect(sm2Scheme.verify('sm2-sm3', alice.pub, message, trailing, 'x509')).toBe(false);
    const offCurve: Sm2PublicKey = { ...alice.pub, point: Uint8Array.from(alice.pub.point) };
    offCurve.point[64]! ^= 1;
    expect(sm2Scheme.verify('sm2-sm3', offCurve, message, der, 'x509')).toBe(false);
    expect(sm2Scheme.verify('ecdsa-sha256', alice.pub, message, der, 'x509')).toBe(false);
  });

  it('sign refuses other ids and non-SM2 keys', () => {
    expect(() => sm2Scheme.sign('ecdsa-sha256', alice.priv, message, 'x509')).toThrow(
      UnsupportedAlgorithmError,
    );
    const gost: PrivateKey = { family: 'gost2012-256', curve: { name: 'x' }, d: 5n };
    expect(() => sm2Scheme.sign('sm2-sm3', gost, message, 'x509')).toThrow(
      UnsupportedAlgorithmError,
    );
  });
});

describe('DER / raw r,s codecs', () => {
  it('round-trip, including high-bit and small values', () => {
    for (const rs of [
      { r: 1n, s: 2n },
      { r: 0x80n, s: 0xffn << 248n },
      { r: SM2_ORDER - 1n, s: 0x7fn },
    ]) {
      expect(decodeDerRs(encodeDerRs(rs))).toEqual(rs);
      expect(decodeRawRs(encodeRawRs(rs, 32), 32)).toEqual(rs);
    }
  });

  it('reject non-minimal and negative INTEGERs', () => {
    expect(decodeDerRs(Uint8Array.from([0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02]))).toEqual({
      r: 1n,
      s: 2n,
    });
    // padded 00 before a value without the high bit
    expect(
      decodeDerRs(Uint8Array.from([0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x02])),
    ).toBe(undefined);
    // negative r
    expect(decodeDerRs(Uint8Array.from([0x30, 0x06, 0x02, 0x01, 0x81, 0x02, 0x01, 0x02]))).toBe(
      undefined,
    );
    // long-form length for a short body
    expect(
      decodeDerRs(Uint8Array.from([0x30, 0x81, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02])),
    ).toBe(undefined);
  });
});

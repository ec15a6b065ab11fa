import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeScheme } from '../../src/crypto/schemes/node.js';
import { schemeFor } from '../../src/crypto/schemes/index.js';
import { UnsupportedAlgorithmError } from '../../src/crypto/errors.js';
import { decodeDerRs, encodeRawRs } from '../../src/crypto/sm2/der-signature.js';
import type { NodePublicKey, PrivateKey } from '../../src/crypto/types.js';

type Family = 'rsa' | 'ecdsa' | 'eddsa';

function pair(family: Family, keyObjects: { publicKey: KeyObject; privateKey: KeyObject }) {
  const pub: NodePublicKey = {
    family,
    keyObject: keyObjects.publicKey,
    spki: new Uint8Array(keyObjects.publicKey.export({ format: 'der', type: 'spki' })),
    bits: 0,
    algorithmOid: '',
  };
  const priv: PrivateKey = { family, keyObject: keyObjects.privateKey };
  return { pub, priv, keyObjects };
}

const rsa = pair('rsa', generateKeyPairSync('rsa', { modulusLength: 2048 }));
const rsa2 = pair('rsa', generateKeyPairSync('rsa', { modulusLength: 2048 }));
const p256 = pair('ecdsa', generateKeyPairSync('ec', { namedCurve: 'P-256' }));
const p384 = pair('ecdsa', generateKeyPairSync('ec', { namedCurve: 'P-384' }));
const ed = pair('eddsa', generateKeyPairSync('ed25519'));

const message = new Uint8Array(Buffer.from('<SignedInfo>corridor</SignedInfo>'));
const tampered = new Uint8Array(Buffer.from('<SignedInfo>corridoR</SignedInfo>'));

const cases: [string, ReturnType<typeof pair>][] = [
  ['rsa-sha1', rsa],
  ['rsa-sha256', rsa],
  ['rsa-sha384', rsa],
  ['rsa-sha512', rsa],
  ['rsa-pss-sha256', rsa],
  ['rsa-pss-sha384', rsa],
  ['rsa-pss-sha512', rsa],
  ['ecdsa-sha256', p256],
  ['ecdsa-sha384', p384],
  ['ecdsa-sha512', p256],
  ['ed25519', ed],
];

describe('nodeScheme', () => {
  it('is registered for every id it lists', () => {
    for (const [id] of cases) expect(schemeFor(id)).toBe(nodeScheme);
    expect(schemeFor('gost-unknown')).toBeUndefined();
  });

  describe.each(cases)('%s', (id, keys) => {
    it.each(['xmldsig', 'x509'] as const)(
      'round-trips in %s encoding, rejects tampering',
      (enc) => {
        const sig = nodeScheme.sign(id, keys.priv, message, enc);
        expect(nodeScheme.verify(id, keys.pub, message, sig, enc)).toBe(true);
        expect(nodeScheme.verify(id, keys.pub, tampered, sig, enc)).toBe(false);
        const flipped = Uint8Array.from(sig);
        flipped[flipped.length - 1]! ^= 1;
        expect(nodeScheme.verify(id, keys.pub, message, flipped, enc)).toBe(false);
      },
    );

    it('returns false, never throws, on malformed signatures', () => {
      for (const bad of [new Uint8Array(0), new Uint8Array(7), new Uint8Array(1000).fill(0xff)]) {
        expect(nodeScheme.verify(id, keys.pub, message, bad, 'xmldsig')).toBe(false);
        expect(nodeScheme.verify(id, keys.pub, message, bad, 'x509')).toBe(false);
      }
    });
  });

  it('ECDSA: xmldsig is 64-byte r‖s, x509 is DER, and they are not interchangeable', () => {
    const raw = nodeScheme.sign('ecdsa-sha256', p256.priv, message, 'xmldsig');
    const der = nodeScheme.sign('ecdsa-sha256', p256.priv, message, 'x509');
    expect(raw).toHaveLength(64);
    expect(der[0]).toBe(0x30);
    expect(nodeScheme.verify('ecdsa-sha256', p256.pub, message, raw, 'x509')).toBe(false);
    expect(nodeScheme.verify('ecdsa-sha256', p256.pub, message, der, 'xmldsig')).toBe(false);
    const rs = decodeDerRs(der)!;
    expect(
      nodeScheme.verify('ecdsa-sha256', p256.pub, message, encodeRawRs(rs, 32), 'xmldsig'),
    ).toBe(true);
  });

  it('PKCS#1 v1.5 and PSS signatures do not verify as each other', () => {
    const v15 = nodeScheme.sign('rsa-sha256', rsa.priv, message, 'xmldsig');
    const pss = nodeScheme.sign('rsa-pss-sha256', rsa.priv, message, 'xmldsig');
    expect(nodeScheme.verify('rsa-pss-sha256', rsa.pub, message, v15, 'xmldsig')).toBe(false);
    expect(nodeScheme.verify('rsa-sha256', rsa.pub, message, pss, 'xmldsig')).toBe(false);
    expect(nodeScheme.verify('rsa-sha384', rsa.pub, message, v15, 'xmldsig')).toBe(false);
  });

  it('wrong key and wrong key type give false', () => {
    const sig = nodeScheme.sign('rsa-sha256', rsa.priv, message, 'xmldsig');
    expect(nodeScheme.verify('rsa-sha256', rsa2.pub, message, sig, 'xmldsig')).toBe(false);
    const ecSig = nodeScheme.sign('ecdsa-sha256', p256.priv, message, 'x509');
    // An EC key labelled as family 'rsa' must not be accepted by an RSA id.
    const mislabelled: NodePublicKey = { ...p256.pub, family: 'rsa' };
    expect(nodeScheme.verify('rsa-sha256', mislabelled, message, ecSig, 'x509')).toBe(false);
    expect(nodeScheme.verify('ed25519', p256.pub, message, ecSig, 'x509')).toBe(false);
    expect(nodeScheme.verify('sm2-sm3', p256.pub, message, ecSig, 'x509')).toBe(false);
  });

  it('sign refuses unknown ids and mismatched keys', () => {
    expect(() => nodeScheme.sign('rsa-md4', rsa.priv, message, 'xmldsig')).toThrow(
      UnsupportedAlgorithmError,
    );
    expect(() => nodeScheme.sign('ecdsa-sha256', rsa.priv, message, 'xmldsig')).toThrow(
      UnsupportedAlgorithmError,
    );
    const mislabelled: PrivateKey = { family: 'rsa', keyObject: p256.keyObjects.privateKey };
    expect(() => nodeScheme.sign('rsa-sha256', mislabelled, message, 'xmldsig')).toThrow(
      UnsupportedAlgorithmError,
    );
  });

  describe('interop with the openssl CLI', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corridor-node-'));
    const msgFile = join(dir, 'msg');
    writeFileSync(msgFile, message);

    function opensslSign(key: KeyObject, args: string[]): Uint8Array {
      const keyFile = join(dir, 'key.pem');
      writeFileSync(keyFile, key.export({ format: 'pem', type: 'pkcs8' }));
      const sigFile = join(dir, 'sig');
      execFileSync('openssl', ['dgst', ...args, '-sign', keyFile, '-out', sigFile, msgFile]);
      return new Uint8Array(readFileSync(sigFile));
    }

    function opensslVerify(key: KeyObject, args: string[], sig: Uint8Array): boolean {
      const pubFile = join(dir, 'pub.pem');
      writeFileSync(pubFile, key.export({ format: 'pem', type: 'spki' }));
      const sigFile = join(dir, 'sig-out');
      writeFileSync(sigFile, sig);
      try {
        execFileSync(
          'openssl',
          ['dgst', ...args, '-verify', pubFile, '-signature', sigFile, msgFile],
          {
            stdio: 'pipe',
          },
        );
        return true;
      } catch {
        return false;
      }
    }

    const pssArgs = ['-sha256', '-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:32'];

    it('RSA-PSS-SHA256 (salt 32) both ways; salt 20 is rejected', () => {
      const theirs = opensslSign(rsa.keyObjects.privateKey, pssArgs);
      expect(nodeScheme.verify('rsa-pss-sha256', rsa.pub, message, theirs, 'xmldsig')).toBe(true);
      const ours = nodeScheme.sign('rsa-pss-sha256', rsa.priv, message, 'xmldsig');
      expect(opensslVerify(rsa.keyObjects.publicKey, pssArgs, ours)).toBe(true);
      const salt20 = opensslSign(rsa.keyObjects.privateKey, [
        '-sha256',
        '-sigopt',
        'rsa_padding_mode:pss',
        '-sigopt',
        'rsa_pss_saltlen:20',
      ]);
      expect(nodeScheme.verify('rsa-pss-sha256', rsa.pub, message, salt20, 'xmldsig')).toBe(false);
    });

    it('ECDSA P-384 SHA-384: openssl DER verifies as x509 and, converted, as xmldsig', () => {
      const der = opensslSign(p384.keyObjects.privateKey, ['-sha384']);
      expect(nodeScheme.verify('ecdsa-sha384', p384.pub, message, der, 'x509')).toBe(true);
      const raw = encodeRawRs(decodeDerRs(der)!, 48);
      expect(nodeScheme.verify('ecdsa-sha384', p384.pub, message, raw, 'xmldsig')).toBe(true);
      const ours = nodeScheme.sign('ecdsa-sha384', p384.priv, message, 'x509');
      expect(opensslVerify(p384.keyObjects.publicKey, ['-sha384'], ours)).toBe(true);
    });

    it('RSA-SHA256 from openssl verifies; with another key it does not', () => {
      const sig = opensslSign(rsa.keyObjects.privateKey, ['-sha256']);
      expect(nodeScheme.verify('rsa-sha256', rsa.pub, message, sig, 'xmldsig')).toBe(true);
      expect(nodeScheme.verify('rsa-sha256', rsa2.pub, message, sig, 'xmldsig')).toBe(false);
    });
  });
});

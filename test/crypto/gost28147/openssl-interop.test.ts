/**
 * GOST 28147-89 and GOST key transport against OpenSSL's gost engine, both ways: CMS
 * EnvelopedData made by `openssl cms -encrypt -gost89` is opened by corridor (VKO, CryptoPro
 * key unwrap, CFB with key meshing), corridor's EnvelopedData is opened by `openssl cms
 * -decrypt`, and raw CFB and MAC outputs agree with `openssl enc` / `openssl dgst -mac`.
 * Skipped only outside CI when the engine is missing (see skipWithoutGostEngine).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import {
  decodeGostPrivateKeyPkcs8,
  decodeGostPublicKey,
  type GostPrivateKey,
} from '../../../src/crypto/gost/keys.js';
import {
  CRYPTOPRO_A_PARAMSET,
  decodeGostKeyTransport,
  gost28147CfbDecrypt,
  gost28147CfbEncrypt,
  gost28147Mac,
  gost28147ParamSet,
  GOST28147_PARAMSETS,
  gostKeyTransportUnwrap,
  gostKeyTransportWrap,
  KeyUnwrapError,
  TC26_Z_PARAMSET,
} from '../../../src/crypto/gost28147/index.js';
import { opensslWithCryptParams } from '../../helpers/openssl-crypt-params.js';
import { opensslGost, runOpenssl, skipWithoutGostEngine, tempDir } from '../../helpers/openssl.js';

const OID_DATA = '1.2.840.113549.1.7.1';
const OID_ENVELOPED = '1.2.840.113549.1.7.3';
const OID_GOST28147 = '1.2.643.2.2.21';

let counter = 0;
function file(name: string, content?: Uint8Array | string): string {
  const path = join(tempDir(), `g28147-${++counter}-${name}`);
  if (content !== undefined) writeFileSync(path, content);
  return path;
}

const derOf = (text: string): Uint8Array =>
  new Uint8Array(Buffer.from(text.replace(/-----[^-]+-----|\s/g, ''), 'base64'));

interface Recipient {
  keyPath: string;
  certPath: string;
  key: GostPrivateKey;
  cert: pkijs.Certificate;
}

/** An OpenSSL-made GOST 2012 key and self-signed certificate. */
function opensslRecipient(algorithm: string, paramset: string): Recipient {
  const keyPath = file('key.pem');
  opensslGost([
    'genpkey',
    '-algorithm',
    algorithm,
    '-pkeyopt',
    `paramset:${paramset}`,
    '-out',
    keyPath,
  ]);
  const certPath = file('cert.pem');
  opensslGost([
    'req',
    '-x509',
    '-new',
    '-key',
    keyPath,
    '-subj',
    '/CN=corridor recipient',
    '-days',
    '2',
    '-out',
    certPath,
  ]);
  return {
    keyPath,
    certPath,
    key: decodeGostPrivateKeyPkcs8(derOf(readFileSync(keyPath, 'utf8'))),
    cert: pkijs.Certificate.fromBER(derOf(readFileSync(certPath, 'utf8'))),
  };
}

interface OpenedCms {
  keyTransport: Uint8Array;
  iv: Uint8Array;
  paramSetOid: string;
  ciphertext: Uint8Array;
}

function readCms(der: Uint8Array): OpenedCms {
  const info = pkijs.ContentInfo.fromBER(der);
  expect(info.contentType).toBe(OID_ENVELOPED);
  const env = new pkijs.EnvelopedData({ schema: info.content });
  const ri = env.recipientInfos[0]?.value;
  if (!(ri instanceof pkijs.KeyTransRecipientInfo)) throw new Error('ktri expected');
  const eci = env.encryptedContentInfo;
  expect(eci.contentEncryptionAlgorithm.algorithmId).toBe(OID_GOST28147);
  const params = eci.contentEncryptionAlgorithm.algorithmParams as asn1js.Sequence;
  const [ivNode, oidNode] = params.valueBlock.value as [
    asn1js.OctetString,
    asn1js.ObjectIdentifier,
  ];
  const content = eci.encryptedContent;
  if (!content) throw new Error('no encrypted content');
  // BER may split the content into constructed pieces
  const pieces = content.idBlock.isConstructed
    ? (content.valueBlock.value as asn1js.OctetString[]).map((p) => p.valueBlock.valueHexView)
    : [content.valueBlock.valueHexView];
  return {
    keyTransport: new Uint8Array(ri.encryptedKey.valueBlock.valueHexView),
    iv: new Uint8Array(ivNode.valueBlock.valueHexView),
    paramSetOid: oidNode.getValue(),
    ciphertext: new Uint8Array(Buffer.concat(pieces)),
  };
}

/** corridor's side: EnvelopedData for the certificate's key, content under GOST 28147 CFB. */
function makeCms(cert: pkijs.Certificate, plaintext: Uint8Array): Uint8Array {
  const recipient = decodeGostPublicKey(
    new Uint8Array(cert.subjectPublicKeyInfo.toSchema().toBER()),
  );
  const cek = new Uint8Array(randomBytes(32));
  const iv = new Uint8Array(randomBytes(8));
  const ciphertext = gost28147CfbEncrypt({ paramSet: TC26_Z_PARAMSET, key: cek, iv }, plaintext);
  const kt = gostKeyTransportWrap(recipient, cek, { paramSet: TC26_Z_PARAMSET });
  const ktri = new pkijs.KeyTransRecipientInfo({
    version: 0,
    rid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
    keyEncryptionAlgorithm: cert.subjectPublicKeyInfo.algorithm,
    encryptedKey: new asn1js.OctetString({ valueHex: kt }),
  });
  const env = new pkijs.EnvelopedData({
    version: 0,
    recipientInfos: [new pkijs.RecipientInfo({ variant: 1, value: ktri })],
    encryptedContentInfo: new pkijs.EncryptedContentInfo({
      contentType: OID_DATA,
      contentEncryptionAlgorithm: new pkijs.AlgorithmIdentifier({
        algorithmId: OID_GOST28147,
        algorithmParams: new asn1js.Sequence({
          value: [
            new asn1js.OctetString({ valueHex: iv }),
            new asn1js.ObjectIdentifier({ value: TC26_Z_PARAMSET.oid }),
          ],
        }),
      }),
      encryptedContent: new asn1js.OctetString({ valueHex: ciphertext }),
    }),
  });
  const info = new pkijs.ContentInfo({ contentType: OID_ENVELOPED, content: env.toSchema() });
  return new Uint8Array(info.toSchema().toBER());
}

function opensslEncrypt(r: Recipient, plaintext: Uint8Array): Uint8Array {
  const out = file('msg.cms');
  opensslGost([
    'cms',
    '-encrypt',
    '-binary',
    '-gost89',
    '-in',
    file('msg.bin', plaintext),
    '-outform',
    'DER',
    '-out',
    out,
    r.certPath,
  ]);
  return new Uint8Array(readFileSync(out));
}

const RECIPIENTS: Array<{ algorithm: string; paramset: string; curve: string }> = [
  { algorithm: 'gost2012_256', paramset: 'A', curve: 'CryptoPro-A' },
  { algorithm: 'gost2012_256', paramset: 'XA', curve: 'CryptoPro-XchA' },
  { algorithm: 'gost2012_256', paramset: 'TCA', curve: 'tc26-256-A (cofactor 4)' },
  { algorithm: 'gost2012_512', paramset: 'A', curve: 'tc26-512-A' },
];

describe.skipIf(skipWithoutGostEngine())(
  'GOST 28147-89 CMS interop with OpenSSL gost engine',
  () => {
    describe.each(RECIPIENTS)('$algorithm recipient on $curve', (c) => {
      const recipient = opensslRecipient(c.algorithm, c.paramset);

      it('OpenSSL encrypts (cms -encrypt -gost89), corridor unwraps the key and decrypts', () => {
        // 3000 bytes: key meshing happens twice
        const plaintext = new Uint8Array(randomBytes(3000));
        const cms = readCms(opensslEncrypt(recipient, plaintext));
        const { cek, paramSet } = gostKeyTransportUnwrap(cms.keyTransport, recipient.key);
        expect(paramSet.oid).toBe(TC26_Z_PARAMSET.oid);
        // the content's own parameter set, from Gost28147-89-Parameters
        expect(gost28147ParamSet(cms.paramSetOid)).toBe(TC26_Z_PARAMSET);
        const data = gost28147CfbDecrypt(
          {
            paramSet: TC26_Z_PARAMSET,
            key: cek,
            iv: cms.iv,
          },
          cms.ciphertext,
        );
        expect(Buffer.from(data).equals(Buffer.from(plaintext))).toBe(true);
        // without key meshing only the first 1024 bytes come out right
        const unmeshed = gost28147CfbDecrypt(
          { paramSet, key: cek, iv: cms.iv, keyMeshing: false },
          cms.ciphertext,
        );
        expect(
          Buffer.from(unmeshed.subarray(0, 1024)).equals(Buffer.from(plaintext.subarray(0, 1024))),
        ).toBe(true);
        expect(
          Buffer.from(unmeshed.subarray(1024)).equals(Buffer.from(plaintext.subarray(1024))),
        ).toBe(false);
      });

      it('corridor encrypts, OpenSSL (cms -decrypt) recovers the plaintext', () => {
        const plaintext = new Uint8Array(randomBytes(2500));
        const cms = makeCms(recipient.cert, plaintext);
        const out = file('out.bin');
        opensslGost([
          'cms',
          '-decrypt',
          '-binary',
          '-inform',
          'DER',
          '-in',
          file('ours.cms', cms),
          '-inkey',
          recipient.keyPath,
          '-recip',
          recipient.certPath,
          '-out',
          out,
        ]);
        expect(Buffer.from(readFileSync(out)).equals(Buffer.from(plaintext))).toBe(true);
      });

      it('a tampered wrapped key is refused by both sides', () => {
        const plaintext = new Uint8Array(randomBytes(100));
        const cms = makeCms(recipient.cert, plaintext);
        const info = readCms(cms);
        const bad = Buffer.from(cms);
        const at = bad.indexOf(Buffer.from(decodeGostKeyTransport(info.keyTransport).encryptedKey));
        expect(at).toBeGreaterThan(0);
        bad[at + 5] = (bad[at + 5] ?? 0) ^ 0x01;
        // -debug_decrypt: without it OpenSSL hides a failed unwrap behind a random key
        const r = runOpenssl(
          [
            'cms',
            '-decrypt',
            '-debug_decrypt',
            '-binary',
            '-inform',
            'DER',
            '-in',
            file('bad.cms', bad),
            '-inkey',
            recipient.keyPath,
            '-recip',
            recipient.certPath,
            '-out',
            file('bad.out'),
          ],
          { gost: true },
        );
        expect(r.status).not.toBe(0);
        expect(() => gostKeyTransportUnwrap(readCms(bad).keyTransport, recipient.key)).toThrow(
          KeyUnwrapError,
        );
      });
    });

    it('the wrong recipient key fails the wrap MAC: no plaintext', () => {
      const intended = opensslRecipient('gost2012_256', 'A');
      const other = opensslRecipient('gost2012_256', 'A');
      const cms = readCms(opensslEncrypt(intended, new Uint8Array(randomBytes(64))));
      expect(() => gostKeyTransportUnwrap(cms.keyTransport, other.key)).toThrow(/MAC mismatch/);
    });
  },
);

describe.skipIf(skipWithoutGostEngine())('GOST 28147-89 CFB and MAC agree with OpenSSL', () => {
  const key = new Uint8Array(randomBytes(32));
  const hexKey = Buffer.from(key).toString('hex');

  it.each([...GOST28147_PARAMSETS])(
    'openssl enc -gost89 (CFB with key meshing) = corridor CFB, both directions, $name',
    (paramSet) => {
      const iv = Buffer.from(randomBytes(8)).toString('hex');
      const plaintext = new Uint8Array(randomBytes(3001));
      const enc = (args: string[], input: Uint8Array): Buffer =>
        opensslWithCryptParams(
          paramSet.oid,
          ['enc', ...args, '-gost89', '-K', hexKey, '-iv', iv],
          input,
        );
      const theirs = enc([], plaintext);
      const ours = gost28147CfbEncrypt({ paramSet, key, iv: Buffer.from(iv, 'hex') }, plaintext);
      expect(Buffer.from(ours).toString('hex')).toBe(theirs.toString('hex'));
      expect(enc(['-d'], ours).equals(Buffer.from(plaintext))).toBe(true);
    },
  );

  it.each([
    { mac: 'gost-mac', paramSet: CRYPTOPRO_A_PARAMSET, size: 5 },
    { mac: 'gost-mac', paramSet: CRYPTOPRO_A_PARAMSET, size: 8 },
    { mac: 'gost-mac', paramSet: CRYPTOPRO_A_PARAMSET, size: 3000 },
    { mac: 'gost-mac-12', paramSet: TC26_Z_PARAMSET, size: 77 },
    { mac: 'gost-mac-12', paramSet: TC26_Z_PARAMSET, size: 2049 },
  ])('openssl dgst -mac $mac = corridor MAC ($size bytes)', ({ mac, paramSet, size }) => {
    const data = new Uint8Array(randomBytes(size));
    const out = opensslGost([
      'dgst',
      '-mac',
      mac,
      '-macopt',
      `hexkey:${hexKey}`,
      file('m.bin', data),
    ]).toString('utf8');
    const theirs = /=\s*([0-9a-f]+)/.exec(out)?.[1];
    const ours = gost28147Mac({ paramSet, key, keyMeshing: true }, data);
    expect(Buffer.from(ours).toString('hex')).toBe(theirs);
  });
});

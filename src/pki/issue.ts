import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import { algorithmById } from '../algorithms/registry.js';
import { UnsupportedAlgorithmError } from '../crypto/errors.js';
import { keyCodecForFamily, schemeFor } from '../crypto/schemes/index.js';
import type { PrivateKey } from '../crypto/types.js';
import type { Certificate } from './certificate.js';
import { CertificateError } from './errors.js';
import { splitUnescaped } from './names.js';
import { spkiParts } from './spki.js';

/**
 * Test-certificate issuer for the fixtures generator: X.509 v3 with basicConstraints,
 * keyUsage and key identifiers, signed by any scheme corridor can sign with. Not a CA product:
 * no policy, CRL or AIA extensions.
 */
export interface IssueOptions {
  /** RFC 4514-style subject, most specific first: `CN=Test,O=Example,C=XX`. */
  subject: string;
  /** Absent: self-signed (issuer name = subject). */
  issuerCert?: Certificate;
  issuerKey: PrivateKey;
  /** DER SubjectPublicKeyInfo of the key being certified. */
  subjectPublicKey: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  isCA: boolean;
  serial: bigint;
  /** Registry id of the signature algorithm; by default chosen from the issuer key. */
  signatureAlgorithm?: string;
}

const ATTRIBUTE_OIDS = new Map<string, string>([
  ['CN', '2.5.4.3'],
  ['SN', '2.5.4.4'],
  ['SERIALNUMBER', '2.5.4.5'],
  ['C', '2.5.4.6'],
  ['L', '2.5.4.7'],
  ['ST', '2.5.4.8'],
  ['STREET', '2.5.4.9'],
  ['O', '2.5.4.10'],
  ['OU', '2.5.4.11'],
  ['UID', '0.9.2342.19200300.100.1.1'],
  ['DC', '0.9.2342.19200300.100.1.25'],
  ['EMAILADDRESS', '1.2.840.113549.1.9.1'],
]);

const unescape = (value: string): string => value.replace(/\\(.)/g, '$1');

/** DER Name from an RFC 4514-style string (RDN order reversed into DER order). */
export function encodeName(name: string): Uint8Array {
  const rdns = splitUnescaped(name, ',')
    .filter((rdn) => rdn.trim() !== '')
    .map((rdn) => {
      const atvs = splitUnescaped(rdn, '+').map((atv) => {
        const eq = atv.indexOf('=');
        if (eq <= 0) throw new CertificateError(`bad name component '${atv}' in '${name}'`);
        const type = atv.slice(0, eq).trim();
        const oid =
          ATTRIBUTE_OIDS.get(type.toUpperCase()) ?? (/^\d+(\.\d+)+$/.test(type) ? type : undefined);
        if (!oid) throw new CertificateError(`unknown attribute type '${type}' in '${name}'`);
        const value = unescape(atv.slice(eq + 1).trim());
        const encoded =
          oid === '2.5.4.6'
            ? new asn1js.PrintableString({ value })
            : oid === '1.2.840.113549.1.9.1'
              ? new asn1js.IA5String({ value })
              : new asn1js.Utf8String({ value });
        return new asn1js.Sequence({
          value: [new asn1js.ObjectIdentifier({ value: oid }), encoded],
        });
      });
      return new asn1js.Set({ value: atvs });
    })
    .reverse();
  return new Uint8Array(new asn1js.Sequence({ value: rdns }).toBER(false));
}

function fromDer(der: Uint8Array): asn1js.AsnType {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset !== der.length) throw new CertificateError('internal: bad DER');
  return parsed.result;
}

function positiveInteger(value: bigint): asn1js.Integer {
  if (value <= 0n) throw new CertificateError('serial number must be positive');
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
  return new asn1js.Integer({ valueHex: Buffer.from(hex, 'hex') });
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
function time(date: Date): asn1js.AsnType {
  const whole = new Date(Math.floor(date.getTime() / 1000) * 1000);
  return whole.getUTCFullYear() < 2050
    ? new asn1js.UTCTime({ valueDate: whole })
    : new asn1js.GeneralizedTime({ valueDate: whole });
}

function defaultSignatureAlgorithm(key: PrivateKey): string {
  const codec = keyCodecForFamily(key.family);
  if (!codec) throw new UnsupportedAlgorithmError(key.family, `no key codec for ${key.family}`);
  return codec.defaultSignatureAlgorithm(key);
}

function algorithmIdentifier(id: string): asn1js.Sequence {
  const oid = algorithmById(id)?.oids[0];
  // PSS needs explicit parameters, which this issuer does not write.
  if (!oid || id.startsWith('rsa-pss')) {
    throw new UnsupportedAlgorithmError(id, `cannot issue certificates signed with '${id}'`);
  }
  // RFC 4055: RSA PKCS#1 v1.5 identifiers carry NULL; ECDSA, EdDSA, SM2 and GOST carry none.
  // bign-with-hbelt carries NULL too, as bee2evp (OpenSSL + bee2) writes it in certificates.
  const params = id.startsWith('rsa-') || id === 'bign-hbelt' ? [new asn1js.Null()] : [];
  return new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: oid }), ...params] });
}

function extension(oid: string, critical: boolean, value: asn1js.AsnType): asn1js.Sequence {
  return new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: oid }),
      ...(critical ? [new asn1js.Boolean({ value: true })] : []),
      new asn1js.OctetString({ valueHex: value.toBER(false) }),
    ],
  });
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING contents. */
function keyIdentifier(spki: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha1').update(spkiParts(spki).keyBytes).digest());
}

function extensions(options: IssueOptions): asn1js.Constructed {
  const { isCA } = options;
  const list = [
    extension(
      '2.5.29.19',
      true,
      new asn1js.Sequence({ value: isCA ? [new asn1js.Boolean({ value: true })] : [] }),
    ),
    // CA: keyCertSign (bit 5) + cRLSign (bit 6); leaf: digitalSignature (0) + nonRepudiation (1).
    extension(
      '2.5.29.15',
      true,
      new asn1js.BitString({
        valueHex: Uint8Array.from([isCA ? 0x06 : 0xc0]),
        unusedBits: isCA ? 1 : 6,
      }),
    ),
    extension(
      '2.5.29.14',
      false,
      new asn1js.OctetString({ valueHex: keyIdentifier(options.subjectPublicKey) }),
    ),
  ];
  if (options.issuerCert) {
    const aki = keyIdentifier(options.issuerCert.publicKey.spki);
    list.push(
      extension(
        '2.5.29.35',
        false,
        new asn1js.Sequence({
          value: [new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: aki })],
        }),
      ),
    );
  }
  return new asn1js.Constructed({
    idBlock: { tagClass: 3, tagNumber: 3 },
    value: [new asn1js.Sequence({ value: list })],
  });
}

/** Issues (signs) an X.509 v3 certificate; returns its DER. */
export function issueCertificate(options: IssueOptions): Uint8Array {
  const id = options.signatureAlgorithm ?? defaultSignatureAlgorithm(options.issuerKey);
  const scheme = schemeFor(id);
  if (!scheme) throw new UnsupportedAlgorithmError(id, `no signature scheme for '${id}'`);
  const sigAlg = algorithmIdentifier(id);
  const subjectName = encodeName(options.subject);
  const issuerName = options.issuerCert ? options.issuerCert.subjectDer : subjectName;
  const tbs = new asn1js.Sequence({
    value: [
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 0 },
        value: [new asn1js.Integer({ value: 2 })],
      }),
      positiveInteger(options.serial),
      sigAlg,
      fromDer(issuerName),
      new asn1js.Sequence({ value: [time(options.notBefore), time(options.notAfter)] }),
      fromDer(subjectName),
      fromDer(options.subjectPublicKey),
      extensions(options),
    ],
  });
  const tbsDer = new Uint8Array(tbs.toBER(false));
  const signature = scheme.sign(id, options.issuerKey, tbsDer, 'x509');
  const cert = new asn1js.Sequence({
    value: [
      fromDer(tbsDer),
      algorithmIdentifier(id),
      new asn1js.BitString({ valueHex: signature }),
    ],
  });
  return new Uint8Array(cert.toBER(false));
}

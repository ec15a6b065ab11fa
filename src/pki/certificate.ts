import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import type * as Pkijs from 'pkijs';
import type { PublicKey } from '../crypto/types.js';
import type { SignerSummary } from '../signature/types.js';
import { LazyNotLoadedError } from '../util/lazy.js';
import { CertificateError } from './errors.js';
import { nameToString } from './names.js';
import {
  OID,
  digestIdForHashOid,
  keyAlgorithmInfo,
  keyBitsFor,
  registryIdForSignatureOid,
} from './oids.js';
import { decodePublicKey, spkiOfCertificate, spkiParts } from './spki.js';
import { readPlainCertificate, type PlainCertificateFields } from './der-certificate.js';
import { pkijs } from './pkijs.js';

export type KeyUsageName =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign'
  | 'encipherOnly'
  | 'decipherOnly';

const KEY_USAGE_BITS: readonly KeyUsageName[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

/** A parsed X.509 certificate: plain data, safe to cache and share. */
export interface Certificate {
  der: Uint8Array;
  /** RFC 4514 string, e.g. `CN=Test,O=Example,C=US`. */
  subject: string;
  issuer: string;
  /** DER of the subject / issuer Name, for exact matching while building chains. */
  subjectDer: Uint8Array;
  issuerDer: Uint8Array;
  /** Lower-case hex, no leading zero bytes. */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  publicKey: PublicKey;
  signatureAlgorithmOid: string;
  /** Registry id of the signature algorithm, when corridor knows one (PSS resolved by hash). */
  signatureAlgorithmId?: string;
  /** The signed bytes (tbsCertificate, as encoded). */
  tbs: Uint8Array;
  signatureValue: Uint8Array;
  isCA: boolean;
  keyUsage?: KeyUsageName[];
  /** subjectKeyIdentifier extension value (XMLDSig X509SKI lookups). */
  subjectKeyIdentifier?: Uint8Array;
  /** URIs of the CRL distribution points (listed in findings, never fetched). */
  crlDistributionPoints?: string[];
  /** SHA-256 of the DER, lower-case hex. */
  sha256: string;
}

function bytes(view: ArrayBuffer | Uint8Array): Uint8Array {
  return Uint8Array.from(view instanceof Uint8Array ? view : new Uint8Array(view));
}

function serialHex(serial: asn1js.Integer): string {
  return serialHexOf(serial.valueBlock.valueHexView);
}

function serialHexOf(content: Uint8Array): string {
  const hex = Buffer.from(content).toString('hex');
  return hex.replace(/^(00)+(?=..)/, '') || '00';
}

/** RSASSA-PSS: the registry id only when the parameters are those corridor verifies. */
function pssRegistryId(params: unknown): string | undefined {
  if (!(params instanceof asn1js.Sequence)) return undefined;
  const pss = new (pkijs().RSASSAPSSParams)({ schema: params });
  const digestId = digestIdForHashOid(pss.hashAlgorithm.algorithmId);
  const id = registryIdForSignatureOid(OID.rsassaPss, digestId);
  const saltLength = { 'rsa-pss-sha256': 32, 'rsa-pss-sha384': 48, 'rsa-pss-sha512': 64 };
  if (!id || saltLength[id as keyof typeof saltLength] !== pss.saltLength) return undefined;
  const mgfParams = pss.maskGenAlgorithm.algorithmParams as unknown;
  const mgfHash = mgfParams instanceof asn1js.Sequence ? mgfParams.valueBlock.value[0] : undefined;
  const mgfHashOid =
    mgfHash instanceof asn1js.ObjectIdentifier ? mgfHash.valueBlock.toString() : undefined;
  return mgfHashOid === pss.hashAlgorithm.algorithmId ? id : undefined;
}

function keyUsageOf(value: unknown): KeyUsageName[] | undefined {
  if (!(value instanceof asn1js.BitString)) return undefined;
  return keyUsageOfBits(value.valueBlock.valueHexView);
}

/** The usages a keyUsage BIT STRING's content (unused-bits octet removed) asserts. */
export function keyUsageOfBits(raw: Uint8Array): KeyUsageName[] {
  const usages: KeyUsageName[] = [];
  KEY_USAGE_BITS.forEach((name, bit) => {
    if (((raw[bit >> 3] ?? 0) >> (7 - (bit & 7))) & 1) usages.push(name);
  });
  return usages;
}

/** Keys Node or corridor cannot load (odd curve, bad point) are still reported, by OID. */
function publicKeyOf(spki: Uint8Array): PublicKey {
  try {
    return decodePublicKey(spki);
  } catch (error) {
    // The family's code is not loaded yet: the caller loads it and reads again (util/lazy.ts).
    if (error instanceof LazyNotLoadedError) throw error;
    const parts = spkiParts(spki);
    const family = keyAlgorithmInfo(parts.algorithmOid)?.family ?? 'unknown';
    return {
      family: 'unknown',
      spki,
      bits: keyBitsFor(family, parts.parameterOid),
      algorithmOid: parts.algorithmOid,
    };
  }
}

const SKI_OID = '2.5.29.14';
const CRL_DP_OID = '2.5.29.31';

/** uniformResourceIdentifier (GeneralName [6]) full names of the distribution points. */
function distributionPointUris(points: Pkijs.CRLDistributionPoints): string[] {
  const uris: string[] = [];
  for (const point of points.distributionPoints) {
    const names = point.distributionPoint;
    if (!Array.isArray(names)) continue;
    for (const name of names) {
      if (name.type === 6 && typeof name.value === 'string') uris.push(name.value.slice(0, 512));
    }
  }
  return uris.slice(0, 8);
}

/** What both readings take from a certificate; certificateOf derives the rest. */
interface CertificateFields {
  subjectDer: Uint8Array;
  issuerDer: Uint8Array;
  spki: Uint8Array;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  signatureAlgorithmOid: string;
  signatureAlgorithmId?: string;
  tbs: Uint8Array;
  signatureValue: Uint8Array;
  isCA: boolean;
  keyUsage?: KeyUsageName[];
  subjectKeyIdentifier?: Uint8Array;
  crlDistributionPoints?: string[];
}

/** The Certificate of either reading (plain DER or pkijs), fields in one order. */
function certificateOf(der: Uint8Array, sha256: string, fields: CertificateFields): Certificate {
  const { spki, signatureAlgorithmId, keyUsage, subjectKeyIdentifier, crlDistributionPoints } =
    fields;
  let publicKey: PublicKey | undefined;
  return {
    der,
    subject: nameToString(fields.subjectDer),
    issuer: nameToString(fields.issuerDer),
    subjectDer: fields.subjectDer,
    issuerDer: fields.issuerDer,
    serialNumber: fields.serialNumber,
    notBefore: fields.notBefore,
    notAfter: fields.notAfter,
    // Decoded on first use: reading certificates (a profile's anchors, at load) needs no key
    // code, and a GOST or SM2 anchor does not load its family's arithmetic for an RSA run.
    get publicKey(): PublicKey {
      return (publicKey ??= publicKeyOf(spki));
    },
    signatureAlgorithmOid: fields.signatureAlgorithmOid,
    ...(signatureAlgorithmId ? { signatureAlgorithmId } : {}),
    tbs: fields.tbs,
    signatureValue: fields.signatureValue,
    isCA: fields.isCA,
    ...(keyUsage ? { keyUsage } : {}),
    ...(subjectKeyIdentifier ? { subjectKeyIdentifier } : {}),
    ...(crlDistributionPoints?.length ? { crlDistributionPoints } : {}),
    sha256,
  };
}

/** The plain shape read without asn1js and pkijs (der-certificate.ts); the same fields. */
function fromPlain(der: Uint8Array, sha256: string, plain: PlainCertificateFields): Certificate {
  return certificateOf(der, sha256, {
    subjectDer: plain.subjectDer,
    issuerDer: plain.issuerDer,
    spki: plain.spki,
    serialNumber: serialHexOf(plain.serial),
    notBefore: plain.notBefore,
    notAfter: plain.notAfter,
    signatureAlgorithmOid: plain.signatureAlgorithmOid,
    signatureAlgorithmId: registryIdForSignatureOid(plain.signatureAlgorithmOid),
    tbs: plain.tbs,
    signatureValue: plain.signatureValue,
    isCA: plain.isCA,
    keyUsage: plain.keyUsageBits ? keyUsageOfBits(plain.keyUsageBits) : undefined,
    subjectKeyIdentifier: plain.subjectKeyIdentifier,
  });
}

function parseUncached(der: Uint8Array, sha256: string): Certificate {
  const plain = readPlainCertificate(der);
  return plain ? fromPlain(der, sha256, plain) : parseWithPkijs(der, sha256);
}

/**
 * The asn1js + pkijs reading, for every certificate the plain reader leaves alone; exported so
 * the tests can hold the plain reader to it. Throws what parseCertificate throws.
 */
export function parseWithPkijs(der: Uint8Array, sha256 = ''): Certificate {
  const asn1 = asn1js.fromBER(der);
  if (asn1.offset === -1) {
    throw new CertificateError(`not a DER X.509 certificate (${asn1.result.error || 'bad ASN.1'})`);
  }
  if (asn1.offset !== der.length) {
    throw new CertificateError(
      `not a DER X.509 certificate (${der.length - asn1.offset} trailing bytes)`,
    );
  }
  // Outside the try: a pkijs not loaded yet must reach withLazy, not become a CertificateError.
  const pki = pkijs();
  let cert: Pkijs.Certificate;
  try {
    cert = new pki.Certificate({ schema: asn1.result });
  } catch (error) {
    throw new CertificateError(
      `not an X.509 certificate: ${(error as Error).message}`.slice(0, 300),
      { cause: error },
    );
  }
  const sigOid = cert.signatureAlgorithm.algorithmId;
  const signatureAlgorithmId =
    sigOid === OID.rsassaPss
      ? pssRegistryId(cert.signatureAlgorithm.algorithmParams)
      : registryIdForSignatureOid(sigOid);
  let isCA = false;
  let keyUsage: KeyUsageName[] | undefined;
  let subjectKeyIdentifier: Uint8Array | undefined;
  let crlDistributionPoints: string[] | undefined;
  for (const ext of cert.extensions ?? []) {
    if (ext.extnID === OID.basicConstraints && ext.parsedValue instanceof pki.BasicConstraints) {
      isCA = ext.parsedValue.cA === true;
    } else if (ext.extnID === OID.keyUsage) {
      keyUsage = keyUsageOf(ext.parsedValue);
    } else if (ext.extnID === SKI_OID && ext.parsedValue instanceof asn1js.OctetString) {
      subjectKeyIdentifier = bytes(ext.parsedValue.valueBlock.valueHexView);
    } else if (ext.extnID === CRL_DP_OID && ext.parsedValue instanceof pki.CRLDistributionPoints) {
      crlDistributionPoints = distributionPointUris(ext.parsedValue);
    }
  }
  return certificateOf(der, sha256, {
    subjectDer: bytes(cert.subject.valueBeforeDecode),
    issuerDer: bytes(cert.issuer.valueBeforeDecode),
    spki: spkiOfCertificate(der),
    serialNumber: serialHex(cert.serialNumber),
    notBefore: cert.notBefore.value,
    notAfter: cert.notAfter.value,
    signatureAlgorithmOid: sigOid,
    signatureAlgorithmId,
    tbs: bytes(cert.tbsView),
    signatureValue: bytes(cert.signatureValue.valueBlock.valueHexView),
    isCA,
    keyUsage,
    subjectKeyIdentifier,
    crlDistributionPoints,
  });
}

// The same CA and signer certificates arrive with every document, and trust and the rules ask
// for each again per receiver. Keyed by the bytes themselves (base64): hashing them with
// SHA-256 on every lookup cost more than the parse it saved.
const cache = new Map<string, Certificate>();
const CACHE_MAX = 1024;

/** Parses a DER certificate; throws CertificateError (never anything else) on bad input. */
export function parseCertificate(der: Uint8Array): Certificate {
  const id = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64');
  const hit = cache.get(id);
  if (hit) return hit;
  const sha256 = createHash('sha256').update(der).digest('hex');
  let cert: Certificate;
  try {
    cert = parseUncached(Uint8Array.from(der), sha256);
  } catch (error) {
    if (error instanceof CertificateError || error instanceof LazyNotLoadedError) throw error;
    throw new CertificateError(`cannot parse certificate: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(id, cert);
  return cert;
}

export function signerSummary(cert: Certificate): SignerSummary {
  const key = cert.publicKey;
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: cert.serialNumber,
    keyAlgorithm: key.family,
    keyBits: key.bits,
    ...(key.curve ? { curve: key.curve.name } : {}),
    ...(key.curve?.oid ? { curveOid: key.curve.oid } : {}),
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
  };
}

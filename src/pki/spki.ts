import * as asn1js from 'asn1js';
import { KeyFormatError } from '../crypto/errors.js';
import { keyCodecFor } from '../crypto/schemes/index.js';
import type { CurveInfo, KeyFamily, PublicKey, SpkiParts } from '../crypto/types.js';
import { CertificateError } from './errors.js';
import { curveInfo, keyAlgorithmInfo, keyBitsFor } from './oids.js';
import { pemBlocks } from './pem.js';
import { readPlainSpki } from './der-certificate.js';

export type { SpkiParts } from '../crypto/types.js';

function fail(message: string): never {
  throw new KeyFormatError(`SubjectPublicKeyInfo: ${message}`);
}

function firstOid(block: asn1js.AsnType | undefined): string | undefined {
  if (block instanceof asn1js.ObjectIdentifier) return block.valueBlock.toString();
  // GOST parameters are SEQUENCE { publicKeyParamSet OID, digestParamSet OID? }
  if (block instanceof asn1js.Sequence) return firstOid(block.valueBlock.value[0]);
  return undefined;
}

/** Strict structural parse: SEQUENCE { SEQUENCE { OID, params? }, BIT STRING }, nothing after. */
export function spkiParts(spki: Uint8Array): SpkiParts {
  // The plain shape straight from the DER (der-certificate.ts); anything else, errors included,
  // through asn1js as before.
  return readPlainSpki(spki) ?? asn1SpkiParts(spki);
}

/** The asn1js reading; exported for the tests, which hold the plain reading to it. */
export function asn1SpkiParts(spki: Uint8Array): SpkiParts {
  const parsed = asn1js.fromBER(spki);
  if (parsed.offset !== spki.length) fail('not a single well-formed DER value');
  const seq = parsed.result;
  if (!(seq instanceof asn1js.Sequence)) fail('expected a SEQUENCE');
  const [algorithm, bits] = seq.valueBlock.value;
  if (!(algorithm instanceof asn1js.Sequence) || !(bits instanceof asn1js.BitString)) {
    fail('expected SEQUENCE { AlgorithmIdentifier, BIT STRING }');
  }
  const [oid, params] = algorithm.valueBlock.value;
  if (!(oid instanceof asn1js.ObjectIdentifier)) fail('algorithm identifier has no OID');
  if (bits.valueBlock.unusedBits !== 0) fail('public key BIT STRING has unused bits');
  return {
    algorithmOid: oid.valueBlock.toString(),
    parameterOid: firstOid(params),
    keyBytes: new Uint8Array(bits.valueBlock.valueHexView),
  };
}

function curveOf(parameterOid: string | undefined): CurveInfo | undefined {
  if (!parameterOid) return undefined;
  return { oid: parameterOid, name: curveInfo(parameterOid)?.name ?? parameterOid };
}

/** A key we can name and size but not verify with (no registered codec reads it). */
function recognised(spki: Uint8Array, parts: SpkiParts, family: KeyFamily): PublicKey {
  const reportFamily =
    family === 'kz-gost-2004' || family === 'kz-gost-2015' || family === 'uz-dst'
      ? family
      : 'unknown';
  const curve = curveOf(parts.parameterOid);
  return {
    family: reportFamily,
    spki,
    bits: keyBitsFor(family, parts.parameterOid),
    algorithmOid: parts.algorithmOid,
    ...(curve ? { curve } : {}),
  };
}

/** Each family's codec (crypto/schemes) decodes and checks its keys; others are recognised. */
function decodeUncached(spki: Uint8Array): PublicKey {
  const parts = spkiParts(spki);
  const codec = keyCodecFor(parts.algorithmOid, parts.parameterOid);
  if (codec) return codec.decodeSpki(spki, parts);
  return recognised(spki, parts, keyAlgorithmInfo(parts.algorithmOid)?.family ?? 'unknown');
}

// Keys repeat across documents (one signer, many files): decode each SPKI once.
const cache = new Map<string, PublicKey>();
const CACHE_MAX = 1024;

/** Decodes a DER SubjectPublicKeyInfo of any family; throws KeyFormatError on bad input. */
export function decodePublicKey(spkiDer: Uint8Array): PublicKey {
  const id = Buffer.from(spkiDer.buffer, spkiDer.byteOffset, spkiDer.byteLength).toString('base64');
  const hit = cache.get(id);
  if (hit) return hit;
  const key = decodeUncached(Uint8Array.from(spkiDer));
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(id, key);
  return key;
}

/** The SubjectPublicKeyInfo bytes inside a certificate, exactly as encoded. */
export function spkiOfCertificate(der: Uint8Array): Uint8Array {
  const parsed = asn1js.fromBER(der);
  const cert = parsed.result;
  const tbs = cert instanceof asn1js.Sequence ? cert.valueBlock.value[0] : undefined;
  if (parsed.offset !== der.length || !(tbs instanceof asn1js.Sequence)) {
    throw new CertificateError('not a DER X.509 certificate');
  }
  const fields = tbs.valueBlock.value;
  // version [0] is optional (absent in v1 certificates)
  const offset = fields[0]?.idBlock.tagClass === 3 ? 1 : 0;
  const spki = fields[offset + 5];
  if (!(spki instanceof asn1js.Sequence)) throw new CertificateError('certificate has no SPKI');
  return new Uint8Array(spki.valueBeforeDecodeView);
}

/** A public key from PEM text holding a `PUBLIC KEY` or a `CERTIFICATE` (the first one found). */
export function publicKeyFromPem(text: string): PublicKey {
  for (const block of pemBlocks(text)) {
    if (block.label === 'PUBLIC KEY') return decodePublicKey(block.der);
    if (block.label === 'CERTIFICATE') return decodePublicKey(spkiOfCertificate(block.der));
  }
  throw new KeyFormatError('no PUBLIC KEY or CERTIFICATE PEM block found');
}

import * as asn1js from 'asn1js';
import { KeyFormatError } from '../errors.js';
import type { GostPublicKey } from '../types.js';
import { basePoint } from '../base-table.js';
import { gostCurveParams, gostPointType, type GostCurveParams } from './curves.js';
import {
  GOST_DIGEST_OIDS,
  GOST_KEY_OIDS,
  gostFamilyBits,
  gostFamilyOfOid,
  type GostFamily,
} from './oids.js';
import { bigIntToLe, leToBigInt, randomScalar } from './signature.js';

/**
 * GOST key encodings (RFC 4491, RFC 9215):
 * - SubjectPublicKeyInfo: algorithm { key OID, SEQUENCE { curve OID, [digest OID] } },
 *   BIT STRING holding a DER OCTET STRING of x ‖ y, each little-endian.
 * - PKCS#8: the privateKey OCTET STRING holds d little-endian. OpenSSL's gost engine writes
 *   the bare bytes; older tools nest an OCTET STRING or a (big-endian) INTEGER; CryptoPro-style
 *   "masked" keys concatenate d·m⁻¹ with masks m (key = product mod q). All are read.
 */
export interface GostPrivateKey {
  family: GostFamily;
  curve: { oid: string; name: string };
  d: bigint;
}

export interface GostKeyPair {
  privateKey: GostPrivateKey;
  publicKey: GostPublicKey;
}

function parseDer(der: Uint8Array, what: string): asn1js.AsnType {
  const { offset, result } = asn1js.fromBER(der);
  if (offset === -1 || offset !== der.length) throw new KeyFormatError(`${what}: malformed DER`);
  return result;
}

function children(node: unknown, what: string, min: number, max: number): asn1js.AsnType[] {
  if (!(node instanceof asn1js.Sequence)) throw new KeyFormatError(`${what}: SEQUENCE expected`);
  const items = node.valueBlock.value;
  if (items.length < min || items.length > max) {
    throw new KeyFormatError(`${what}: ${items.length} elements`);
  }
  return items;
}

function oidOf(node: unknown, what: string): string {
  if (!(node instanceof asn1js.ObjectIdentifier)) throw new KeyFormatError(`${what}: OID expected`);
  return node.getValue();
}

function octets(node: unknown, what: string): Uint8Array {
  if (!(node instanceof asn1js.OctetString) || node.idBlock.isConstructed) {
    throw new KeyFormatError(`${what}: primitive OCTET STRING expected`);
  }
  return node.valueBlock.valueHexView;
}

interface AlgorithmInfo {
  family: GostFamily;
  algorithmOid: string;
  params: GostCurveParams;
}

/** Reads AlgorithmIdentifier { GOST key OID, GostR3410-PublicKeyParameters }. */
function readAlgorithm(node: unknown, what: string): AlgorithmInfo {
  const [oidNode, paramsNode] = children(node, `${what} algorithm`, 1, 2);
  const algorithmOid = oidOf(oidNode, `${what} algorithm`);
  const family = gostFamilyOfOid(algorithmOid);
  if (!family) throw new KeyFormatError(`${what}: ${algorithmOid} is not a GOST key algorithm`);
  if (!paramsNode || paramsNode instanceof asn1js.Null) {
    // RFC 4491 lets a certificate inherit parameters from its issuer; not resolvable here
    throw new KeyFormatError(`${what}: GOST key parameters absent (inherited from the issuer)`);
  }
  const [curveNode] = children(paramsNode, `${what} parameters`, 1, 3);
  const curveOid = oidOf(curveNode, `${what} curve`);
  const params = gostCurveParams(curveOid);
  if (!params) throw new KeyFormatError(`${what}: unknown GOST parameter set ${curveOid}`);
  if (params.bits !== gostFamilyBits(family)) {
    throw new KeyFormatError(`${what}: ${params.bits}-bit curve ${curveOid} with a ${family} key`);
  }
  return { family, algorithmOid, params };
}

function onCurve(params: GostCurveParams, x: bigint, y: bigint): boolean {
  const { p, a, b } = params;
  if (x < 0n || x >= p || y < 0n || y >= p) return false;
  return (y * y - (x * x * x + a * x + b)) % p === 0n;
}

/** Decodes a GOST SubjectPublicKeyInfo; throws KeyFormatError on anything unexpected. */
export function decodeGostPublicKey(spkiDer: Uint8Array): GostPublicKey {
  const [algNode, keyNode] = children(parseDer(spkiDer, 'SPKI'), 'SPKI', 2, 2);
  const { family, algorithmOid, params } = readAlgorithm(algNode, 'SPKI');
  if (!(keyNode instanceof asn1js.BitString) || keyNode.valueBlock.unusedBits !== 0) {
    throw new KeyFormatError('SPKI: subjectPublicKey BIT STRING expected');
  }
  const point = octets(parseDer(keyNode.valueBlock.valueHexView, 'GOST public key'), 'GOST key');
  const n = params.bits / 8;
  if (point.length !== 2 * n) {
    throw new KeyFormatError(`GOST public key: ${point.length} bytes, expected ${2 * n}`);
  }
  const x = leToBigInt(point.subarray(0, n));
  const y = leToBigInt(point.subarray(n));
  if (!onCurve(params, x, y)) throw new KeyFormatError('GOST public key: point not on the curve');
  return {
    family,
    spki: new Uint8Array(spkiDer),
    bits: params.bits,
    curve: { oid: params.oid, name: params.name },
    algorithmOid,
    x,
    y,
  };
}

/**
 * Digest parameter written next to the curve. Like OpenSSL's gost engine, it is omitted for
 * the TC26 256-bit sets and 512-C (RFC 9215 §4) and present for CryptoPro and 512-A/B.
 */
function digestOidFor(family: GostFamily, curveOid: string): string | undefined {
  if (family === 'gost2001') return GOST_DIGEST_OIDS.gostr341194CryptoPro;
  if (curveOid.startsWith('1.2.643.7.1.2.1.1.') || curveOid === '1.2.643.7.1.2.1.2.3') {
    return undefined;
  }
  return family === 'gost2012-256' ? GOST_DIGEST_OIDS.streebog256 : GOST_DIGEST_OIDS.streebog512;
}

function algorithmIdentifier(family: GostFamily, params: GostCurveParams): asn1js.Sequence {
  const digestOid = digestOidFor(family, params.oid);
  const paramItems = [new asn1js.ObjectIdentifier({ value: params.oid })];
  if (digestOid) paramItems.push(new asn1js.ObjectIdentifier({ value: digestOid }));
  return new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: GOST_KEY_OIDS[family] }),
      new asn1js.Sequence({ value: paramItems }),
    ],
  });
}

function checkedParams(family: GostFamily, curveOid: string): GostCurveParams {
  const params = gostCurveParams(curveOid);
  if (!params) throw new KeyFormatError(`unknown GOST parameter set ${curveOid}`);
  if (params.bits !== gostFamilyBits(family)) {
    throw new KeyFormatError(`${params.bits}-bit curve ${curveOid} cannot carry a ${family} key`);
  }
  return params;
}

/** Encodes a GOST SubjectPublicKeyInfo (x ‖ y little-endian inside an OCTET STRING). */
export function encodeGostSpki(
  family: GostFamily,
  curveOid: string,
  x: bigint,
  y: bigint,
): Uint8Array {
  const params = checkedParams(family, curveOid);
  if (!onCurve(params, x, y)) throw new KeyFormatError('GOST public key: point not on the curve');
  const n = params.bits / 8;
  const xy = new Uint8Array(2 * n);
  xy.set(bigIntToLe(x, n), 0);
  xy.set(bigIntToLe(y, n), n);
  const inner = new asn1js.OctetString({ valueHex: xy }).toBER();
  const spki = new asn1js.Sequence({
    value: [algorithmIdentifier(family, params), new asn1js.BitString({ valueHex: inner })],
  });
  return new Uint8Array(spki.toBER());
}

/** Reads d from the privateKey OCTET STRING's content (see the layouts listed above). */
function readPrivateScalar(content: Uint8Array, params: GostCurveParams): bigint {
  const n = params.bits / 8;
  // exactly n bytes is the bare form; testing it first avoids misreading bare bytes that
  // happen to start like a DER header
  if (content.length === n) return leToBigInt(content);
  const tag = content[0];
  if (content.length > 2 && (tag === 0x04 || tag === 0x02)) {
    const { offset, result } = asn1js.fromBER(content);
    if (offset === content.length) {
      if (result instanceof asn1js.OctetString && !result.idBlock.isConstructed) {
        return leToBigInt(result.valueBlock.valueHexView);
      }
      if (result instanceof asn1js.Integer) {
        const v = result.toBigInt();
        if (v < 0n) throw new KeyFormatError('GOST private key: negative INTEGER');
        return v;
      }
    }
  }
  if (content.length > n && content.length % n === 0) {
    // masked key: (d·m⁻¹) ‖ m₁ ‖ … — the key is the product of all parts mod q
    let d = 1n;
    for (let off = 0; off < content.length; off += n) {
      d = (d * leToBigInt(content.subarray(off, off + n))) % params.q;
    }
    return d;
  }
  throw new KeyFormatError(`GOST private key: unsupported ${content.length}-byte layout`);
}

/** Decodes an unencrypted PKCS#8 PrivateKeyInfo holding a GOST key. */
export function decodeGostPrivateKeyPkcs8(der: Uint8Array): GostPrivateKey {
  const [versionNode, algNode, keyNode] = children(parseDer(der, 'PKCS#8'), 'PKCS#8', 3, 5);
  if (!(versionNode instanceof asn1js.Integer) || versionNode.toBigInt() > 1n) {
    throw new KeyFormatError('PKCS#8: unsupported version');
  }
  const { family, params } = readAlgorithm(algNode, 'PKCS#8');
  const d = readPrivateScalar(octets(keyNode, 'PKCS#8 privateKey'), params) % params.q;
  if (d === 0n) throw new KeyFormatError('GOST private key is zero');
  return { family, curve: { oid: params.oid, name: params.name }, d };
}

/** Encodes PKCS#8 the way OpenSSL's gost engine does: d little-endian, bare, fixed length. */
export function encodeGostPrivateKeyPkcs8(key: GostPrivateKey): Uint8Array {
  const params = checkedParams(key.family, key.curve.oid);
  if (key.d <= 0n || key.d >= params.q) throw new KeyFormatError('GOST private key out of range');
  const info = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 0 }),
      algorithmIdentifier(key.family, params),
      new asn1js.OctetString({ valueHex: bigIntToLe(key.d, params.bits / 8) }),
    ],
  });
  return new Uint8Array(info.toBER());
}

/** The public key for a private key (constant-time d·G). */
export function gostPublicKeyFor(key: GostPrivateKey): GostPublicKey {
  const params = checkedParams(key.family, key.curve.oid);
  const q = basePoint(gostPointType(params)).multiply(key.d);
  return decodeGostPublicKey(encodeGostSpki(key.family, params.oid, q.x, q.y));
}

/** A fresh key pair on the given parameter set, d from the system CSPRNG. */
export function generateGostKeyPair(family: GostFamily, curveOid: string): GostKeyPair {
  const params = checkedParams(family, curveOid);
  const privateKey: GostPrivateKey = {
    family,
    curve: { oid: params.oid, name: params.name },
    d: randomScalar(params.q),
  };
  return { privateKey, publicKey: gostPublicKeyFor(privateKey) };
}

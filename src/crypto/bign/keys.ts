import type { WeierstrassPoint } from '@noble/curves/abstract/weierstrass.js';
import * as asn1js from 'asn1js';
import { KeyFormatError } from '../errors.js';
import { bigIntToLe, leToBigInt, randomScalar } from '../gost/signature.js';
import type { BignPublicKey } from '../types.js';
import { basePoint } from '../base-table.js';
import { bignCurveParams, bignPointType, type BignCurveParams } from './curves.js';
import { bignAlgorithmIdentifier, encodeBignSpki } from './spki.js';

/**
 * bign key encodings. Sources for every byte order:
 * - SubjectPublicKeyInfo (STB 34.101.45 Appendix D): AlgorithmIdentifier { bign-pubkey
 *   1.2.112.0.2.0.34.101.45.2.1, DomainParameters named curve OID }, subjectPublicKey BIT
 *   STRING = the public key octets x ‖ y, each coordinate little-endian (§5.2 and the
 *   standard's key example G.1; bee2evp's bign_asn1.c writes the 2l/4 octets as they are,
 *   and its self-signed server.cert decodes so).
 * - PKCS#8 PrivateKeyInfo (bee2 bpki.c, STB 34.101.78): version 0, the same
 *   AlgorithmIdentifier, privateKey OCTET STRING = d little-endian in l/4 octets.
 */
export { BIGN_PUBKEY_OID, encodeBignSpki } from './spki.js';

export interface BignPrivateKey {
  family: 'bign';
  curve: { oid: string; name: string };
  d: bigint;
}

function paramsFor(oid: string | undefined, what: string): BignCurveParams {
  const params = oid ? bignCurveParams(oid) : undefined;
  if (!params) throw new KeyFormatError(`${what}: unknown bign curve ${oid ?? '(none)'}`);
  return params;
}

/** The public key octets x ‖ y (little-endian each) of private key d. */
export function bignPublicPoint(params: BignCurveParams, d: bigint): Uint8Array {
  if (d <= 0n || d >= params.q) throw new KeyFormatError('bign private key out of range');
  const Q = basePoint(bignPointType(params)).multiply(d).toAffine();
  const out = new Uint8Array(2 * params.bytes);
  out.set(bigIntToLe(Q.x, params.bytes), 0);
  out.set(bigIntToLe(Q.y, params.bytes), params.bytes);
  return out;
}

/**
 * The curve point of public key octets, validated as §6.2.3 asks (both coordinates below p,
 * on the curve, not the point at infinity; the cofactor is 1). Throws KeyFormatError.
 */
export function bignPointFromBytes(
  params: BignCurveParams,
  octets: Uint8Array,
): WeierstrassPoint<bigint> {
  if (octets.length !== 2 * params.bytes) {
    throw new KeyFormatError(
      `bign public key on ${params.name} must be ${2 * params.bytes} octets, got ${octets.length}`,
    );
  }
  const x = leToBigInt(octets.subarray(0, params.bytes));
  const y = leToBigInt(octets.subarray(params.bytes));
  if (x >= params.p || y >= params.p) {
    throw new KeyFormatError(`bign public key coordinates exceed the field of ${params.name}`);
  }
  try {
    const point = bignPointType(params).fromAffine({ x, y });
    point.assertValidity();
    return point;
  } catch {
    throw new KeyFormatError(`bign public key is not a point on ${params.name}`);
  }
}

/** A bign PublicKey from SPKI parts already split by pki/spki.ts; throws KeyFormatError. */
export function decodeBignPublicKey(
  spki: Uint8Array,
  algorithmOid: string,
  curveOid: string | undefined,
  keyBytes: Uint8Array,
): BignPublicKey {
  // DomainParameters may also be `specified` or `implicit` (Appendix D): not supported here.
  const params = paramsFor(curveOid, 'bign SubjectPublicKeyInfo');
  bignPointFromBytes(params, keyBytes);
  return {
    family: 'bign',
    spki,
    bits: 2 * params.level,
    curve: { oid: params.oid, name: params.name },
    algorithmOid,
    point: Uint8Array.from(keyBytes),
  };
}

/** DER PKCS#8 PrivateKeyInfo of a bign private key. */
export function encodeBignPrivateKeyPkcs8(key: BignPrivateKey): Uint8Array {
  const params = paramsFor(key.curve.oid, 'bign private key');
  const info = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 0 }),
      bignAlgorithmIdentifier(params),
      new asn1js.OctetString({ valueHex: bigIntToLe(key.d, params.bytes) }),
    ],
  });
  return new Uint8Array(info.toBER(false));
}

/** Reads the privateKey octets of a bign PKCS#8 whose curve OID the caller has read. */
export function decodeBignPrivateKey(
  curveOid: string | undefined,
  octets: Uint8Array,
): BignPrivateKey {
  const params = paramsFor(curveOid, 'bign PKCS#8');
  if (octets.length !== params.bytes) {
    throw new KeyFormatError(
      `bign PKCS#8: private key must be ${params.bytes} octets on ${params.name}`,
    );
  }
  const d = leToBigInt(octets);
  if (d <= 0n || d >= params.q) throw new KeyFormatError('bign PKCS#8: private key out of range');
  return { family: 'bign', curve: { oid: params.oid, name: params.name }, d };
}

/** A fresh key pair on a named bign curve (TEST ONLY keys for fixtures). */
export function generateBignPrivateKey(curveOid: string): BignPrivateKey {
  const params = paramsFor(curveOid, 'bign key generation');
  return {
    family: 'bign',
    curve: { oid: params.oid, name: params.name },
    d: randomScalar(params.q),
  };
}

/** SPKI of a private key's public half. */
export function bignSpkiOfPrivateKey(key: BignPrivateKey): Uint8Array {
  const params = paramsFor(key.curve.oid, 'bign private key');
  return encodeBignSpki(params, bignPublicPoint(params, key.d));
}

import type { WeierstrassPoint } from '@noble/curves/abstract/weierstrass.js';
import { KeyFormatError } from '../errors.js';
import { streebog256 } from '../streebog.js';
import type { GostPublicKey } from '../types.js';
import { gostCurveParams, gostPointType, type GostCurveParams } from './curves.js';
import type { GostPrivateKey } from './keys.js';
import { bigIntToLe, leToBigInt } from './signature.js';

/**
 * VKO GOST R 34.10-2012 key agreement with a 256-bit result (RFC 7836 §4.3.1):
 * K = (h · UKM · d mod q) · Q, KEK = Streebog-256(x ‖ y), both coordinates little-endian at
 * the curve's size. UKM is the 8-byte user keying material read little-endian (0 counts as 1).
 * Either party computes the same KEK from its private key and the other's public key.
 */
export function vkoGost2012_256(
  privateKey: GostPrivateKey,
  peer: GostPublicKey,
  ukm: Uint8Array,
): Uint8Array {
  const params = sameCurve(privateKey, peer);
  const point = validPeerPoint(params, peer);
  let u = leToBigInt(ukm);
  if (u === 0n) u = 1n;
  const scalar = (params.cofactor * u * privateKey.d) % params.q;
  if (scalar === 0n) throw new KeyFormatError('VKO: degenerate private key or UKM');
  // constant-time multiply: the scalar holds the private key
  const k = point.multiply(scalar).toAffine();
  const n = params.bits / 8;
  const input = new Uint8Array(2 * n);
  input.set(bigIntToLe(k.x, n), 0);
  input.set(bigIntToLe(k.y, n), n);
  return streebog256(input);
}

function validPeerPoint(params: GostCurveParams, peer: GostPublicKey): WeierstrassPoint<bigint> {
  try {
    const point = gostPointType(params).fromAffine({ x: peer.x, y: peer.y });
    // on the curve and in the order-q subgroup: a small-order point would leak key bits
    point.assertValidity();
    return point;
  } catch {
    throw new KeyFormatError('VKO: the peer public key is not a valid point of its curve');
  }
}

function sameCurve(privateKey: GostPrivateKey, peer: GostPublicKey): GostCurveParams {
  const mine = gostCurveParams(privateKey.curve.oid);
  const theirs = peer.curve.oid ? gostCurveParams(peer.curve.oid) : undefined;
  if (!mine || !theirs) throw new KeyFormatError('VKO: unknown GOST parameter set');
  const same =
    mine.p === theirs.p &&
    mine.a === theirs.a &&
    mine.b === theirs.b &&
    mine.q === theirs.q &&
    mine.gx === theirs.gx &&
    mine.gy === theirs.gy;
  if (!same) {
    throw new KeyFormatError(
      `VKO: keys on different curves (${privateKey.curve.oid} and ${peer.curve.oid})`,
    );
  }
  return mine;
}

import type { WeierstrassPoint } from '@noble/curves/abstract/weierstrass.js';
import { keyTableAfterUse } from '../base-table.js';
import type { GostPublicKey } from '../types.js';
import { gostCurveParams, gostPointType, type GostCurveParams } from './curves.js';

/**
 * Verification-ready form of a GOST public key: the validated curve point, with a wNAF table
 * built once the key has been used often. A W=8 table is thousands of point additions (for
 * 512-bit curves, tens of verifications' worth): a one-shot check or matrix, which uses each
 * key a handful of times, never pays it back; a long batch of documents from one signer does.
 */
export interface PreparedGostKey {
  params: GostCurveParams;
  point: WeierstrassPoint<bigint>;
  uses: number;
}

/** Bound on remembered keys, so a stream of one-off keys cannot grow memory without end. */
const MAX_KEYS = 512;

const byObject = new WeakMap<GostPublicKey, PreparedGostKey | null>();
const bySpki = new Map<string, PreparedGostKey | null>();

function build(key: GostPublicKey): PreparedGostKey | null {
  const params = key.curve.oid ? gostCurveParams(key.curve.oid) : undefined;
  if (!params || params.bits !== key.bits) return null;
  try {
    const point = gostPointType(params).fromAffine({ x: key.x, y: key.y });
    // on the curve, not the identity and in the order-q subgroup (cofactor-4 curves)
    point.assertValidity();
    return { params, point, uses: 0 };
  } catch {
    return null;
  }
}

/**
 * The prepared key for `key`, or null when it is not a usable point on a known curve.
 * Cached by object identity and by SPKI bytes (a key decoded again from the same certificate
 * finds its table).
 */
export function prepareGostKey(key: GostPublicKey): PreparedGostKey | null {
  let prepared = byObject.get(key);
  if (prepared === undefined) {
    const id = Buffer.from(key.spki).toString('base64');
    prepared = bySpki.get(id);
    if (prepared === undefined) {
      prepared = build(key);
      if (bySpki.size >= MAX_KEYS) {
        const oldest = bySpki.keys().next();
        if (!oldest.done) bySpki.delete(oldest.value);
      }
      bySpki.set(id, prepared);
    }
    byObject.set(key, prepared);
  }
  if (prepared) keyTableAfterUse(prepared.point, ++prepared.uses);
  return prepared;
}

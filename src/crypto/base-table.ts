import type { WeierstrassPoint, WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js';

/**
 * When a point's wNAF multiplication table is built (GOST R 34.10, bign and SM2 on
 * @noble/curves): once the point has been multiplied often enough to pay the table back, for a
 * curve's base point and for a signer's public key alike. noble gives every curve's base point a
 * table on first use; a W=8 table is 4,224 point additions on a 256-bit curve (8,320 on a
 * 512-bit one), while a multiplication without it costs ~300 more point operations than with
 * it. A one-document `check` of a GOST-signed declaration (two verifications: the document's
 * and its certificate's) spent ~0.4 s building the base table: 0.93 s with it against 0.55 s
 * without (hyperfine, 10 runs). After TABLE_AFTER_USES multiplications the table has about paid
 * for itself, so a matrix or a long batch still gets it.
 */

/** Window of a table once built: W=8 is ~2× faster per verify than W=4. */
const TABLE_WINDOW = 8;
/** Multiplications by a point after which its table is built. */
const TABLE_AFTER_USES = 16;

const uses = new WeakMap<WeierstrassPointCons<bigint>, number>();

/** Leaves `P`'s base point without a table (noble's default builds one on first use). */
export function deferBaseTable(P: WeierstrassPointCons<bigint>): void {
  // W=1: noble's table-less paths (one-shot wNAF for variable-time, its plain CT path otherwise)
  P.BASE.precompute(1);
  uses.set(P, 0);
}

/** `P`'s base point for one more multiplication: its table is asked for once it pays off. */
export function basePoint(P: WeierstrassPointCons<bigint>): WeierstrassPoint<bigint> {
  const count = (uses.get(P) ?? 0) + 1;
  uses.set(P, count);
  // Lazy: the table is built by the next multiplication, this one.
  if (count === TABLE_AFTER_USES) P.BASE.precompute(TABLE_WINDOW);
  return P.BASE;
}

/**
 * A public key's point after its `uses`-th use: the same policy for a key as for a base point
 * (GOST, bign and SM2 keys). A key signs a handful of documents in a one-off check or a
 * matrix; a long batch from one signer pays its table back.
 */
export function keyTableAfterUse(point: WeierstrassPoint<bigint>, uses: number): void {
  if (uses === TABLE_AFTER_USES) point.precompute(TABLE_WINDOW, false);
}

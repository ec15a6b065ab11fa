import type { WeierstrassPoint, WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js';

/**
 * A curve's base point whose wNAF table is built only once the curve has multiplied it often
 * enough to pay the table back (GOST R 34.10 and bign, on @noble/curves). noble gives every
 * curve's base point a table on first use; a W=8 table is 4,224 point additions on a 256-bit
 * curve (8,320 on a 512-bit one), while a multiplication without it costs ~300 more point
 * operations than with it. A one-document `check` of a GOST-signed declaration (two
 * verifications: the document's and its certificate's) spent ~0.4 s building the table: 0.93 s
 * with it against 0.55 s without (hyperfine, 10 runs). After TABLE_AFTER_USES multiplications
 * the table has about paid for itself, so a matrix or a long batch still gets it.
 */

/** Window of the base point's table once built: W=8 is ~2× faster per verify than W=4. */
const BASE_WINDOW = 8;
/** Multiplications by the base point after which its table is built. */
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
  if (count === TABLE_AFTER_USES) P.BASE.precompute(BASE_WINDOW);
  return P.BASE;
}

import { weierstrass } from '@noble/curves/abstract/weierstrass.js';
import { describe, expect, it } from 'vitest';
import { basePoint, deferBaseTable } from '../../src/crypto/base-table.js';
import { BIGN_CURVES } from '../../src/crypto/bign/curves.js';
import { GOST_CURVES } from '../../src/crypto/gost/curves.js';
import { randomScalar } from '../../src/crypto/gost/signature.js';

/**
 * GOST and bign curves build their base point's multiplication table only once it pays off
 * (src/crypto/base-table.ts): the first multiplications run without it, the later ones with
 * it. Both must give exactly the points noble's own base point table gives.
 */

const gost = (oid: string) => {
  const params = GOST_CURVES.get(oid)!;
  const { p, a, b, q, cofactor, gx, gy } = params;
  return { q, curve: { p, n: q, h: cofactor, a, b, Gx: gx, Gy: gy } };
};
const bign = (oid: string) => {
  const { p, a, b, q, yG } = BIGN_CURVES.get(oid)!;
  return { q, curve: { p, n: q, h: 1n, a, b, Gx: 0n, Gy: yG } };
};

describe('the base point table built on demand', () => {
  it.each([
    ['GOST 256-bit (tc26 A)', gost('1.2.643.7.1.2.1.1.1')],
    ['GOST 512-bit (tc26 A)', gost('1.2.643.7.1.2.1.2.1')],
    ['bign 128', bign('1.2.112.0.2.0.34.101.45.3.1')],
  ])(
    '%s: multiplies as noble’s own table does, before and after it is built',
    (_, { q, curve }) => {
      const deferred = weierstrass(curve);
      deferBaseTable(deferred);
      // noble's default: a W=6 table from the first multiplication.
      const reference = weierstrass(curve);
      // Two uses per round: 24 rounds cross the threshold (16 uses) well before the end.
      for (let round = 1; round <= 24; round++) {
        const k = randomScalar(q);
        expect(basePoint(deferred).multiply(k).toAffine(), `round ${round}`).toEqual(
          reference.BASE.multiply(k).toAffine(),
        );
        expect(basePoint(deferred).multiplyUnsafe(k).toAffine(), `round ${round}`).toEqual(
          reference.BASE.multiplyUnsafe(k).toAffine(),
        );
      }
    },
  );
});

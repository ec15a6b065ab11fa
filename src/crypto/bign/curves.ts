import { weierstrass, type WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js';
import { deferBaseTable } from '../base-table.js';

/**
 * The standard curves of STB 34.101.45-2013 Appendix B (bign-curve256v1/384v1/512v1, OIDs
 * 1.2.112.0.2.0.34.101.45.3.1–3), y² = x³ + a·x + b over GF(p), base point G = (0, yG),
 * cofactor 1. The standard prints every parameter as an octet string holding the number
 * little-endian; they are copied here in that form (as bee2's bign_params.c lists them) and
 * checked in the tests against the standard's own generation rule for b and yG.
 */
export interface BignCurveParams {
  oid: string;
  name: string;
  /** Security level l: 128, 192 or 256. Field elements and scalars take 2l bits. */
  level: 128 | 192 | 256;
  /** Octets of one field element / scalar: l/4. */
  bytes: 32 | 48 | 64;
  p: bigint;
  a: bigint;
  b: bigint;
  q: bigint;
  yG: bigint;
  /** The 8-octet seed b was generated from (little-endian as printed). */
  seed: Uint8Array;
}

/** Octets printed little-endian → integer. */
export function leHexToBigInt(hex: string): bigint {
  const bytes = Buffer.from(hex, 'hex').reverse();
  return bytes.length === 0 ? 0n : BigInt(`0x${bytes.toString('hex')}`);
}

const ff = (n: number) => 'FF'.repeat(n);

const CURVE_256: BignCurveParams = {
  oid: '1.2.112.0.2.0.34.101.45.3.1',
  name: 'bign-curve256v1',
  level: 128,
  bytes: 32,
  p: leHexToBigInt(`43${ff(31)}`),
  a: leHexToBigInt(`40${ff(31)}`),
  b: leHexToBigInt('F1039CD66B7D2EB253928B976950F54CBEFBD8E4AB3AC1D2EDA8F315156CCE77'),
  q: leHexToBigInt(`07663D2699BF5A7EFC4DFB0DD68E5CD9${ff(16)}`),
  yG: leHexToBigInt('936A510418CF291E52F608C4663991785D83D651A3C9E45C9FD616FB3CFCF76B'),
  seed: Uint8Array.from(Buffer.from('5E38010000000000', 'hex')),
};

const CURVE_384: BignCurveParams = {
  oid: '1.2.112.0.2.0.34.101.45.3.2',
  name: 'bign-curve384v1',
  level: 192,
  bytes: 48,
  p: leHexToBigInt(`C3FE${ff(46)}`),
  a: leHexToBigInt(`C0FE${ff(46)}`),
  b: leHexToBigInt(
    '64BF736823FCA7BC7CBDCEF3F0E2BD143A2E71E9F96A21A696B1FB0FBB482771' +
      'D2345D65AB5A073320EF9C95E1DF753C',
  ),
  q: leHexToBigInt(`B7A70CF33FDCB73D0AFFA4A6E7DA4680BB7BAF7303C4CC6CFE${ff(23)}`),
  yG: leHexToBigInt(
    '51C433F731CB5EEAF9422A6B273E408455D3B1669EE74905A0FF86DC119A723A' +
      '89BF2D437E1130639E9E2EA82482435D',
  ),
  seed: Uint8Array.from(Buffer.from('23AF000000000000', 'hex')),
};

const CURVE_512: BignCurveParams = {
  oid: '1.2.112.0.2.0.34.101.45.3.3',
  name: 'bign-curve512v1',
  level: 256,
  bytes: 64,
  p: leHexToBigInt(`C7FD${ff(62)}`),
  a: leHexToBigInt(`C4FD${ff(62)}`),
  b: leHexToBigInt(
    '909C13D6986934097AA2493A272286EA43A2AC878C003329955E24C4B5DC1127' +
      '88B0ADDAE313CE1751255DDDEEA9C65B8958FD606A5D8CD8438C3B934459B46C',
  ),
  q: leHexToBigInt('F18E060D49ADFFDC32DF5695E5CA1B36F413212EB0EB6BF24E0098012C09C0B2' + ff(32)),
  yG: leHexToBigInt(
    'BDEDEFCE6FAE92B7040D4CC9B983AA676122E8EE957377FFD26FFA0EE2DD7369' +
      'DACACC001BF8EDD2E2BC61B3B341ABB0AB8FD1A0F7E682B1817603E47AFF26A8',
  ),
  seed: Uint8Array.from(Buffer.from('AE17020000000000', 'hex')),
};

/** Every bign curve corridor knows, keyed by OID. */
export const BIGN_CURVES: ReadonlyMap<string, BignCurveParams> = new Map(
  [CURVE_256, CURVE_384, CURVE_512].map((c) => [c.oid, c]),
);

export { BIGN_CURVE_256_OID } from './spki.js';

export function bignCurveParams(oid: string): BignCurveParams | undefined {
  return BIGN_CURVES.get(oid);
}

export type BignPoint = WeierstrassPointCons<bigint>;

const points = new Map<string, BignPoint>();

/** The noble point constructor for a bign curve (built once; base-point table: base-table.ts). */
export function bignPointType(params: BignCurveParams): BignPoint {
  let P = points.get(params.oid);
  if (!P) {
    P = weierstrass({
      p: params.p,
      n: params.q,
      h: 1n,
      a: params.a,
      b: params.b,
      Gx: 0n,
      Gy: params.yG,
    });
    // Every signature and verification multiplies G: its table comes once it pays off.
    deferBaseTable(P);
    points.set(params.oid, P);
  }
  return P;
}

/**
 * GOST 28147-89 parameter sets: the eight 4-bit substitution boxes, named by OID.
 * Values from RFC 4357 §11.2 (CryptoPro A–D) and RFC 7836 §A.1 / RFC 8891 §4.1 (TC26 "Z", the
 * Magma S-box of GOST R 34.12-2015). `sbox[0]` substitutes the least significant nibble of
 * the round function's 32-bit input, `sbox[7]` the most significant.
 */
export interface Gost28147ParamSet {
  oid: string;
  name: string;
  sbox: readonly (readonly number[])[];
}

export const CRYPTOPRO_A_PARAMSET: Gost28147ParamSet = {
  oid: '1.2.643.2.2.31.1',
  name: 'id-Gost28147-89-CryptoPro-A-ParamSet',
  sbox: [
    [9, 6, 3, 2, 8, 11, 1, 7, 10, 4, 14, 15, 12, 0, 13, 5],
    [3, 7, 14, 9, 8, 10, 15, 0, 5, 2, 6, 12, 11, 4, 13, 1],
    [14, 4, 6, 2, 11, 3, 13, 8, 12, 15, 5, 10, 0, 7, 1, 9],
    [14, 7, 10, 12, 13, 1, 3, 9, 0, 2, 11, 4, 15, 8, 5, 6],
    [11, 5, 1, 9, 8, 13, 15, 0, 14, 4, 2, 3, 12, 7, 10, 6],
    [3, 10, 13, 12, 1, 2, 0, 11, 7, 5, 9, 4, 8, 15, 14, 6],
    [1, 13, 2, 9, 7, 10, 6, 0, 8, 12, 4, 5, 15, 3, 11, 14],
    [11, 10, 15, 5, 0, 12, 14, 8, 6, 2, 3, 9, 1, 7, 13, 4],
  ],
};

export const CRYPTOPRO_B_PARAMSET: Gost28147ParamSet = {
  oid: '1.2.643.2.2.31.2',
  name: 'id-Gost28147-89-CryptoPro-B-ParamSet',
  sbox: [
    [8, 4, 11, 1, 3, 5, 0, 9, 2, 14, 10, 12, 13, 6, 7, 15],
    [0, 1, 2, 10, 4, 13, 5, 12, 9, 7, 3, 15, 11, 8, 6, 14],
    [14, 12, 0, 10, 9, 2, 13, 11, 7, 5, 8, 15, 3, 6, 1, 4],
    [7, 5, 0, 13, 11, 6, 1, 2, 3, 10, 12, 15, 4, 14, 9, 8],
    [2, 7, 12, 15, 9, 5, 10, 11, 1, 4, 0, 13, 6, 8, 14, 3],
    [8, 3, 2, 6, 4, 13, 14, 11, 12, 1, 7, 15, 10, 0, 9, 5],
    [5, 2, 10, 11, 9, 1, 12, 3, 7, 4, 13, 0, 6, 15, 8, 14],
    [0, 4, 11, 14, 8, 3, 7, 1, 10, 2, 9, 6, 15, 13, 5, 12],
  ],
};

export const CRYPTOPRO_C_PARAMSET: Gost28147ParamSet = {
  oid: '1.2.643.2.2.31.3',
  name: 'id-Gost28147-89-CryptoPro-C-ParamSet',
  sbox: [
    [1, 11, 12, 2, 9, 13, 0, 15, 4, 5, 8, 14, 10, 7, 6, 3],
    [0, 1, 7, 13, 11, 4, 5, 2, 8, 14, 15, 12, 9, 10, 6, 3],
    [8, 2, 5, 0, 4, 9, 15, 10, 3, 7, 12, 13, 6, 14, 1, 11],
    [3, 6, 0, 1, 5, 13, 10, 8, 11, 2, 9, 7, 14, 15, 12, 4],
    [8, 13, 11, 0, 4, 5, 1, 2, 9, 3, 12, 14, 6, 15, 10, 7],
    [12, 9, 11, 1, 8, 14, 2, 4, 7, 3, 6, 5, 10, 0, 15, 13],
    [10, 9, 6, 8, 13, 14, 2, 0, 15, 3, 5, 11, 4, 1, 12, 7],
    [7, 4, 0, 5, 10, 2, 15, 14, 12, 6, 1, 11, 13, 9, 3, 8],
  ],
};

export const CRYPTOPRO_D_PARAMSET: Gost28147ParamSet = {
  oid: '1.2.643.2.2.31.4',
  name: 'id-Gost28147-89-CryptoPro-D-ParamSet',
  sbox: [
    [15, 12, 2, 10, 6, 4, 5, 0, 7, 9, 14, 13, 1, 11, 8, 3],
    [11, 6, 3, 4, 12, 15, 14, 2, 7, 13, 8, 0, 5, 10, 9, 1],
    [1, 12, 11, 0, 15, 14, 6, 5, 10, 13, 4, 8, 9, 3, 7, 2],
    [1, 5, 14, 12, 10, 7, 0, 13, 6, 2, 11, 4, 9, 3, 15, 8],
    [0, 12, 8, 9, 13, 2, 10, 11, 7, 3, 6, 5, 4, 14, 15, 1],
    [8, 0, 15, 3, 2, 5, 14, 11, 1, 10, 4, 7, 12, 9, 13, 6],
    [3, 0, 6, 15, 1, 14, 9, 2, 13, 8, 12, 4, 11, 10, 5, 7],
    [1, 10, 6, 8, 15, 11, 0, 4, 12, 3, 5, 9, 7, 13, 2, 14],
  ],
};

export const TC26_Z_PARAMSET: Gost28147ParamSet = {
  oid: '1.2.643.7.1.2.5.1.1',
  name: 'id-tc26-gost-28147-param-Z',
  sbox: [
    [12, 4, 6, 2, 10, 5, 11, 9, 14, 8, 13, 7, 0, 3, 15, 1],
    [6, 8, 2, 3, 9, 10, 5, 12, 1, 14, 4, 7, 11, 13, 0, 15],
    [11, 3, 5, 8, 2, 15, 10, 13, 14, 1, 7, 4, 12, 9, 6, 0],
    [12, 8, 2, 1, 13, 4, 15, 6, 7, 0, 10, 5, 3, 14, 9, 11],
    [7, 15, 5, 10, 8, 1, 6, 13, 0, 9, 3, 14, 11, 4, 2, 12],
    [5, 13, 15, 6, 9, 2, 12, 10, 11, 7, 8, 1, 4, 3, 14, 0],
    [8, 14, 2, 5, 6, 9, 1, 12, 15, 4, 11, 0, 13, 10, 3, 7],
    [1, 7, 14, 13, 0, 5, 8, 3, 4, 15, 10, 6, 9, 12, 11, 2],
  ],
};

/** Every parameter set corridor knows, in RFC order. */
export const GOST28147_PARAMSETS: readonly Gost28147ParamSet[] = [
  CRYPTOPRO_A_PARAMSET,
  CRYPTOPRO_B_PARAMSET,
  CRYPTOPRO_C_PARAMSET,
  CRYPTOPRO_D_PARAMSET,
  TC26_Z_PARAMSET,
];

const BY_OID = new Map(GOST28147_PARAMSETS.map((p) => [p.oid, p]));

/** The parameter set for an OID, or undefined when corridor does not know it. */
export function gost28147ParamSet(oid: string): Gost28147ParamSet | undefined {
  return BY_OID.get(oid);
}

/**
 * sm2p256v1 (GM/T 0006-2012): both the curve OID and, in some certificates, the key OID. Kept
 * apart from the curve arithmetic so that key codecs can claim SM2 keys before it loads.
 */
export const SM2_CURVE_OID = '1.2.156.10197.1.301';
export const SM2_CURVE_NAME = 'sm2p256v1';

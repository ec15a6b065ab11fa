import type { KeyObject } from 'node:crypto';

/**
 * Key families corridor knows. "Recognised" families (kz-gost-2004, uz-dst) can be
 * parsed and reported but not verified here.
 */
export type KeyFamily =
  | 'rsa'
  | 'dsa'
  | 'ecdsa'
  | 'eddsa'
  | 'gost2001'
  | 'gost2012-256'
  | 'gost2012-512'
  | 'sm2'
  | 'bign'
  | 'kz-gost-2004'
  | 'kz-gost-2015'
  | 'uz-dst'
  | 'ml-dsa'
  | 'slh-dsa'
  | 'unknown';

/** Families whose keys are Node KeyObjects (OpenSSL verifies them). */
export type NodeFamily = 'rsa' | 'dsa' | 'ecdsa' | 'eddsa';

export interface CurveInfo {
  /** OID of the named curve / parameter set, when the key names one. */
  oid?: string;
  /** Human name, e.g. `P-256`, `id-tc26-gost-3410-12-512-paramSetA`, `sm2p256v1`. */
  name: string;
}

interface PublicKeyBase {
  /** SubjectPublicKeyInfo DER, the identity of the key (used for caching and matching). */
  spki: Uint8Array;
  /** Key size in bits: modulus length for RSA, group order size for curves. */
  bits: number;
  curve?: CurveInfo;
  /** OID of the SPKI algorithm identifier. */
  algorithmOid: string;
}

/** Keys Node's crypto verifies natively. */
export interface NodePublicKey extends PublicKeyBase {
  family: NodeFamily;
  keyObject: KeyObject;
}

/** GOST R 34.10 keys: the point decoded from the little-endian x‖y of the SPKI. */
export interface GostPublicKey extends PublicKeyBase {
  family: 'gost2001' | 'gost2012-256' | 'gost2012-512';
  curve: CurveInfo;
  x: bigint;
  y: bigint;
}

export interface Sm2PublicKey extends PublicKeyBase {
  family: 'sm2';
  curve: CurveInfo;
  /** Uncompressed point 04‖x‖y. */
  point: Uint8Array;
}

/** bign keys (STB 34.101.45): the point decoded from the little-endian x‖y of the SPKI. */
export interface BignPublicKey extends PublicKeyBase {
  family: 'bign';
  curve: CurveInfo;
  /** x ‖ y, each coordinate little-endian, as the SPKI BIT STRING carries them. */
  point: Uint8Array;
}

/**
 * Keys whose SPKI BIT STRING is the raw public key, the parameter set named by the algorithm
 * OID (ML-DSA, RFC 9881; SLH-DSA, RFC 9909). `curve` names the parameter set.
 */
export interface RawPublicKey extends PublicKeyBase {
  family: 'ml-dsa' | 'slh-dsa';
  curve: CurveInfo;
  raw: Uint8Array;
}

/** A key we can name and size but whose signatures this tool cannot verify. */
export interface RecognisedPublicKey extends PublicKeyBase {
  family: 'kz-gost-2004' | 'kz-gost-2015' | 'uz-dst' | 'unknown';
}

export type PublicKey =
  NodePublicKey | GostPublicKey | Sm2PublicKey | BignPublicKey | RawPublicKey | RecognisedPublicKey;

/** Private keys used by the fixtures generator and by `sign` helpers in tests. */
export type PrivateKey =
  | { family: NodeFamily; keyObject: KeyObject }
  | { family: 'gost2001' | 'gost2012-256' | 'gost2012-512'; curve: CurveInfo; d: bigint }
  | { family: 'sm2'; d: bigint }
  | { family: 'bign'; curve: CurveInfo; d: bigint }
  | {
      family: 'ml-dsa' | 'slh-dsa';
      curve: CurveInfo;
      secretKey: Uint8Array;
      publicKey: Uint8Array;
    };

/**
 * How a signature value is laid out. XMLDSig ECDSA uses r‖s (IEEE P1363); X.509 uses DER.
 * GOST uses s‖r (big-endian halves) in both. SM2 in X.509 is DER.
 */
export type SignatureEncoding = 'xmldsig' | 'x509';

/** The parts of a SubjectPublicKeyInfo every decoder needs. */
export interface SpkiParts {
  algorithmOid: string;
  /** First OID inside the parameters: the named curve / GOST parameter set, if any. */
  parameterOid?: string;
  /** Content of the subjectPublicKey BIT STRING. */
  keyBytes: Uint8Array;
}

/**
 * How a key family is read and written: SubjectPublicKeyInfo, PKCS#8 and the certificate
 * signature it issues with. pki/spki.ts, pki/keys.ts and pki/issue.ts dispatch here, so a new
 * family is one scheme file (with its codec) plus one line in schemes/index.ts.
 */
export interface KeyCodec {
  /** Families whose private keys this codec writes SPKIs for and picks issuing algorithms for. */
  families: readonly KeyFamily[];
  /** True when the codec reads keys with this SPKI / PKCS#8 algorithm OID and parameter OID. */
  claims(algorithmOid: string, parameterOid: string | undefined): boolean;
  /** Decodes (and checks) a DER SPKI the codec claims; throws KeyFormatError. */
  decodeSpki(spki: Uint8Array, parts: SpkiParts): PublicKey;
  /**
   * An unencrypted DER PKCS#8 the codec claims. `privateKey` is the content of its privateKey
   * OCTET STRING; `parameterOid` the first OID of the AlgorithmIdentifier parameters.
   */
  decodePkcs8(
    der: Uint8Array,
    privateKey: Uint8Array,
    parameterOid: string | undefined,
  ): PrivateKey;
  /** DER SPKI of a private key's public half (for issuing certificates). */
  spkiOfPrivateKey(key: PrivateKey): Uint8Array;
  /** Registry id of the signature algorithm an issuer with this key signs certificates with. */
  defaultSignatureAlgorithm(key: PrivateKey): string;
}

/**
 * Inputs a scheme takes beside key and message: the FIPS 204 / FIPS 205 context string
 * (ML-DSA, SLH-DSA; at most 255 octets, empty when absent).
 */
export interface SignatureParameters {
  context?: Uint8Array;
}

/** One signature scheme implementation: the message is hashed inside (digest implied by alg). */
export interface SignatureScheme {
  /** How keys of this scheme's families are read and written; absent when another scheme's codec serves them. */
  keyCodec?: KeyCodec;
  /** Registry ids of the signature algorithms this scheme handles (see algorithms/registry). */
  algorithmIds: readonly string[];
  /** Key families this scheme accepts. */
  families: readonly KeyFamily[];
  verify(
    algorithmId: string,
    key: PublicKey,
    message: Uint8Array,
    signature: Uint8Array,
    encoding: SignatureEncoding,
    parameters?: SignatureParameters,
  ): boolean;
  /**
   * Verification of a value laid out other than the standard says (ECDSA written as DER, or
   * r‖s trimmed or zero-padded by other stacks), tried only after `verify` failed. Returns a
   * description of the deviation when the value verifies so read; the caller reports it.
   */
  verifyLenient?(
    algorithmId: string,
    key: PublicKey,
    message: Uint8Array,
    signature: Uint8Array,
  ): string | undefined;
  sign(
    algorithmId: string,
    key: PrivateKey,
    message: Uint8Array,
    encoding: SignatureEncoding,
    parameters?: SignatureParameters,
  ): Uint8Array;
}

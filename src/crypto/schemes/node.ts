import {
  constants,
  createPrivateKey,
  createPublicKey,
  sign as nodeSign,
  verify as nodeVerify,
  type KeyObject,
} from 'node:crypto';
import type {
  KeyCodec,
  NodeFamily,
  PrivateKey,
  PublicKey,
  SignatureEncoding,
  SignatureScheme,
  SpkiParts,
} from '../types.js';
import { KeyFormatError, UnsupportedAlgorithmError } from '../errors.js';
import { curveInfo } from '../curves.js';
import { lenientEcdsaRs } from './ecdsa-encoding.js';

interface NodeAlgorithm {
  family: NodeFamily;
  /** Node digest name; null for EdDSA, which hashes internally. */
  hash: string | null;
  pss?: { saltLength: number };
  /** Node KeyObject types the algorithm runs on: an RSA id must never run on an EC key. */
  keyTypes: readonly string[];
}

const RSA = ['rsa', 'rsa-pss'];
const EC = ['ec'];
const DSA = ['dsa'];

const rsa = (hash: string): NodeAlgorithm => ({ family: 'rsa', hash, keyTypes: RSA });
// PSS: MGF1 with the message hash and salt length = hash length (RFC 9231 §2.3.10 defers to
// RFC 6931, whose default parameters are exactly these).
const pss = (hash: string, saltLength: number): NodeAlgorithm => ({
  family: 'rsa',
  hash,
  pss: { saltLength },
  keyTypes: RSA,
});
const ecdsa = (hash: string): NodeAlgorithm => ({ family: 'ecdsa', hash, keyTypes: EC });
const dsa = (hash: string): NodeAlgorithm => ({ family: 'dsa', hash, keyTypes: DSA });

// Every digest here is OpenSSL's (Node 20 ships OpenSSL 3 with SHA-3, MD5 and RIPEMD-160 in
// its default provider): nothing hand-written.
const ALGORITHMS = new Map<string, NodeAlgorithm>(
  Object.entries({
    'rsa-md5': rsa('md5'),
    'rsa-ripemd160': rsa('ripemd160'),
    'rsa-sha1': rsa('sha1'),
    'rsa-sha224': rsa('sha224'),
    'rsa-sha256': rsa('sha256'),
    'rsa-sha384': rsa('sha384'),
    'rsa-sha512': rsa('sha512'),
    'rsa-pss-sha1': pss('sha1', 20),
    'rsa-pss-sha224': pss('sha224', 28),
    'rsa-pss-sha256': pss('sha256', 32),
    'rsa-pss-sha384': pss('sha384', 48),
    'rsa-pss-sha512': pss('sha512', 64),
    'rsa-pss-sha3-224': pss('sha3-224', 28),
    'rsa-pss-sha3-256': pss('sha3-256', 32),
    'rsa-pss-sha3-384': pss('sha3-384', 48),
    'rsa-pss-sha3-512': pss('sha3-512', 64),
    'ecdsa-ripemd160': ecdsa('ripemd160'),
    'ecdsa-sha1': ecdsa('sha1'),
    'ecdsa-sha224': ecdsa('sha224'),
    'ecdsa-sha256': ecdsa('sha256'),
    'ecdsa-sha384': ecdsa('sha384'),
    'ecdsa-sha512': ecdsa('sha512'),
    'ecdsa-sha3-224': ecdsa('sha3-224'),
    'ecdsa-sha3-256': ecdsa('sha3-256'),
    'ecdsa-sha3-384': ecdsa('sha3-384'),
    'ecdsa-sha3-512': ecdsa('sha3-512'),
    'dsa-sha1': dsa('sha1'),
    'dsa-sha256': dsa('sha256'),
    ed25519: { family: 'eddsa', hash: null, keyTypes: ['ed25519'] },
    ed448: { family: 'eddsa', hash: null, keyTypes: ['ed448'] },
  } satisfies Record<string, NodeAlgorithm>),
);

function options(alg: NodeAlgorithm, key: KeyObject, encoding: SignatureEncoding) {
  if (alg.pss) {
    return {
      key,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: alg.pss.saltLength,
    };
  }
  if (alg.family === 'ecdsa' || alg.family === 'dsa') {
    // XMLDSig carries r‖s (IEEE P1363; XMLDSig §6.4.1 for DSA); certificates carry DER.
    return {
      key,
      dsaEncoding: encoding === 'xmldsig' ? ('ieee-p1363' as const) : ('der' as const),
    };
  }
  return { key };
}

function accepts(alg: NodeAlgorithm, key: KeyObject): boolean {
  return alg.keyTypes.includes(key.asymmetricKeyType ?? '');
}

const SM2_CURVE_OID = '1.2.156.10197.1.301';
const SPKI_FAMILIES = new Map<string, NodeFamily>([
  ['1.2.840.113549.1.1.1', 'rsa'], // rsaEncryption
  ['1.2.840.113549.1.1.10', 'rsa'], // RSASSA-PSS
  ['1.2.840.10040.4.1', 'dsa'], // id-dsa (RFC 3279)
  ['1.2.840.10045.2.1', 'ecdsa'], // id-ecPublicKey
  ['1.3.101.112', 'eddsa'], // Ed25519 (RFC 8410)
  ['1.3.101.113', 'eddsa'], // Ed448
]);

function familyOf(keyObject: KeyObject): NodeFamily {
  switch (keyObject.asymmetricKeyType) {
    case 'rsa':
    case 'rsa-pss':
      return 'rsa';
    case 'dsa':
      return 'dsa';
    case 'ec':
      return 'ecdsa';
    case 'ed25519':
    case 'ed448':
      return 'eddsa';
    default:
      throw new UnsupportedAlgorithmError(
        keyObject.asymmetricKeyType ?? 'unknown',
        `private key type '${keyObject.asymmetricKeyType ?? 'unknown'}' is not supported`,
      );
  }
}

/** A Node private KeyObject as corridor's PrivateKey (also used for PEM SEC1/PKCS#1 keys). */
export function nodePrivateKey(keyObject: KeyObject): PrivateKey {
  return { family: familyOf(keyObject), keyObject };
}

function decodeSpki(spki: Uint8Array, parts: SpkiParts): PublicKey {
  const family = SPKI_FAMILIES.get(parts.algorithmOid);
  if (!family) throw new KeyFormatError(`SubjectPublicKeyInfo: not an OpenSSL key family`);
  let keyObject;
  try {
    keyObject = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  } catch (error) {
    throw new KeyFormatError(
      `SubjectPublicKeyInfo: ${family} key rejected by OpenSSL (${(error as Error).message})`,
    );
  }
  const details = keyObject.asymmetricKeyDetails ?? {};
  const ed448 = keyObject.asymmetricKeyType === 'ed448';
  const bits =
    family === 'rsa' || family === 'dsa'
      ? (details.modulusLength ?? 0)
      : family === 'ecdsa'
        ? (curveInfo(parts.parameterOid ?? '')?.bits ?? 0)
        : ed448
          ? 448
          : 256;
  const curve =
    family === 'ecdsa' && parts.parameterOid
      ? { oid: parts.parameterOid, name: curveInfo(parts.parameterOid)?.name ?? parts.parameterOid }
      : family === 'eddsa'
        ? { oid: parts.algorithmOid, name: ed448 ? 'Ed448' : 'Ed25519' }
        : undefined;
  return {
    family,
    keyObject,
    spki,
    bits,
    algorithmOid: parts.algorithmOid,
    ...(curve ? { curve } : {}),
  };
}

const nodeCodec: KeyCodec = {
  families: ['rsa', 'dsa', 'ecdsa', 'eddsa'],
  // An EC key on sm2p256v1 is an SM2 key: OpenSSL would load it but not verify SM2 correctly.
  claims: (algorithmOid, parameterOid) =>
    SPKI_FAMILIES.has(algorithmOid) &&
    !(SPKI_FAMILIES.get(algorithmOid) === 'ecdsa' && parameterOid === SM2_CURVE_OID),
  decodeSpki,
  decodePkcs8(der) {
    let keyObject;
    try {
      keyObject = createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
    } catch (error) {
      throw new KeyFormatError(`PKCS#8 key rejected: ${(error as Error).message}`);
    }
    return nodePrivateKey(keyObject);
  },
  spkiOfPrivateKey(key) {
    if (!('keyObject' in key)) throw new UnsupportedAlgorithmError(key.family);
    return new Uint8Array(createPublicKey(key.keyObject).export({ format: 'der', type: 'spki' }));
  },
  defaultSignatureAlgorithm(key) {
    if (!('keyObject' in key)) throw new UnsupportedAlgorithmError(key.family);
    const details = key.keyObject.asymmetricKeyDetails;
    switch (key.family) {
      case 'ecdsa':
        return details?.namedCurve === 'secp384r1'
          ? 'ecdsa-sha384'
          : details?.namedCurve === 'secp521r1'
            ? 'ecdsa-sha512'
            : 'ecdsa-sha256';
      case 'eddsa':
        return key.keyObject.asymmetricKeyType === 'ed448' ? 'ed448' : 'ed25519';
      case 'dsa':
        return 'dsa-sha256';
      default:
        return 'rsa-sha256';
    }
  },
};

export const nodeScheme: SignatureScheme = {
  algorithmIds: [...ALGORITHMS.keys()],
  families: ['rsa', 'dsa', 'ecdsa', 'eddsa'],
  keyCodec: nodeCodec,

  verify(
    algorithmId: string,
    key: PublicKey,
    message: Uint8Array,
    signature: Uint8Array,
    encoding: SignatureEncoding,
  ): boolean {
    const alg = ALGORITHMS.get(algorithmId);
    if (!alg || key.family !== alg.family || !('keyObject' in key)) return false;
    if (!accepts(alg, key.keyObject)) return false;
    try {
      return nodeVerify(alg.hash, message, options(alg, key.keyObject, encoding), signature);
    } catch {
      // OpenSSL throws on some malformed values (wrong P1363 length, bad DER): that is "invalid".
      return false;
    }
  },

  verifyLenient(algorithmId, key, message, signature) {
    const alg = ALGORITHMS.get(algorithmId);
    if (!alg || alg.family !== 'ecdsa' || key.family !== 'ecdsa' || !('keyObject' in key)) {
      return undefined;
    }
    if (!accepts(alg, key.keyObject)) return undefined;
    const lenient = lenientEcdsaRs(signature, key.bits);
    if (!lenient) return undefined;
    try {
      const ok = nodeVerify(
        alg.hash,
        message,
        { key: key.keyObject, dsaEncoding: 'ieee-p1363' },
        lenient.rs,
      );
      return ok ? lenient.layout : undefined;
    } catch {
      return undefined;
    }
  },

  sign(
    algorithmId: string,
    key: PrivateKey,
    message: Uint8Array,
    encoding: SignatureEncoding,
  ): Uint8Array {
    const alg = ALGORITHMS.get(algorithmId);
    if (!alg) throw new UnsupportedAlgorithmError(algorithmId);
    if (key.family !== alg.family || !('keyObject' in key) || !accepts(alg, key.keyObject)) {
      throw new UnsupportedAlgorithmError(
        algorithmId,
        `${algorithmId} cannot sign with a ${key.family} key`,
      );
    }
    return new Uint8Array(nodeSign(alg.hash, message, options(alg, key.keyObject, encoding)));
  },
};

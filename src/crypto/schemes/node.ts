import { constants, sign as nodeSign, verify as nodeVerify, type KeyObject } from 'node:crypto';
import type { PrivateKey, PublicKey, SignatureEncoding, SignatureScheme } from '../types.js';
import { UnsupportedAlgorithmError } from '../errors.js';

type NodeFamily = 'rsa' | 'ecdsa' | 'eddsa';

interface NodeAlgorithm {
  family: NodeFamily;
  /** Node digest name; null for Ed25519, which hashes internally. */
  hash: string | null;
  pss?: { saltLength: number };
}

/** Node KeyObject types each family accepts: an RSA id must never run on an EC key. */
const KEY_TYPES: Record<NodeFamily, readonly string[]> = {
  rsa: ['rsa', 'rsa-pss'],
  ecdsa: ['ec'],
  eddsa: ['ed25519'],
};

// PSS: MGF1 with the message hash and salt length = hash length (RFC 9231 §2.3.10 defers to
// RFC 6931, whose default parameters are exactly these).
const ALGORITHMS = new Map<string, NodeAlgorithm>(
  Object.entries({
    'rsa-sha1': { family: 'rsa', hash: 'sha1' },
    'rsa-sha256': { family: 'rsa', hash: 'sha256' },
    'rsa-sha384': { family: 'rsa', hash: 'sha384' },
    'rsa-sha512': { family: 'rsa', hash: 'sha512' },
    'rsa-pss-sha256': { family: 'rsa', hash: 'sha256', pss: { saltLength: 32 } },
    'rsa-pss-sha384': { family: 'rsa', hash: 'sha384', pss: { saltLength: 48 } },
    'rsa-pss-sha512': { family: 'rsa', hash: 'sha512', pss: { saltLength: 64 } },
    'ecdsa-sha256': { family: 'ecdsa', hash: 'sha256' },
    'ecdsa-sha384': { family: 'ecdsa', hash: 'sha384' },
    'ecdsa-sha512': { family: 'ecdsa', hash: 'sha512' },
    ed25519: { family: 'eddsa', hash: null },
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
  if (alg.family === 'ecdsa') {
    // XMLDSig carries r‖s (IEEE P1363); certificates carry DER.
    return {
      key,
      dsaEncoding: encoding === 'xmldsig' ? ('ieee-p1363' as const) : ('der' as const),
    };
  }
  return { key };
}

function accepts(alg: NodeAlgorithm, key: KeyObject): boolean {
  return KEY_TYPES[alg.family].includes(key.asymmetricKeyType ?? '');
}

export const nodeScheme: SignatureScheme = {
  algorithmIds: [...ALGORITHMS.keys()],
  families: ['rsa', 'ecdsa', 'eddsa'],

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

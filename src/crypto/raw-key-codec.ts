import * as asn1js from 'asn1js';
import { KeyFormatError, UnsupportedAlgorithmError } from './errors.js';
import type {
  KeyCodec,
  PrivateKey,
  PublicKey,
  RawPublicKey,
  SignatureParameters,
  SignatureScheme,
} from './types.js';

/**
 * The SPKI / PKCS#8 codec shared by the post-quantum families (ML-DSA, RFC 9881; SLH-DSA,
 * RFC 9909): the algorithm OID names the parameter set, its parameters are absent, and the
 * subjectPublicKey BIT STRING is the raw public key of the set's exact length.
 */
export interface RawKeySet {
  /** Registry id of the signature algorithm with this parameter set, e.g. `ml-dsa-44`. */
  id: string;
  /** FIPS name, e.g. `ML-DSA-44`. */
  name: string;
  oid: string;
  publicKeyBytes: number;
  /** Claimed classical security strength in bits (NIST category 1/3/5: 128/192/256). */
  bits: number;
}

export interface RawKeyFamily {
  family: RawPublicKey['family'];
  sets: readonly RawKeySet[];
  /** Secret and public key from the content of a PKCS#8 privateKey OCTET STRING. */
  privateKey(octets: Uint8Array, set: RawKeySet): { secretKey: Uint8Array; publicKey: Uint8Array };
}

/** The SPKI of a raw public key: SEQUENCE { SEQUENCE { OID }, BIT STRING }. */
export function rawSpki(oid: string, publicKey: Uint8Array): Uint8Array {
  const spki = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: oid })] }),
      new asn1js.BitString({ valueHex: publicKey }),
    ],
  });
  return new Uint8Array(spki.toBER(false));
}

export function rawKeyCodec(spec: RawKeyFamily): KeyCodec {
  const byOid = new Map(spec.sets.map((set) => [set.oid, set]));
  const setOf = (oid: string): RawKeySet => {
    const set = byOid.get(oid);
    if (!set) throw new KeyFormatError(`${spec.family}: unknown parameter set ${oid}`);
    return set;
  };
  return {
    families: [spec.family],
    // RFC 9881 §2 / RFC 9909 §3: the parameters field is absent.
    claims: (algorithmOid, parameterOid) => byOid.has(algorithmOid) && parameterOid === undefined,
    decodeSpki(spki, parts): PublicKey {
      const set = setOf(parts.algorithmOid);
      if (parts.keyBytes.length !== set.publicKeyBytes) {
        throw new KeyFormatError(
          `${set.name} public key of ${parts.keyBytes.length} octets, expected ${set.publicKeyBytes}`,
        );
      }
      return {
        family: spec.family,
        raw: parts.keyBytes,
        spki,
        bits: set.bits,
        curve: { oid: set.oid, name: set.name },
        algorithmOid: set.oid,
      };
    },
    decodePkcs8(der, privateKey): PrivateKey {
      const seq = asn1js.fromBER(der).result;
      const oidBlock =
        seq instanceof asn1js.Sequence
          ? (seq.valueBlock.value[1] as asn1js.Sequence | undefined)?.valueBlock?.value[0]
          : undefined;
      if (!(oidBlock instanceof asn1js.ObjectIdentifier)) {
        throw new KeyFormatError(`${spec.family} PKCS#8: no algorithm OID`);
      }
      const set = setOf(oidBlock.valueBlock.toString());
      const keys = spec.privateKey(privateKey, set);
      return { family: spec.family, curve: { oid: set.oid, name: set.name }, ...keys };
    },
    spkiOfPrivateKey(key) {
      if (key.family !== spec.family || !('publicKey' in key) || !key.curve.oid) {
        throw new UnsupportedAlgorithmError(key.family, `not a ${spec.family} key`);
      }
      return rawSpki(key.curve.oid, key.publicKey);
    },
    defaultSignatureAlgorithm(key) {
      const set = key.family === spec.family && 'curve' in key && byOid.get(key.curve.oid ?? '');
      if (!set) throw new UnsupportedAlgorithmError(key.family, `not a ${spec.family} key`);
      return set.id;
    },
  };
}

/** The parameter set of an algorithm id and the key it must be used with, or undefined. */
export function rawSetFor<S extends RawKeySet>(
  sets: readonly S[],
  algorithmId: string,
  key: { family: string; curve?: { oid?: string } },
  family: RawPublicKey['family'],
): S | undefined {
  const set = sets.find((s) => s.id === algorithmId);
  return set && key.family === family && key.curve?.oid === set.oid ? set : undefined;
}

/** A parameter set's pure-mode signer, as @noble/post-quantum gives it (ML-DSA, SLH-DSA). */
export interface ContextSigner {
  verify(
    signature: Uint8Array,
    message: Uint8Array,
    publicKey: Uint8Array,
    options: SignatureParameters,
  ): boolean;
  sign(message: Uint8Array, secretKey: Uint8Array, options: SignatureParameters): Uint8Array;
}

/**
 * The signature scheme of a raw-key family whose sets sign in pure mode with an optional
 * context string: its key codec, and verify/sign through `signerOf(set)` (loaded on first use).
 */
export function rawSignatureScheme<S extends RawKeySet>(
  spec: RawKeyFamily & { sets: readonly S[] },
  signerOf: (set: S) => ContextSigner,
): SignatureScheme {
  const setFor = (algorithmId: string, key: Parameters<typeof rawSetFor>[2]) =>
    rawSetFor(spec.sets, algorithmId, key, spec.family);
  const optionsOf = (parameters?: SignatureParameters): SignatureParameters =>
    parameters?.context ? { context: parameters.context } : {};
  return {
    algorithmIds: spec.sets.map((s) => s.id),
    families: [spec.family],
    keyCodec: rawKeyCodec(spec),

    verify(algorithmId, key, message, signature, _encoding, parameters) {
      const set = setFor(algorithmId, key);
      if (!set || !('raw' in key)) return false;
      try {
        return signerOf(set).verify(signature, message, key.raw, optionsOf(parameters));
      } catch {
        return false; // wrong signature length or context over 255 octets: not this key's signature
      }
    },

    sign(algorithmId, key, message, _encoding, parameters) {
      const set = setFor(algorithmId, key);
      if (!set || !('secretKey' in key)) {
        throw new UnsupportedAlgorithmError(
          algorithmId,
          `${algorithmId} cannot sign with a ${key.family} key`,
        );
      }
      return signerOf(set).sign(message, key.secretKey, optionsOf(parameters));
    },
  };
}

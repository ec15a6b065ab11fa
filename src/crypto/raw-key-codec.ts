import * as asn1js from 'asn1js';
import { KeyFormatError, UnsupportedAlgorithmError } from './errors.js';
import type { KeyCodec, PrivateKey, PublicKey, RawPublicKey } from './types.js';

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
export function rawSetFor(
  sets: readonly RawKeySet[],
  algorithmId: string,
  key: { family: string; curve?: { oid?: string } },
  family: RawPublicKey['family'],
): RawKeySet | undefined {
  const set = sets.find((s) => s.id === algorithmId);
  return set && key.family === family && key.curve?.oid === set.oid ? set : undefined;
}

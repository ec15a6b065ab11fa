import type { KeyCodec, KeyFamily, SignatureScheme } from '../types.js';
import { bignScheme } from './bign.js';
import { gostScheme } from './gost.js';
import { mlDsaScheme } from './ml-dsa.js';
import { nodeScheme } from './node.js';
import { slhDsaScheme } from './slh-dsa.js';
import { sm2Scheme } from './sm2.js';

/**
 * Every signature scheme this build can verify. A new family is one scheme file (verify, sign
 * and its key codec) plus one line here; the algorithm registry derives `verifiable` from it.
 */
export const SCHEMES: readonly SignatureScheme[] = [
  nodeScheme,
  sm2Scheme,
  gostScheme,
  bignScheme,
  mlDsaScheme,
  slhDsaScheme,
];

const byAlgorithm = new Map<string, SignatureScheme>();
const codecByFamily = new Map<KeyFamily, KeyCodec>();
const codecs: KeyCodec[] = [];
for (const scheme of SCHEMES) {
  for (const id of scheme.algorithmIds) {
    if (byAlgorithm.has(id)) throw new Error(`two schemes claim signature algorithm ${id}`);
    byAlgorithm.set(id, scheme);
  }
  const codec = scheme.keyCodec;
  if (codec) {
    codecs.push(codec);
    for (const family of codec.families) codecByFamily.set(family, codec);
  }
}

/** The scheme for a signature registry id; undefined when it cannot be verified here. */
export function schemeFor(algorithmId: string): SignatureScheme | undefined {
  return byAlgorithm.get(algorithmId);
}

/** The codec that reads keys with this SPKI / PKCS#8 algorithm and parameter OID. */
export function keyCodecFor(
  algorithmOid: string,
  parameterOid: string | undefined,
): KeyCodec | undefined {
  return codecs.find((codec) => codec.claims(algorithmOid, parameterOid));
}

/** The codec that writes keys of a family (SPKI of a private key, issuing algorithm). */
export function keyCodecForFamily(family: KeyFamily): KeyCodec | undefined {
  return codecByFamily.get(family);
}

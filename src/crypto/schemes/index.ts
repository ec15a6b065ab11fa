import type { Lazy } from '../../util/lazy.js';
import { DIGEST_MODULES } from '../digests.js';
import type { KeyCodec, KeyFamily, SignatureScheme } from '../types.js';
import { BIGN_INFO, GOST_INFO, KZ_GOST_INFO, SM2_INFO } from './info.js';
import { lazyScheme } from './lazy-scheme.js';
// ML-DSA and SLH-DSA load @noble/post-quantum themselves on first use (synchronously).
import { mlDsaScheme } from './ml-dsa.js';
import { nodeScheme } from './node.js';
import { slhDsaScheme } from './slh-dsa.js';

const sm2 = lazyScheme(SM2_INFO, async () => (await import('./sm2.js')).sm2Scheme);
const gost = lazyScheme(GOST_INFO, async () => (await import('./gost.js')).gostScheme);
const bign = lazyScheme(BIGN_INFO, async () => (await import('./bign.js')).bignScheme);
const kzGost = lazyScheme(KZ_GOST_INFO, async () => (await import('./kz-gost.js')).kzGostScheme);

/**
 * Every signature scheme this build can verify. A new family is one scheme file (verify, sign
 * and its key codec) plus one line here; the algorithm registry derives `verifiable` from it.
 * OpenSSL's (node) is always loaded; the others by their metadata (schemes/info.ts), their code
 * imported when a key or a signature of theirs comes up.
 */
export const SCHEMES: readonly SignatureScheme[] = [
  nodeScheme,
  sm2,
  gost,
  bign,
  mlDsaScheme,
  slhDsaScheme,
  kzGost,
];

/** The lazily loaded schemes, for crypto/eager.ts to provide statically imported code. */
export const LAZY_SCHEMES = { sm2, gost, bign, kzGost } as const;

/** The code of every scheme and digest: commands that are not lazy load it first. */
export async function loadCrypto(): Promise<void> {
  const modules: Array<Lazy<unknown>> = [
    sm2.module,
    gost.module,
    bign.module,
    kzGost.module,
    ...Object.values(DIGEST_MODULES),
  ];
  await Promise.all(modules.map((module) => module.load()));
}

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

import { Lazy } from '../../util/lazy.js';
import type { KeyCodec, SignatureScheme } from '../types.js';
import type { SchemeInfo } from './info.js';

/**
 * A scheme registered by its metadata, its code imported on first use: `check` on an RSA
 * document does not load the GOST, SM2 or bign arithmetic (nor sm-crypto-v2, @noble/curves).
 * Until it is loaded, every call records the need and throws (see util/lazy.ts).
 */
export function lazyScheme(
  info: SchemeInfo,
  load: () => Promise<SignatureScheme>,
): SignatureScheme & {
  module: Lazy<SignatureScheme>;
  provide(scheme: SignatureScheme): void;
} {
  const module = new Lazy(`the ${info.name} implementation`, async () => {
    const scheme = await load();
    assertSame(info, scheme);
    return scheme;
  });
  const provide = (scheme: SignatureScheme) => {
    assertSame(info, scheme);
    module.provide(scheme);
  };
  const codec = (): KeyCodec => {
    const loaded = module.get().keyCodec;
    if (!loaded) throw new Error(`internal: ${info.name} has no key codec`);
    return loaded;
  };
  const keyCodec: KeyCodec | undefined = info.keyCodec && {
    families: info.keyCodec.families,
    claims: info.keyCodec.claims,
    decodeSpki: (spki, parts) => codec().decodeSpki(spki, parts),
    decodePkcs8: (der, privateKey, parameterOid) =>
      codec().decodePkcs8(der, privateKey, parameterOid),
    spkiOfPrivateKey: (key) => codec().spkiOfPrivateKey(key),
    defaultSignatureAlgorithm: (key) => codec().defaultSignatureAlgorithm(key),
  };
  return {
    module,
    provide,
    algorithmIds: info.algorithmIds,
    families: info.families,
    ...(keyCodec ? { keyCodec } : {}),
    // Every argument passes through: the parameters carry the ML-DSA / SLH-DSA context string.
    verify: (algorithmId, key, message, signature, encoding, parameters) =>
      module.get().verify(algorithmId, key, message, signature, encoding, parameters),
    verifyLenient: (algorithmId, key, message, signature) =>
      module.get().verifyLenient?.(algorithmId, key, message, signature),
    sign: (algorithmId, key, message, encoding, parameters) =>
      module.get().sign(algorithmId, key, message, encoding, parameters),
  };
}

/** The registry answered from `info`: an implementation that says otherwise is a bug. */
function assertSame(info: SchemeInfo, scheme: SignatureScheme): void {
  const same = (a: readonly string[], b: readonly string[] = []) =>
    a.length === b.length && a.every((x, i) => x === b[i]);
  if (
    !same(info.algorithmIds, scheme.algorithmIds) ||
    !same(info.families, scheme.families) ||
    !same(info.keyCodec?.families ?? [], scheme.keyCodec?.families) ||
    info.keyCodec?.claims !== scheme.keyCodec?.claims
  ) {
    throw new Error(`internal: the ${info.name} scheme does not match its registered metadata`);
  }
}

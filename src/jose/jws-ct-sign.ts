import { createHash } from 'node:crypto';
import { algorithmById } from '../algorithms/registry.js';
import { UnsupportedAlgorithmError } from '../crypto/errors.js';
import { schemeFor } from '../crypto/schemes/index.js';
import type { PrivateKey } from '../crypto/types.js';
import { encodeBase64Url } from './base64url.js';
import { canonicalizeJson } from './jcs.js';
import { JWS_CT_MEMBER } from './jws-ct-read.js';

export interface JwsSignOptions {
  /** Registry id, e.g. `rsa-pss-sha256`, `gost2012-256`, `sm2-sm3`; `alg` is its JOSE name. */
  signatureAlgorithm: string;
  privateKey: PrivateKey;
  /** DER certificates for `x5c`, leaf first; `x5t#S256` is added for the leaf. */
  certificates?: readonly Uint8Array[];
  /** `sigT` (listed in `crit`), as JAdES baseline signatures carry it. */
  signingTime?: Date;
  kid?: string;
  /** Further header parameters (tests: `jwk`, `x5u`, unknown `crit`…); they win over the above. */
  header?: Record<string, unknown>;
}

/**
 * Signs a JSON object with JWS/CT: returns a copy with a `signature` member holding
 * BASE64URL(protected header) ".." BASE64URL(signature) over the JCS form of the object (any
 * existing `signature` member is left out and replaced).
 */
export function signJwsCt(
  object: Readonly<Record<string, unknown>>,
  options: JwsSignOptions,
): Record<string, unknown> {
  const entry = algorithmById(options.signatureAlgorithm);
  const scheme = schemeFor(options.signatureAlgorithm);
  const alg = entry?.jose?.[0];
  if (entry?.kind !== 'signature' || !scheme || !alg) {
    throw new UnsupportedAlgorithmError(
      options.signatureAlgorithm,
      `${options.signatureAlgorithm} has no JWS form here`,
    );
  }
  const header: Record<string, unknown> = { alg };
  const leaf = options.certificates?.[0];
  if (options.certificates && leaf) {
    header.x5c = options.certificates.map((der) => Buffer.from(der).toString('base64'));
    header['x5t#S256'] = encodeBase64Url(createHash('sha256').update(leaf).digest());
  }
  if (options.kid !== undefined) header.kid = options.kid;
  if (options.signingTime) {
    header.sigT = `${options.signingTime.toISOString().slice(0, 19)}Z`;
    header.crit = ['sigT'];
  }
  Object.assign(header, options.header);
  const { [JWS_CT_MEMBER]: _old, ...payload } = object;
  const protectedB64 = encodeBase64Url(JSON.stringify(header));
  const input = Buffer.from(
    `${protectedB64}.${encodeBase64Url(canonicalizeJson(payload))}`,
    'ascii',
  );
  const signature = scheme.sign(options.signatureAlgorithm, options.privateKey, input, 'xmldsig');
  return { ...payload, [JWS_CT_MEMBER]: `${protectedB64}..${encodeBase64Url(signature)}` };
}

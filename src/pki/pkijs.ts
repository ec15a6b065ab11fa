import type * as Pkijs from 'pkijs';
import { Lazy } from '../util/lazy.js';

/**
 * pkijs (~450 KB of code, ~20 ms to load) reads only what the plain DER reader leaves alone
 * (der-certificate.ts: RSASSA-PSS parameters, CRL distribution points, unusual encodings) and
 * CRLs, so `verify` loads it when such a certificate or CRL comes up (util/lazy.ts withLazy)
 * and an RSA batch verified with `--key` never does. Every other command loads it before its
 * action (cli/program.ts), the library and the workers through crypto/eager.ts.
 */
export const PKIJS = new Lazy<typeof Pkijs>('pkijs', () => import('pkijs'));

/** The pkijs module; throws LazyNotLoadedError (after recording the need) when not loaded yet. */
export function pkijs(): typeof Pkijs {
  return PKIJS.get();
}

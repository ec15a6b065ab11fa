import type { KeyFamily } from '../crypto/types.js';

/** The kinds of the registry, in the order `corridor algorithms` lists them. */
export const ALGORITHM_KINDS = [
  'signature',
  'digest',
  'canonicalization',
  'transform',
  'encryption',
  'key-transport',
] as const;

export type AlgorithmKind = (typeof ALGORITHM_KINDS)[number];

/** One algorithm identity: every name (XML URI, OID) under which documents may carry it. */
export interface AlgorithmEntry {
  /** Stable registry id used in profiles, e.g. `rsa-sha256`, `gost2012-256`. */
  id: string;
  kind: AlgorithmKind;
  name: string;
  /** For signatures: the key family; for digests/ciphers: the algorithm family name. */
  family: KeyFamily | string;
  /** XML URIs naming the algorithm; the first is the canonical one, the others aliases. */
  uris: readonly string[];
  /**
   * Where each alias (a URI after the first) is used, for names real systems emit beside the
   * canonical one. A receiver's profile says which of the names it accepts (`uris`).
   */
  aliases?: Readonly<Record<string, string>>;
  oids: readonly string[];
  /**
   * JOSE `alg` names (RFC 7518, RFC 8037) for signature methods; a JWS names its algorithm by
   * one of these where an XML document uses a URI.
   */
  jose?: readonly string[];
  /** False when the JOSE names are corridor-defined (no registered `alg` exists). */
  joseConfirmed?: boolean;
  /** For signature methods: the registry id of the digest the method implies. */
  digest?: string;
  /**
   * Can this build of corridor compute / verify it? For signature methods and digests the
   * registry derives it from the registered schemes and digests (crypto/schemes, crypto/digests).
   */
  verifiable: boolean;
  /**
   * Cryptographic standing whatever a profile says: `broken` (collisions or forgeries are
   * practical: MD5, RIPEMD-160 as used here) is always reported as an error, `legacy` (DSA,
   * kept for old documents) as a warning; profiles still decide what they accept.
   */
  strength?: 'broken' | 'legacy';
  /**
   * Signature methods whose values exceed the default SignatureValue limit (post-quantum: an
   * SLH-DSA-SHA2-256f signature is 49 856 octets): the size in octets of its signatures. The
   * limit is raised to it for signatures naming this method only.
   */
  maxSignatureBytes?: number;
  /**
   * The SignatureMethod child carrying a FIPS 204 / FIPS 205 context string (base64, at most
   * 255 octets), as xmlsec writes it; absent: the method takes none.
   */
  contextElement?: { namespace: string; localName: string };
  standard: string;
  source: string;
  /** False when no public source confirms the URI/OID (`source` names what was checked). */
  confirmed: boolean;
}

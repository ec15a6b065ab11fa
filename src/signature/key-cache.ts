import type { PublicKey } from '../crypto/types.js';
import { parseCertificate, signerSummary, type Certificate } from '../pki/certificate.js';
import { decodePublicKey } from '../pki/spki.js';
import { onLazyLoad } from '../util/lazy.js';
import type { SignerSummary } from './types.js';

/** What key selection needs from a KeyInfo certificate. */
export interface CertificateFacts {
  der: Uint8Array;
  /** base64 of `der`: the cache key, and identity when selection removes duplicates. */
  id: string;
  key: PublicKey;
  /** Hex of the subject / issuer Name DER: exact comparison, no string normalisation games. */
  subject: string;
  issuer: string;
  signer: SignerSummary;
  certificate: Certificate;
}

export type Cached<T> = T | { error: string };

/**
 * Parsed certificates and keys by DER. The same CA and signer certificates arrive with every
 * document of a batch, and a parse costs ~1 ms, so results (failures included) are kept.
 */
const certificates = new Map<string, Cached<CertificateFacts>>();
const keys = new Map<string, Cached<PublicKey>>();
const CACHE_MAX = 2048;
// Failures met while a family's code was missing are not kept (util/lazy.ts).
onLazyLoad(() => {
  certificates.clear();
  keys.clear();
});

function remember<T>(map: Map<string, T>, id: string, value: T): T {
  if (map.size >= CACHE_MAX) map.clear();
  map.set(id, value);
  return value;
}

/** base64 of the bytes, read in place (Buffer.from(der) alone would copy them first). */
function idOf(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function certificateFacts(der: Uint8Array): Cached<CertificateFacts> {
  const id = idOf(der);
  const hit = certificates.get(id);
  if (hit) return hit;
  let facts: Cached<CertificateFacts>;
  try {
    const cert = parseCertificate(der);
    facts = {
      der: cert.der,
      id,
      key: cert.publicKey,
      subject: Buffer.from(cert.subjectDer).toString('hex'),
      issuer: Buffer.from(cert.issuerDer).toString('hex'),
      signer: signerSummary(cert),
      certificate: cert,
    };
  } catch (error) {
    facts = { error: (error as Error).message };
  }
  return remember(certificates, id, facts);
}

export function cachedPublicKey(spki: Uint8Array): Cached<PublicKey> {
  const id = idOf(spki);
  const hit = keys.get(id);
  if (hit) return hit;
  let key: Cached<PublicKey>;
  try {
    key = decodePublicKey(spki);
  } catch (error) {
    key = { error: (error as Error).message };
  }
  return remember(keys, id, key);
}

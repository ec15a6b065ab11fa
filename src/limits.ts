import { DEFAULT_XML_LIMITS, type XmlLimits } from './xml/dom.js';

/**
 * Every resource bound corridor applies to one document. The parser's limits (size, depth,
 * element and attribute counts, text length) stop hostile XML while it is read; the rest stop
 * hostile signatures before any cryptography runs: each signature costs a canonicalization of
 * what it signs per Reference, so their number, not just the document size, bounds the work.
 */
export interface DocumentLimits extends XmlLimits {
  /** ds:Signature elements per document (all nested ones counted). */
  maxSignatures: number;
  /** ds:Reference elements per SignedInfo: each one is a full canonicalization and digest. */
  maxReferencesPerSignature: number;
  /** Characters of a SignatureValue (RSA-16384 is 2 732 base64 characters plus line breaks). */
  maxSignatureValueChars: number;
  /** Characters of a DigestValue (a 512-bit digest is 88 base64 characters). */
  maxDigestValueChars: number;
  /** Characters of one X509Certificate (real certificates are a few kB). */
  maxCertificateChars: number;
  /**
   * Wall-clock budget per document in milliseconds, checked between phases (after parsing,
   * before each signature and each Reference), never by interrupting work: a phase that starts
   * always finishes, so the overrun is at most one Reference's canonicalization and digest.
   */
  timeBudgetMs: number;
}

export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = {
  ...DEFAULT_XML_LIMITS,
  maxSignatures: 16,
  maxReferencesPerSignature: 32,
  maxSignatureValueChars: 8 * 1024,
  maxDigestValueChars: 256,
  maxCertificateChars: 64 * 1024,
  timeBudgetMs: 30_000,
};

/**
 * Characters of a SignatureValue allowed for a method: the document limit, raised for
 * algorithms whose signatures are longer (the registry's `maxSignatureBytes`: post-quantum
 * signatures reach 49 856 octets), never for the others. The raise covers the base64 of that
 * many octets, a CR LF every 64 characters and a little surrounding whitespace.
 */
export function signatureValueLimit(limits: DocumentLimits, maxSignatureBytes?: number): number {
  if (maxSignatureBytes === undefined) return limits.maxSignatureValueChars;
  const base64 = 4 * Math.ceil(maxSignatureBytes / 3);
  return Math.max(limits.maxSignatureValueChars, base64 + 2 * Math.ceil(base64 / 64) + 256);
}

/** The defaults with the given overrides (undefined values keep the default). */
export function documentLimits(overrides: Partial<DocumentLimits> = {}): DocumentLimits {
  const limits: DocumentLimits = { ...DEFAULT_DOCUMENT_LIMITS };
  for (const key of Object.keys(overrides) as (keyof DocumentLimits)[]) {
    const value = overrides[key];
    if (value !== undefined) limits[key] = value;
  }
  return limits;
}

const UNITS: Record<string, number> = {
  '': 1,
  k: 1024,
  kb: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
};

/** `--max-bytes` values: `52428800`, `50mb`, `512k`, `1g` (binary units). Undefined on junk. */
export function parseByteSize(text: string): number | undefined {
  const match = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = UNITS[(match[2] ?? '').toLowerCase()];
  if (unit === undefined) return undefined;
  const bytes = Number(match[1]) * unit;
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}

/**
 * Base64url without padding (RFC 7515 §2, RFC 4648 §5), strict: only the URL-safe alphabet,
 * no `=`, no whitespace, and the unused low bits of the last character must be zero. Node's
 * decoder skips junk and ignores those bits, so two different strings could carry one value;
 * a signature value must have exactly one spelling.
 */
const ALPHABET = /^[A-Za-z0-9_-]*$/;

export function encodeBase64Url(bytes: Uint8Array | string): string {
  return Buffer.from(bytes).toString('base64url');
}

/** The decoded bytes, or null when `text` is not canonical unpadded base64url. */
export function decodeBase64UrlStrict(text: string): Uint8Array | null {
  if (!ALPHABET.test(text) || text.length % 4 === 1) return null;
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.toString('base64url') !== text) return null;
  return new Uint8Array(bytes);
}

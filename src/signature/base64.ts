/**
 * Strict base64 for XMLDSig values. Node's decoder silently skips junk characters, which lets
 * an attacker hide content inside a DigestValue or certificate; here only the base64
 * alphabet, `=` padding at the end and XML whitespace are accepted.
 */

const XML_WHITESPACE = /[ \t\r\n]/g;

/** 1 for the characters of the base64 alphabet (no `=`), by char code below 128. */
const ALPHABET = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')
  ALPHABET[c.charCodeAt(0)] = 1;
const EQUALS = 0x3d;

/**
 * Whether `compact` is whole groups of four alphabet characters, the last of which may end in
 * `==` or `=`: what /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/ says,
 * checked by one loop over a table (the RegExp was ~1% of a matrix run, on every certificate,
 * SignatureValue and DigestValue).
 */
function isStrictBase64(compact: string): boolean {
  const length = compact.length;
  if (length % 4 !== 0) return false;
  let end = length;
  if (length > 0 && compact.charCodeAt(length - 1) === EQUALS) {
    end--;
    if (compact.charCodeAt(length - 2) === EQUALS) end--;
  }
  for (let i = 0; i < end; i++) {
    const code = compact.charCodeAt(i);
    if (code >= 128 || ALPHABET[code] === 0) return false;
  }
  return true;
}

/** Decodes `text`, or returns null when it is not strictly base64 (empty text is empty bytes). */
export function decodeBase64Strict(text: string): Uint8Array | null {
  const compact = text.replace(XML_WHITESPACE, '');
  if (!isStrictBase64(compact)) return null;
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

/** Encodes with lines of 76 characters, as XMLDSig producers commonly do. */
export function encodeBase64Lines(bytes: Uint8Array, lineLength = 76): string {
  const text = Buffer.from(bytes).toString('base64');
  if (text.length <= lineLength) return text;
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += lineLength) lines.push(text.slice(i, i + lineLength));
  return lines.join('\n');
}

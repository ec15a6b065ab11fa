/**
 * Strict base64 for XMLDSig values. Node's decoder silently skips junk characters, which lets
 * an attacker hide content inside a DigestValue or certificate; here only the base64
 * alphabet, `=` padding at the end and XML whitespace are accepted.
 */

/** 1 for the characters of the base64 alphabet (no `=`), by char code below 128. */
const ALPHABET = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')
  ALPHABET[c.charCodeAt(0)] = 1;
const EQUALS = 0x3d;

function isXmlWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/**
 * Whether `text` without its XML whitespace is whole groups of four alphabet characters, the
 * last of which may end in `==` or `=`: what
 * /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/ says of the compacted
 * text, checked in one loop over a table without building the compacted copy (the RegExp,
 * then the whitespace-stripping copy, were ~1% of a matrix run, on every certificate,
 * SignatureValue and DigestValue).
 */
function isStrictBase64(text: string): boolean {
  let count = 0;
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128 && ALPHABET[code] === 1) {
      // Nothing but whitespace and `=` may follow padding.
      if (padding > 0) return false;
      count++;
    } else if (code === EQUALS) {
      if (++padding > 2) return false;
      count++;
    } else if (!isXmlWhitespace(code)) return false;
  }
  // `=` only completes a group: `xx==` or `xxx=` (a group of `=` alone is refused above or
  // here, as `x===` and `====` would need more than two).
  return count % 4 === 0;
}

/** Decodes `text`, or returns null when it is not strictly base64 (empty text is empty bytes). */
export function decodeBase64Strict(text: string): Uint8Array | null {
  if (!isStrictBase64(text)) return null;
  // Node's decoder skips the whitespace; a copy, so the bytes never share Buffer's pool.
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** Encodes with lines of 76 characters, as XMLDSig producers commonly do. */
export function encodeBase64Lines(bytes: Uint8Array, lineLength = 76): string {
  const text = Buffer.from(bytes).toString('base64');
  if (text.length <= lineLength) return text;
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += lineLength) lines.push(text.slice(i, i + lineLength));
  return lines.join('\n');
}

/**
 * Strict base64 for XMLDSig values. Node's decoder silently skips junk characters, which lets
 * an attacker hide content inside a DigestValue or certificate; here only the base64
 * alphabet, `=` padding at the end and XML whitespace are accepted.
 */

const XML_WHITESPACE = /[ \t\r\n]/g;
const STRICT = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes `text`, or returns null when it is not strictly base64 (empty text is empty bytes). */
export function decodeBase64Strict(text: string): Uint8Array | null {
  const compact = text.replace(XML_WHITESPACE, '');
  if (!STRICT.test(compact)) return null;
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

/**
 * Turning the bytes of an XML document into text (XML 1.0 Appendix F): a byte-order mark
 * wins, otherwise the encoding named by the XML declaration, otherwise UTF-8.
 *
 * Supported: UTF-8, UTF-16 (LE/BE, with or without BOM), US-ASCII, ISO-8859-1, and the
 * single-byte Cyrillic/Western code pages windows-1251, windows-1252, KOI8-R (national
 * e-documents still arrive in these). Anything else, UTF-32, malformed byte sequences and a
 * declaration contradicting the BOM are refused with code 'encoding'.
 */
import { XmlParseError } from './dom.js';

export interface DecodedXml {
  text: string;
  /** Canonical name of the encoding used, e.g. 'utf-8', 'utf-16le', 'windows-1251'. */
  encoding: string;
}

type Family = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Declared names accepted for each decoder (lower case). */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['utf-8', 'utf-8'],
  ['utf8', 'utf-8'],
  ['utf-16', 'utf-16'],
  ['utf-16le', 'utf-16le'],
  ['utf-16be', 'utf-16be'],
  ['us-ascii', 'us-ascii'],
  ['ascii', 'us-ascii'],
  ['iso-8859-1', 'iso-8859-1'],
  ['iso_8859-1', 'iso-8859-1'],
  ['latin1', 'iso-8859-1'],
  ['l1', 'iso-8859-1'],
  ['windows-1251', 'windows-1251'],
  ['cp1251', 'windows-1251'],
  ['windows-1252', 'windows-1252'],
  ['cp1252', 'windows-1252'],
  ['koi8-r', 'koi8-r'],
]);

function fail(message: string, line = 1, column = 1): never {
  throw new XmlParseError('encoding', message, line, column);
}

/** Detects the encoding of `bytes` and decodes them; throws XmlParseError('encoding'). */
export function decodeXmlBytes(bytes: Uint8Array): DecodedXml {
  const b0 = bytes[0] ?? -1;
  const b1 = bytes[1] ?? -1;
  const b2 = bytes[2] ?? -1;
  const b3 = bytes[3] ?? -1;

  // UTF-32 in any byte order: the four-byte patterns of Appendix F.
  if (
    (b0 === 0 && b1 === 0 && ((b2 === 0xfe && b3 === 0xff) || (b2 === 0 && b3 === 0x3c))) ||
    (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) ||
    (b0 === 0x3c && b1 === 0 && b2 === 0 && b3 === 0)
  ) {
    fail('UTF-32 is not supported');
  }

  let family: Family | null = null;
  let bom = false;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    family = 'utf-8';
    bom = true;
  } else if (b0 === 0xff && b1 === 0xfe) {
    family = 'utf-16le';
    bom = true;
  } else if (b0 === 0xfe && b1 === 0xff) {
    family = 'utf-16be';
    bom = true;
  } else if (b0 === 0x3c && b1 === 0 && b2 === 0x3f && b3 === 0) {
    family = 'utf-16le';
  } else if (b0 === 0 && b1 === 0x3c && b2 === 0 && b3 === 0x3f) {
    family = 'utf-16be';
  }

  if (family === 'utf-16le' || family === 'utf-16be') {
    const text = decodeWith(family, bytes);
    const declared = declaredEncoding(text);
    if (declared !== null) {
      const name = ALIASES.get(declared.toLowerCase());
      if (name !== 'utf-16' && name !== family) {
        fail(`document is ${family}${bom ? ' (byte-order mark)' : ''} but declares "${declared}"`);
      }
    }
    return { text, encoding: family };
  }

  // ASCII-compatible: read the declaration from the raw bytes before choosing a decoder.
  const start = bom ? 3 : 0;
  const hasDecl = bytes[start] === 0x3c && bytes[start + 1] === 0x3f; // '<?'
  const declared = hasDecl ? declaredEncoding(asciiPrefix(bytes, start)) : null;
  let name = 'utf-8';
  if (declared !== null) {
    const alias = ALIASES.get(declared.toLowerCase());
    if (alias === undefined) fail(`unsupported encoding "${declared}"`);
    if (alias === 'utf-16' || alias === 'utf-16le' || alias === 'utf-16be') {
      fail(`document declares "${declared}" but is not encoded in UTF-16`);
    }
    if (bom && alias !== 'utf-8') {
      fail(`document has a UTF-8 byte-order mark but declares "${declared}"`);
    }
    name = alias;
  }
  if (name === 'utf-8') return { text: decodeWith('utf-8', bytes), encoding: 'utf-8' };
  if (name === 'us-ascii') {
    for (let k = 0; k < bytes.length; k++) {
      if ((bytes[k] as number) > 0x7f) failAt(bytes, k, 'byte above 0x7F in a US-ASCII document');
    }
    return { text: Buffer.from(bytes).toString('latin1'), encoding: 'us-ascii' };
  }
  // WHATWG's "iso-8859-1" label means windows-1252; true Latin-1 maps bytes to U+0000–U+00FF.
  if (name === 'iso-8859-1') {
    return { text: Buffer.from(bytes).toString('latin1'), encoding: name };
  }
  return { text: decodeWith(name, bytes), encoding: name };
}

// Decoders are stateless between complete decode() calls; reusing the UTF-8 one saves its
// construction cost, which dominates for small documents.
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function decodeWith(encoding: string, bytes: Uint8Array): string {
  try {
    if (encoding === 'utf-8') return UTF8.decode(bytes);
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    if (encoding === 'utf-8') {
      failAt(bytes, firstInvalidUtf8(bytes), 'invalid UTF-8 byte sequence');
    }
    if ((encoding === 'utf-16le' || encoding === 'utf-16be') && bytes.length % 2 === 1) {
      fail(`${encoding} document has an odd number of bytes`);
    }
    return fail(`invalid ${encoding} byte sequence`);
  }
}

/** Throws at the line/column of byte `offset` (the valid prefix is decoded to count lines). */
function failAt(bytes: Uint8Array, offset: number, message: string): never {
  const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < prefix.length; k++) {
    const c = prefix.charCodeAt(k);
    if (c === 10 || (c === 13 && prefix.charCodeAt(k + 1) !== 10)) {
      line++;
      lineStart = k + 1;
    }
  }
  return fail(`${message} at byte ${offset}`, line, prefix.length - lineStart + 1);
}

/** Offset of the first byte that does not start a valid UTF-8 sequence (RFC 3629). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let k = 0;
  while (k < n) {
    const b = bytes[k] as number;
    if (b < 0x80) {
      k++;
      continue;
    }
    let need: number;
    let min: number;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = b === 0xe0 ? 0xa0 : 0x80;
      if (b === 0xed) max = 0x9f; // no encoded surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = b === 0xf0 ? 0x90 : 0x80;
      if (b === 0xf4) max = 0x8f;
    } else {
      return k;
    }
    if (k + need >= n) return k; // truncated sequence
    const c1 = bytes[k + 1] as number;
    if (c1 < min || c1 > max) return k;
    for (let j = 2; j <= need; j++) {
      const c = bytes[k + j] as number;
      if (c < 0x80 || c > 0xbf) return k;
    }
    k += need + 1;
  }
  return n;
}

/** The first bytes as Latin-1 text, enough to hold an XML declaration. */
function asciiPrefix(bytes: Uint8Array, start: number): string {
  const end = Math.min(bytes.length, start + 512);
  let out = '';
  for (let k = start; k < end; k++) {
    const b = bytes[k] as number;
    out += String.fromCharCode(b);
    if (b === 0x3e) break; // '>' ends the declaration
  }
  return out;
}

/**
 * The `encoding` pseudo-attribute of a leading XML declaration, or null. Only a light read:
 * the parser validates the declaration's full syntax afterwards.
 */
export function declaredEncoding(text: string): string | null {
  let start = 0;
  if (text.charCodeAt(0) === 0xfeff) start = 1;
  if (!text.startsWith('<?xml', start)) return null;
  const end = text.indexOf('?>', start);
  if (end === -1) return null;
  const decl = text.slice(start + 5, end);
  const at = decl.indexOf('encoding');
  if (at === -1) return null;
  let k = at + 8;
  while (decl[k] === ' ' || decl[k] === '\t' || decl[k] === '\n' || decl[k] === '\r') k++;
  if (decl[k] !== '=') return null;
  k++;
  while (decl[k] === ' ' || decl[k] === '\t' || decl[k] === '\n' || decl[k] === '\r') k++;
  const quote = decl[k];
  if (quote !== '"' && quote !== "'") return null;
  const close = decl.indexOf(quote, k + 1);
  if (close === -1) return null;
  return decl.slice(k + 1, close);
}

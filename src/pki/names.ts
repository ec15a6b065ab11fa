import * as asn1js from 'asn1js';
import { readPlainName } from './der-certificate.js';

/** Short names of RFC 4514 §3 plus the ones OpenSSL prints for common DN attributes. */
const SHORT_NAMES = new Map<string, string>([
  ['2.5.4.3', 'CN'],
  ['2.5.4.4', 'SN'],
  ['2.5.4.5', 'serialNumber'],
  ['2.5.4.6', 'C'],
  ['2.5.4.7', 'L'],
  ['2.5.4.8', 'ST'],
  ['2.5.4.9', 'STREET'],
  ['2.5.4.10', 'O'],
  ['2.5.4.11', 'OU'],
  ['2.5.4.12', 'title'],
  ['2.5.4.42', 'GN'],
  ['2.5.4.97', 'organizationIdentifier'],
  ['0.9.2342.19200300.100.1.1', 'UID'],
  ['0.9.2342.19200300.100.1.25', 'DC'],
  ['1.2.840.113549.1.9.1', 'emailAddress'],
  // Russian qualified-certificate attributes (Order of FSB 795): INN, OGRN, SNILS
  ['1.2.643.3.131.1.1', 'INN'],
  ['1.2.643.100.1', 'OGRN'],
  ['1.2.643.100.3', 'SNILS'],
  ['1.2.643.100.4', 'INNLE'],
  ['1.2.643.100.5', 'OGRNIP'],
]);

function escapeValue(value: string): string {
  let out = value.replace(/[\\,+"<>;=]/g, (c) => `\\${c}`);
  if (out.startsWith('#') || out.startsWith(' ')) out = `\\${out}`;
  if (out.endsWith(' ') && out.length > 1) out = `${out.slice(0, -1)}\\ `;
  return out;
}

function valueString(value: asn1js.AsnType): string {
  const block = (value as { valueBlock?: { value?: unknown } }).valueBlock;
  if (value instanceof asn1js.BaseStringBlock && typeof block?.value === 'string') {
    return escapeValue(block.value);
  }
  // RFC 4514 §2.4: values that are not strings are written as # and their DER in hex.
  return `#${Buffer.from(value.toBER(false)).toString('hex')}`;
}

/**
 * RFC 4514 string of a DER Name: RDNs last-to-first, multi-valued RDNs joined with '+'.
 * Unknown attribute types appear as dotted OIDs.
 */
export function nameToString(nameDer: Uint8Array): string {
  return plainNameToString(nameDer) ?? asn1NameToString(nameDer);
}

/** Strict UTF-8, keeping a leading BOM: what asn1js decodes a UTF8String with. */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** asn1js's string value of a plain attribute value, or undefined to leave it to asn1js. */
function plainValue(tag: number, value: Uint8Array): string | undefined {
  // Empty values: asn1js's own business (it may refuse them).
  if (value.length === 0) return undefined;
  switch (tag) {
    case 0x0c: // UTF8String
      try {
        return utf8.decode(value);
      } catch {
        return undefined;
      }
    case 0x12: // NumericString
    case 0x13: // PrintableString
    case 0x14: // TeletexString
    case 0x16: // IA5String
    case 0x1a: // VisibleString
      // asn1js: one character per octet (String.fromCharCode).
      return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('latin1');
    default:
      return undefined;
  }
}

/**
 * The same string read straight from the DER (der-certificate.ts): decoding a name with
 * asn1js was most of what reading a certificate still cost (issue #14). Undefined for any
 * name or value of another shape.
 */
function plainNameToString(nameDer: Uint8Array): string | undefined {
  const rdns = readPlainName(nameDer);
  if (!rdns) return undefined;
  const out: string[] = [];
  for (const rdn of rdns) {
    const parts: string[] = [];
    for (const { oid, tag, value } of rdn) {
      const text = plainValue(tag, value);
      if (text === undefined) return undefined;
      parts.push(`${SHORT_NAMES.get(oid) ?? oid}=${escapeValue(text)}`);
    }
    out.push(parts.join('+'));
  }
  return out.reverse().join(',');
}

/** Exported for the tests, which hold the plain reading to it. */
export function asn1NameToString(nameDer: Uint8Array): string {
  const parsed = asn1js.fromBER(nameDer);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) return '';
  const rdns: string[] = [];
  for (const rdn of parsed.result.valueBlock.value) {
    if (!(rdn instanceof asn1js.Set)) continue;
    const parts: string[] = [];
    for (const atv of rdn.valueBlock.value) {
      if (!(atv instanceof asn1js.Sequence)) continue;
      const [type, value] = atv.valueBlock.value;
      if (!(type instanceof asn1js.ObjectIdentifier) || !value) continue;
      const oid = type.valueBlock.toString();
      parts.push(`${SHORT_NAMES.get(oid) ?? oid}=${valueString(value)}`);
    }
    rdns.push(parts.join('+'));
  }
  return rdns.reverse().join(',');
}

/**
 * Comparison form of a name (RFC 5280 §7.1, simplified): case-folded, inner whitespace
 * collapsed. Used only when the DER bytes differ, e.g. PrintableString vs UTF8String.
 */
export function normalizedName(name: string): string {
  return name.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Splits an RFC 4514 string name on `separator` (`,` between RDNs, `+` inside one) where it is
 * not escaped by a backslash; escapes are kept for the caller to resolve.
 */
export function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      current += c + text[i + 1]!;
      i++;
    } else if (c === separator) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

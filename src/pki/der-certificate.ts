/**
 * The plain X.509 certificate read straight from its DER, without asn1js and pkijs: ~50 times
 * faster (asn1js decoded every certificate twice, pkijs then matched it against its schema;
 * ~1–3 ms a certificate, most of a one-document `verify`'s key selection).
 *
 * Only the common shape is read here: definite lengths, single-byte tags, no unique IDs, times
 * as `YYMMDDHHMMSSZ` / `YYYYMMDDHHMMSSZ`, the universal types a certificate's outer structure
 * and names use, and among extensions only the shapes corridor reads (basic constraints, key
 * usage, subject key identifier). Anything else — RSASSA-PSS parameters, CRL distribution
 * points, unusual encodings, any malformation — returns undefined and certificate.ts reads it
 * with pkijs as before, so errors and edge cases keep their established results. What is read
 * here is what pkijs reads from the same bytes (test/pki/der-certificate.test.ts compares).
 */

/** What certificate.ts takes from the DER (the rest it derives as for a pkijs parse). */
export interface PlainCertificateFields {
  /** Content octets of the serial number INTEGER, as encoded. */
  serial: Uint8Array;
  issuerDer: Uint8Array;
  subjectDer: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  spki: Uint8Array;
  tbs: Uint8Array;
  signatureAlgorithmOid: string;
  /** BIT STRING content without its unused-bits octet. */
  signatureValue: Uint8Array;
  isCA: boolean;
  keyUsageBits?: Uint8Array;
  subjectKeyIdentifier?: Uint8Array;
}

const RSASSA_PSS = '1.2.840.113549.1.1.10';
const BASIC_CONSTRAINTS = '2.5.29.19';
const KEY_USAGE = '2.5.29.15';
const SUBJECT_KEY_IDENTIFIER = '2.5.29.14';
const CRL_DISTRIBUTION_POINTS = '2.5.29.31';

/** Deeper than any certificate's outer structure (asn1js allows 100). */
const MAX_DEPTH = 24;
/**
 * Larger certificates go to pkijs: below this size asn1js cannot reach its node limit (10,000,
 * nested contents included), which would fail there and not here.
 */
const MAX_BYTES = 16 * 1024;

/** One TLV: tag octet, where its content starts and where it ends (exclusive). */
interface Tlv {
  tag: number;
  start: number;
  content: number;
  end: number;
}

class Unusual extends Error {}
const UNUSUAL = new Unusual();

function unusual(): never {
  throw UNUSUAL;
}

function tlvAt(der: Uint8Array, at: number, limit: number): Tlv {
  if (at + 2 > limit) unusual();
  const tag = der[at] as number;
  // High tag numbers (multi-octet identifiers) are not a certificate's.
  if ((tag & 0x1f) === 0x1f) unusual();
  let length = der[at + 1] as number;
  let content = at + 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    // 0x80 is the indefinite form (BER, not DER); more than 3 length octets is > 16 MB.
    if (octets === 0 || octets > 3) unusual();
    if (content + octets > limit) unusual();
    length = 0;
    for (let k = 0; k < octets; k++) length = length * 256 + (der[content + k] as number);
    content += octets;
  }
  const end = content + length;
  if (end > limit) unusual();
  return { tag, start: at, content, end };
}

/** The TLVs inside a constructed one, in order. */
function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.content; at < parent.end;) {
    const child = tlvAt(der, at, parent.end);
    out.push(child);
    at = child.end;
  }
  return out;
}

/** 1: constructed, walked; 2: primitive, content checked below; 0 (absent): unusual. */
const WALK = new Uint8Array(256);
for (const tag of [0x30, 0x31, 0xa0, 0xa3]) WALK[tag] = 1;
// BOOLEAN, INTEGER, BIT STRING, OCTET STRING, NULL, OID, UTF8String, NumericString,
// PrintableString, TeletexString, IA5String, UTCTime, GeneralizedTime, VisibleString.
for (const tag of [
  0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0c, 0x12, 0x13, 0x14, 0x16, 0x17, 0x18, 0x1a,
])
  WALK[tag] = 2;

/**
 * Every TLV of the certificate as asn1js would decode it, refusing what asn1js might decode
 * differently, report as an error, or throw on (OCTET STRING contents are not walked: asn1js
 * looks inside them only tentatively, its failures there caught).
 */
function checkTree(der: Uint8Array, tlv: Tlv, depth: number): void {
  if (depth > MAX_DEPTH) unusual();
  const kind = WALK[tlv.tag];
  if (kind === 1) {
    for (const child of children(der, tlv)) checkTree(der, child, depth + 1);
    return;
  }
  if (kind !== 2) unusual();
  const length = tlv.end - tlv.content;
  switch (tlv.tag) {
    case 0x01: {
      const value = der[tlv.content];
      if (length !== 1 || (value !== 0x00 && value !== 0xff)) unusual();
      return;
    }
    case 0x02:
      if (length === 0) unusual();
      return;
    case 0x03:
      if (length === 0 || (der[tlv.content] as number) > 7) unusual();
      return;
    case 0x05:
      if (length !== 0) unusual();
      return;
    case 0x06:
      oid(der, tlv);
      return;
    case 0x17:
    case 0x18:
      time(der, tlv);
      return;
    default:
      return;
  }
}

/** Dotted form of an OBJECT IDENTIFIER, as asn1js writes it; unusual encodings refused. */
function oid(der: Uint8Array, tlv: Tlv): string {
  if (tlv.tag !== 0x06 || tlv.end === tlv.content) unusual();
  const parts: number[] = [];
  let value = 0;
  let octets = 0;
  for (let k = tlv.content; k < tlv.end; k++) {
    const b = der[k] as number;
    // A leading 0x80 is a needlessly long sub-identifier; over 7 octets leaves safe integers.
    if (octets === 0 && b === 0x80) unusual();
    if (++octets > 7) unusual();
    value = value * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) {
      parts.push(value);
      value = 0;
      octets = 0;
    }
  }
  if (octets !== 0) unusual();
  const first = parts[0] as number;
  const head = first <= 39 ? `0.${first}` : first <= 79 ? `1.${first - 40}` : `2.${first - 80}`;
  return parts.length === 1 ? head : `${head}.${parts.slice(1).join('.')}`;
}

function digits(der: Uint8Array, from: number, count: number): number {
  let value = 0;
  for (let k = from; k < from + count; k++) {
    const d = (der[k] as number) - 0x30;
    if (d < 0 || d > 9) unusual();
    value = value * 10 + d;
  }
  return value;
}

/** UTCTime `YYMMDDHHMMSSZ` or GeneralizedTime `YYYYMMDDHHMMSSZ`, as asn1js turns them into Dates. */
function time(der: Uint8Array, tlv: Tlv): Date {
  const length = tlv.end - tlv.content;
  const at = tlv.content;
  let year: number;
  let rest: number;
  if (tlv.tag === 0x17 && length === 13) {
    const yy = digits(der, at, 2);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
    rest = at + 2;
  } else if (tlv.tag === 0x18 && length === 15) {
    year = digits(der, at, 4);
    rest = at + 4;
  } else return unusual();
  if (der[tlv.end - 1] !== 0x5a /* Z */) unusual();
  // Date.UTC as asn1js calls it (out-of-range fields roll over alike).
  return new Date(
    Date.UTC(
      year,
      digits(der, rest, 2) - 1,
      digits(der, rest + 2, 2),
      digits(der, rest + 4, 2),
      digits(der, rest + 6, 2),
      digits(der, rest + 8, 2),
    ),
  );
}

function expect(tlv: Tlv | undefined, tag: number): Tlv {
  if (tlv === undefined || tlv.tag !== tag) unusual();
  return tlv;
}

/** AlgorithmIdentifier: SEQUENCE { OID, parameters? }; the OID. */
function algorithm(der: Uint8Array, tlv: Tlv | undefined): string {
  const parts = children(der, expect(tlv, 0x30));
  if (parts.length < 1 || parts.length > 2) unusual();
  return oid(der, parts[0] as Tlv);
}

/** Name: SEQUENCE OF SET OF SEQUENCE { OID, value }, none of them empty. */
function checkName(der: Uint8Array, tlv: Tlv | undefined): Tlv {
  const name = expect(tlv, 0x30);
  const rdns = children(der, name);
  if (rdns.length === 0) unusual();
  for (const rdn of rdns) {
    const atvs = children(der, expect(rdn, 0x31));
    if (atvs.length === 0) unusual();
    for (const atv of atvs) {
      const pair = children(der, expect(atv, 0x30));
      if (pair.length !== 2) unusual();
      oid(der, pair[0] as Tlv);
    }
  }
  return name;
}

/** The one TLV that is all of an extension's value, of the given tag. */
function single(der: Uint8Array, value: Tlv, tag: number): Tlv {
  const inner = tlvAt(der, value.content, value.end);
  if (inner.end !== value.end || inner.tag !== tag) unusual();
  return inner;
}

function readExtensions(der: Uint8Array, wrapper: Tlv, fields: PlainCertificateFields): void {
  const list = children(der, wrapper);
  if (list.length !== 1) unusual();
  const extensions = children(der, expect(list[0], 0x30));
  if (extensions.length === 0) unusual();
  for (const extension of extensions) {
    const parts = children(der, expect(extension, 0x30));
    if (parts.length < 2 || parts.length > 3) unusual();
    const id = oid(der, parts[0] as Tlv);
    if (parts.length === 3) expect(parts[1], 0x01);
    const value = expect(parts[parts.length - 1], 0x04);
    if (id === BASIC_CONSTRAINTS) {
      const members = children(der, single(der, value, 0x30));
      // SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }
      if (members.length > 2) unusual();
      const cA = members[0];
      if (cA) {
        if (cA.tag !== 0x01 || cA.end - cA.content !== 1) unusual();
        const b = der[cA.content];
        if (b !== 0x00 && b !== 0xff) unusual();
        fields.isCA = b === 0xff;
        const pathLength = members[1];
        if (pathLength && (pathLength.tag !== 0x02 || pathLength.end === pathLength.content))
          unusual();
      } else fields.isCA = false;
    } else if (id === KEY_USAGE) {
      const bits = single(der, value, 0x03);
      if (bits.end === bits.content || (der[bits.content] as number) > 7) unusual();
      fields.keyUsageBits = der.slice(bits.content + 1, bits.end);
    } else if (id === SUBJECT_KEY_IDENTIFIER) {
      const ski = single(der, value, 0x04);
      fields.subjectKeyIdentifier = der.slice(ski.content, ski.end);
    } else if (id === CRL_DISTRIBUTION_POINTS) unusual();
  }
}

function read(der: Uint8Array): PlainCertificateFields {
  if (der.length > MAX_BYTES) unusual();
  const certificate = tlvAt(der, 0, der.length);
  if (certificate.tag !== 0x30 || certificate.end !== der.length) unusual();
  checkTree(der, certificate, 0);
  const outer = children(der, certificate);
  if (outer.length !== 3) unusual();
  const tbs = expect(outer[0], 0x30);
  const signatureAlgorithmOid = algorithm(der, outer[1]);
  if (signatureAlgorithmOid === RSASSA_PSS) unusual();
  const signature = expect(outer[2], 0x03);

  const items = children(der, tbs);
  let k = 0;
  if (items[0]?.tag === 0xa0) {
    const version = children(der, items[0]);
    if (version.length !== 1) unusual();
    expect(version[0], 0x02);
    k = 1;
  }
  const serial = expect(items[k], 0x02);
  algorithm(der, items[k + 1]);
  const issuer = checkName(der, items[k + 2]);
  const validity = children(der, expect(items[k + 3], 0x30));
  if (validity.length !== 2) unusual();
  const subject = checkName(der, items[k + 4]);
  const spki = expect(items[k + 5], 0x30);
  const spkiParts = children(der, spki);
  if (spkiParts.length !== 2) unusual();
  algorithm(der, spkiParts[0]);
  expect(spkiParts[1], 0x03);
  const rest = items.slice(k + 6);
  if (rest.length > 1 || (rest[0] && rest[0].tag !== 0xa3)) unusual();

  const fields: PlainCertificateFields = {
    serial: der.slice(serial.content, serial.end),
    issuerDer: der.slice(issuer.start, issuer.end),
    subjectDer: der.slice(subject.start, subject.end),
    notBefore: time(der, validity[0] as Tlv),
    notAfter: time(der, validity[1] as Tlv),
    spki: der.slice(spki.start, spki.end),
    tbs: der.slice(tbs.start, tbs.end),
    signatureAlgorithmOid,
    signatureValue: der.slice(signature.content + 1, signature.end),
    isCA: false,
  };
  if (rest[0]) readExtensions(der, rest[0], fields);
  return fields;
}

/** The certificate's fields, or undefined when it is not of the plain shape read here. */
export function readPlainCertificate(der: Uint8Array): PlainCertificateFields | undefined {
  try {
    return read(der);
  } catch (error) {
    if (error instanceof Unusual) return undefined;
    throw error;
  }
}

/** One attribute of a Name: its type and its value's tag and content octets. */
export interface PlainNameAttribute {
  oid: string;
  tag: number;
  value: Uint8Array;
}

/**
 * A DER Name's RDNs (SEQUENCE OF SET OF SEQUENCE { OID, value }), in encoded order, or
 * undefined when it is not of the plain shape (names.ts then reads it with asn1js).
 */
export function readPlainName(nameDer: Uint8Array): PlainNameAttribute[][] | undefined {
  try {
    if (nameDer.length > MAX_BYTES) unusual();
    const name = tlvAt(nameDer, 0, nameDer.length);
    if (name.end !== nameDer.length) unusual();
    checkTree(nameDer, name, 0);
    checkName(nameDer, name);
    return children(nameDer, name).map((rdn) =>
      children(nameDer, rdn).map((atv) => {
        const [type, value] = children(nameDer, atv) as [Tlv, Tlv];
        return {
          oid: oid(nameDer, type),
          tag: value.tag,
          value: nameDer.subarray(value.content, value.end),
        };
      }),
    );
  } catch (error) {
    if (error instanceof Unusual) return undefined;
    throw error;
  }
}

/** What spki.ts reads from a SubjectPublicKeyInfo. */
export interface PlainSpkiFields {
  algorithmOid: string;
  parameterOid: string | undefined;
  /** BIT STRING content without its unused-bits octet (which is 0). */
  keyBytes: Uint8Array;
}

/** The OID parameters name: an OID, or a SEQUENCE's first (GOST), as spki.ts's firstOid. */
function firstOidOf(der: Uint8Array, tlv: Tlv | undefined): string | undefined {
  if (tlv?.tag === 0x06) return oid(der, tlv);
  if (tlv?.tag === 0x30) return firstOidOf(der, children(der, tlv)[0]);
  return undefined;
}

/**
 * SEQUENCE { SEQUENCE { OID, parameters? }, BIT STRING with no unused bits }, nothing after,
 * or undefined when anything is otherwise (spki.ts then reads it with asn1js, and fails alike).
 */
export function readPlainSpki(spki: Uint8Array): PlainSpkiFields | undefined {
  try {
    if (spki.length > MAX_BYTES) unusual();
    const outer = tlvAt(spki, 0, spki.length);
    if (outer.tag !== 0x30 || outer.end !== spki.length) unusual();
    checkTree(spki, outer, 0);
    const parts = children(spki, outer);
    if (parts.length !== 2) unusual();
    const algorithm = children(spki, expect(parts[0], 0x30));
    if (algorithm.length < 1 || algorithm.length > 2) unusual();
    const bits = expect(parts[1], 0x03);
    if (spki[bits.content] !== 0) unusual();
    return {
      algorithmOid: oid(spki, algorithm[0] as Tlv),
      parameterOid: firstOidOf(spki, algorithm[1]),
      keyBytes: spki.slice(bits.content + 1, bits.end),
    };
  } catch (error) {
    if (error instanceof Unusual) return undefined;
    throw error;
  }
}

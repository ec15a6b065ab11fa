import { createPublicKey, type JsonWebKey } from 'node:crypto';
import * as asn1js from 'asn1js';
import { BIGN_CURVE_256_OID, encodeBignSpki } from '../crypto/bign/spki.js';
import { curveInfo } from '../crypto/curves.js';
import type { XmlElement } from '../xml/dom.js';
import { decodeBase64Strict } from './base64.js';
import { dsigChild, plainAttribute, valueText } from './dsig-elements.js';
import { DSIG11_NS, DSIG_NS } from './names.js';

/** Named curves an ECKeyValue may name (XMLDSig 1.1 §4.5.2.3.1 uses `urn:oid:` URIs). */
const EC_CURVES = new Map<string, { crv: string; bytes: number }>([
  ['urn:oid:1.2.840.10045.3.1.7', { crv: 'P-256', bytes: 32 }],
  ['urn:oid:1.3.132.0.34', { crv: 'P-384', bytes: 48 }],
  ['urn:oid:1.3.132.0.35', { crv: 'P-521', bytes: 66 }],
]);

export type KeyValueResult = { spki: Uint8Array } | { error: string };

/**
 * The SubjectPublicKeyInfo DER of a KeyInfo's key value: ds:KeyValue (RSAKeyValue or
 * dsig11:ECKeyValue) or dsig11:DEREncodedKeyValue (any key type, so also GOST and SM2).
 */
export function keyValueSpki(keyInfo: XmlElement): KeyValueResult | undefined {
  const der = dsigChild(keyInfo, 'DEREncodedKeyValue', DSIG11_NS);
  if (der) {
    const bytes = decodeBase64Strict(strictText(der) ?? '!');
    return bytes ? { spki: bytes } : { error: 'DEREncodedKeyValue is not valid base64' };
  }
  const keyValue = dsigChild(keyInfo, 'KeyValue', keyInfo.namespaceURI ?? undefined);
  if (!keyValue) return undefined;
  const rsa = dsigChild(keyValue, 'RSAKeyValue', keyInfo.namespaceURI ?? undefined);
  if (rsa) return rsaSpki(rsa);
  const ec = dsigChild(keyValue, 'ECKeyValue', DSIG11_NS);
  if (ec) return ecSpki(ec);
  return keyValueElementSpki(keyValue);
}

/**
 * The SPKI of one key value element, or of the first one inside a ds:KeyValue (also what a
 * RetrievalMethod reached): RSAKeyValue, DSAKeyValue, dsig11:ECKeyValue, RFC 4050
 * ECDSAKeyValue, dsig11:BignKeyValue, dsig11:DEREncodedKeyValue.
 */
export function keyValueElementSpki(element: XmlElement): KeyValueResult | undefined {
  if (element.namespaceURI === DSIG_NS && element.localName === 'KeyValue') {
    const inner = element.children.find((c): c is XmlElement => c.kind === 'element');
    return inner ? keyValueElementSpki(inner) : { error: 'KeyValue holds no key value element' };
  }
  const ns = element.namespaceURI;
  const name = element.localName;
  if (ns === DSIG_NS && name === 'RSAKeyValue') return rsaSpki(element);
  if (ns === DSIG_NS && name === 'DSAKeyValue') return dsaSpki(element);
  if (ns === DSIG11_NS && name === 'ECKeyValue') return ecSpki(element);
  if (ns === RFC4050_NS && name === 'ECDSAKeyValue') return ecdsaKeyValueSpki(element);
  if (ns === DSIG11_NS && name === 'BignKeyValue') return bignSpki(element);
  if (ns === DSIG11_NS && name === 'DEREncodedKeyValue') {
    const bytes = decodeBase64Strict(strictText(element) ?? '!');
    return bytes ? { spki: bytes } : { error: 'DEREncodedKeyValue is not valid base64' };
  }
  return {
    error: `${name} is not a key value corridor reads (RSA, DSA, EC, RFC 4050 ECDSA, bign, DER)`,
  };
}

/** RFC 4050 namespace of ECDSAKeyValue. */
const RFC4050_NS = 'http://www.w3.org/2001/04/xmldsig-more#';

/** DSAKeyValue (XMLDSig §4.4.2.1): P, Q, G, Y as big-endian integers; the SPKI of RFC 3279. */
function dsaSpki(dsa: XmlElement): KeyValueResult {
  const [p, q, g, y] = ['P', 'Q', 'G', 'Y'].map((n) => base64Child(dsa, n, DSIG_NS));
  if (!p || !q || !g || !y) return { error: 'DSAKeyValue needs base64 P, Q, G and Y' };
  const integer = (bytes: Uint8Array) =>
    new asn1js.Integer({ valueHex: bytes[0]! & 0x80 ? Uint8Array.from([0, ...bytes]) : bytes });
  const spki = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.ObjectIdentifier({ value: '1.2.840.10040.4.1' }),
          new asn1js.Sequence({ value: [integer(p), integer(q), integer(g)] }),
        ],
      }),
      new asn1js.BitString({ valueHex: integer(y).toBER(false) }),
    ],
  });
  const der = new Uint8Array(spki.toBER(false));
  try {
    createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });
  } catch (error) {
    return { error: `DSAKeyValue is not a usable key: ${(error as Error).message}` };
  }
  return { spki: der };
}

/**
 * RFC 4050 ECDSAKeyValue: DomainParameters/NamedCurve@URN and PublicKey/X@Value, Y@Value as
 * decimal integers (what older .NET and xmlsec write).
 */
function ecdsaKeyValueSpki(ecdsa: XmlElement): KeyValueResult {
  const domain = dsigChild(ecdsa, 'DomainParameters', RFC4050_NS);
  const named = domain && dsigChild(domain, 'NamedCurve', RFC4050_NS);
  const urn = named && plainAttribute(named, 'URN');
  const curve = urn ? EC_CURVES.get(urn) : undefined;
  if (!curve) return { error: `ECDSAKeyValue curve '${urn ?? '(none)'}' is not supported` };
  const point = dsigChild(ecdsa, 'PublicKey', RFC4050_NS);
  const coordinate = (n: string) => {
    const element = point && dsigChild(point, n, RFC4050_NS);
    const value = element && plainAttribute(element, 'Value');
    if (!value || !/^\d{1,200}$/.test(value)) return undefined;
    const hex = BigInt(value)
      .toString(16)
      .padStart(curve.bytes * 2, '0');
    return hex.length === curve.bytes * 2 ? Buffer.from(hex, 'hex') : undefined;
  };
  const x = coordinate('X');
  const y = coordinate('Y');
  if (!x || !y) return { error: 'ECDSAKeyValue needs decimal X and Y of its curve' };
  return fromJwk({ kty: 'EC', crv: curve.crv, x: base64url(x), y: base64url(y) });
}

function rsaSpki(rsa: XmlElement): KeyValueResult {
  const modulus = base64Child(rsa, 'Modulus', rsa.namespaceURI);
  const exponent = base64Child(rsa, 'Exponent', rsa.namespaceURI);
  if (!modulus || !exponent) return { error: 'RSAKeyValue needs base64 Modulus and Exponent' };
  return fromJwk({ kty: 'RSA', n: base64url(modulus), e: base64url(exponent) });
}

function ecSpki(ec: XmlElement): KeyValueResult {
  const namedCurve = dsigChild(ec, 'NamedCurve', DSIG11_NS);
  const uri = namedCurve && plainAttribute(namedCurve, 'URI');
  const curve = uri ? EC_CURVES.get(uri) : undefined;
  if (!curve) return { error: `ECKeyValue curve '${uri ?? '(none)'}' is not supported` };
  const point = base64Child(ec, 'PublicKey', DSIG11_NS);
  // Uncompressed point: 04 ‖ x ‖ y.
  if (!point || point.length !== 1 + 2 * curve.bytes || point[0] !== 4) {
    return { error: 'ECKeyValue PublicKey is not an uncompressed point of its curve' };
  }
  return fromJwk({
    kty: 'EC',
    crv: curve.crv,
    x: base64url(point.subarray(1, 1 + curve.bytes)),
    y: base64url(point.subarray(1 + curve.bytes)),
  });
}

/** The one curve name a published BignKeyValue uses (STB 34.101.50 example, via bee2j). */
const BIGN_CURVE_URNS = new Map([
  ['http://www.w3.org/2009/xmldsig11#bign-curve256v1', BIGN_CURVE_256_OID],
]);

/**
 * dsig11:BignKeyValue (STB 34.101.50): DomainParameters/NamedCurve@URN and PublicKey, the
 * base64 of x ‖ y little-endian, the same octets as the SPKI BIT STRING.
 */
function bignSpki(bign: XmlElement): KeyValueResult {
  const domain = dsigChild(bign, 'DomainParameters', DSIG11_NS);
  const named = domain && dsigChild(domain, 'NamedCurve', DSIG11_NS);
  const urn = named && plainAttribute(named, 'URN');
  const oid = urn ? BIGN_CURVE_URNS.get(urn) : undefined;
  // The curve's name and size (crypto/curves); the point itself is checked when the key is read.
  const curve = oid ? curveInfo(oid) : undefined;
  if (!oid || !curve) return { error: `BignKeyValue curve '${urn ?? '(none)'}' is not supported` };
  const bytes = curve.bits / 8;
  const point = base64Child(bign, 'PublicKey', DSIG11_NS);
  if (!point || point.length !== 2 * bytes) {
    return { error: `BignKeyValue PublicKey is not ${2 * bytes} octets of ${curve.name}` };
  }
  return { spki: encodeBignSpki({ oid }, point) };
}

function fromJwk(jwk: JsonWebKey): KeyValueResult {
  try {
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    return { spki: new Uint8Array(key.export({ type: 'spki', format: 'der' })) };
  } catch (error) {
    return { error: `KeyValue is not a usable key: ${(error as Error).message}` };
  }
}

function base64Child(
  parent: XmlElement,
  localName: string,
  ns: string | null,
): Uint8Array | undefined {
  const child = dsigChild(parent, localName, ns ?? undefined);
  const text = child && strictText(child);
  return (text !== undefined && decodeBase64Strict(text)) || undefined;
}

/** Text of a value element, or undefined when it holds comments or elements. */
function strictText(element: XmlElement): string | undefined {
  const { text, nonText } = valueText(element);
  return nonText ? undefined : text;
}

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

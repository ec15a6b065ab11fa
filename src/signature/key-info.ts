import { algorithmByUri } from '../algorithms/registry.js';
import type { XmlDocument, XmlElement } from '../xml/dom.js';
import { decodeBase64Strict } from './base64.js';
import { algorithmOf, dsigChild, plainAttribute, valueText } from './dsig-elements.js';
import { DSIG11_NS, DSIG_NS } from './names.js';
import { problem, XMLDSIG_RULES } from './problems.js';
import { resolveReference } from './resolve.js';
import type { SignatureProblem } from './types.js';
import { WSSE_NS, WSSE_X509V3 } from './wss.js';

/**
 * How a KeyInfo names a certificate it does not include (XMLDSig 1.1 §4.5.4): the signer's
 * certificate must then come from elsewhere (`--certs`, the KeyInfo's own certificates).
 */
export type X509Lookup =
  | { kind: 'subject-name'; name: string }
  | { kind: 'issuer-serial'; issuer: string; serial: string }
  | { kind: 'ski'; value: Uint8Array }
  | { kind: 'digest'; digestId: string; value: Uint8Array };

/** What a KeyInfo yields beyond its direct X509Certificate children (read.ts reads those). */
export interface KeyInfoContents {
  /** Certificates reached through RetrievalMethod, KeyInfoReference or a WS-Security token. */
  certificates: Uint8Array[];
  lookups: X509Lookup[];
  /** Key value elements reached through RetrievalMethod (RSAKeyValue, KeyValue…). */
  keyValues: XmlElement[];
  problems: SignatureProblem[];
}

const X509DATA_TYPE = `${DSIG_NS}X509Data`;
const MAX_SERIAL_DIGITS = 64;

/**
 * Reads the KeyInfo's X509Data lookups and follows its same-document pointers:
 * RetrievalMethod (`#id` only: never fetched, never transformed), dsig11:KeyInfoReference, and
 * WS-Security's SecurityTokenReference to a BinarySecurityToken. One level deep: a pointer
 * inside what a pointer reached is not followed again (no loops, no amplification).
 */
export function keyInfoContents(
  doc: XmlDocument,
  keyInfo: XmlElement | undefined,
): KeyInfoContents {
  const out: KeyInfoContents = { certificates: [], lookups: [], keyValues: [], problems: [] };
  if (!keyInfo) return out;
  scan(keyInfo, out);
  for (const child of elements(keyInfo)) {
    if (isNamed(child, 'RetrievalMethod', DSIG_NS)) retrieval(doc, child, out);
    else if (isNamed(child, 'KeyInfoReference', DSIG11_NS)) keyInfoReference(doc, child, out);
    else if (isNamed(child, 'SecurityTokenReference', WSSE_NS)) tokenReference(doc, child, out);
  }
  return out;
}

/** X509Data lookups directly under `container` (a KeyInfo or an X509Data itself). */
function scan(container: XmlElement, out: KeyInfoContents): void {
  const x509 = isNamed(container, 'X509Data', DSIG_NS)
    ? [container]
    : elements(container).filter((e) => isNamed(e, 'X509Data', DSIG_NS));
  for (const data of x509) {
    for (const item of elements(data)) lookup(item, out);
  }
}

function lookup(item: XmlElement, out: KeyInfoContents): void {
  if (isNamed(item, 'X509SubjectName', DSIG_NS)) {
    out.lookups.push({ kind: 'subject-name', name: text(item) });
  } else if (isNamed(item, 'X509IssuerSerial', DSIG_NS)) {
    const issuer = dsigChild(item, 'X509IssuerName');
    const serial = dsigChild(item, 'X509SerialNumber');
    const digits = serial ? text(serial) : '';
    if (!issuer || !/^\d+$/.test(digits) || digits.length > MAX_SERIAL_DIGITS) {
      out.problems.push(
        problem(
          XMLDSIG_RULES.badCertificate,
          'X509IssuerSerial needs an X509IssuerName and a decimal X509SerialNumber',
          item.pos,
        ),
      );
      return;
    }
    out.lookups.push({
      kind: 'issuer-serial',
      issuer: text(issuer),
      serial: BigInt(digits).toString(16),
    });
  } else if (isNamed(item, 'X509SKI', DSIG_NS)) {
    const value = base64(item, 'X509SKI', out);
    if (value) out.lookups.push({ kind: 'ski', value });
  } else if (isNamed(item, 'X509Digest', DSIG11_NS)) {
    const entry = algorithmByUri(algorithmOf(item));
    const value = base64(item, 'X509Digest', out);
    if (!entry || entry.kind !== 'digest' || !entry.verifiable) {
      out.problems.push(
        problem(
          XMLDSIG_RULES.unknownAlgorithm,
          `X509Digest algorithm '${algorithmOf(item) || '(none)'}' cannot be computed here`,
          item.pos,
        ),
      );
    } else if (value) {
      out.lookups.push({ kind: 'digest', digestId: entry.id, value });
    }
  }
}

function retrieval(doc: XmlDocument, element: XmlElement, out: KeyInfoContents): void {
  const uri = plainAttribute(element, 'URI') ?? '';
  // External URIs stay with key selection's "never followed" problem.
  if (!uri.startsWith('#')) return;
  if (dsigChild(element, 'Transforms')) {
    out.problems.push(
      problem(
        XMLDSIG_RULES.unsupportedTransform,
        'RetrievalMethod with Transforms is not followed',
        element.pos,
      ),
    );
    return;
  }
  const target = resolveTarget(doc, uri, element, out);
  if (!target) return;
  const type = plainAttribute(element, 'Type');
  if (isNamed(target, 'X509Data', DSIG_NS)) {
    if (type !== undefined && type !== X509DATA_TYPE) {
      out.problems.push(
        problem(
          XMLDSIG_RULES.badKeyValue,
          `RetrievalMethod Type '${type}' does not match its X509Data target`,
          element.pos,
        ),
      );
      return;
    }
    for (const item of elements(target)) {
      if (isNamed(item, 'X509Certificate', DSIG_NS)) {
        const der = base64(item, 'X509Certificate', out);
        if (der) out.certificates.push(der);
      }
    }
    scan(target, out);
  } else if (type !== undefined && type.startsWith(DSIG_NS) && type !== X509DATA_TYPE) {
    // Type names the key value element reached (RSAKeyValue, DSAKeyValue, …, or KeyValue).
    out.keyValues.push(target);
  } else {
    out.problems.push(
      problem(
        XMLDSIG_RULES.badKeyValue,
        `RetrievalMethod target ${target.localName} (Type '${type ?? '(none)'}') is not a key corridor reads`,
        element.pos,
      ),
    );
  }
}

function keyInfoReference(doc: XmlDocument, element: XmlElement, out: KeyInfoContents): void {
  const uri = plainAttribute(element, 'URI') ?? '';
  if (!uri.startsWith('#')) {
    out.problems.push(
      problem(
        XMLDSIG_RULES.retrievalMethodIgnored,
        `KeyInfoReference URI '${uri}' is outside the document and is never fetched`,
        element.pos,
      ),
    );
    return;
  }
  const target = resolveTarget(doc, uri, element, out);
  if (!target) return;
  if (!isNamed(target, 'KeyInfo', DSIG_NS)) {
    out.problems.push(
      problem(
        XMLDSIG_RULES.badKeyValue,
        `KeyInfoReference must point at a KeyInfo, not ${target.localName}`,
        element.pos,
      ),
    );
    return;
  }
  for (const data of elements(target).filter((e) => isNamed(e, 'X509Data', DSIG_NS))) {
    for (const item of elements(data)) {
      if (isNamed(item, 'X509Certificate', DSIG_NS)) {
        const der = base64(item, 'X509Certificate', out);
        if (der) out.certificates.push(der);
      }
    }
  }
  scan(target, out);
  const value = dsigChild(target, 'KeyValue');
  if (value) out.keyValues.push(value);
  const der = dsigChild(target, 'DEREncodedKeyValue', DSIG11_NS);
  if (der) out.keyValues.push(der);
}

/**
 * wsse:SecurityTokenReference → wsse:Reference URI="#id" → wsse:BinarySecurityToken with
 * ValueType X509v3 (OASIS WSS X.509 Token Profile 1.1 §3.2): the certificate it carries.
 */
function tokenReference(doc: XmlDocument, element: XmlElement, out: KeyInfoContents): void {
  const reference = dsigChild(element, 'Reference', WSSE_NS);
  const uri = reference && plainAttribute(reference, 'URI');
  if (!uri?.startsWith('#')) {
    out.problems.push(
      problem(
        XMLDSIG_RULES.noKey,
        'SecurityTokenReference without a same-document wsse:Reference is not followed',
        element.pos,
      ),
    );
    return;
  }
  const token = resolveTarget(doc, uri, element, out);
  if (!token) return;
  const valueType = plainAttribute(token, 'ValueType');
  if (!isNamed(token, 'BinarySecurityToken', WSSE_NS) || valueType !== WSSE_X509V3) {
    out.problems.push(
      problem(
        XMLDSIG_RULES.badKeyValue,
        `SecurityTokenReference must point at an X509v3 BinarySecurityToken, not ${token.localName} (${valueType ?? 'no ValueType'})`,
        element.pos,
      ),
    );
    return;
  }
  const der = base64(token, 'BinarySecurityToken', out);
  if (der) out.certificates.push(der);
}

function resolveTarget(
  doc: XmlDocument,
  uri: string,
  from: XmlElement,
  out: KeyInfoContents,
): XmlElement | undefined {
  const resolved = resolveReference(doc, uri);
  if (resolved.kind === 'problem') {
    out.problems.push({ ...resolved.problem, pos: from.pos });
    return undefined;
  }
  if (resolved.kind === 'detached') return undefined; // `#id` never resolves to outside content
  return resolved.element;
}

function elements(parent: XmlElement): XmlElement[] {
  return parent.children.filter((c): c is XmlElement => c.kind === 'element');
}

function isNamed(element: XmlElement, localName: string, ns: string): boolean {
  return element.localName === localName && element.namespaceURI === ns;
}

function text(element: XmlElement): string {
  return valueText(element).text.trim();
}

function base64(element: XmlElement, name: string, out: KeyInfoContents): Uint8Array | undefined {
  const { text: value, nonText } = valueText(element);
  const bytes = nonText ? null : decodeBase64Strict(value);
  if (!bytes) {
    out.problems.push(
      problem(
        nonText ? XMLDSIG_RULES.nonTextInValue : XMLDSIG_RULES.badBase64,
        `${name} is not plain base64 text`,
        element.pos,
      ),
    );
    return undefined;
  }
  return bytes;
}

import { algorithmById } from '../algorithms/registry.js';
import { digest } from '../crypto/digests.js';
import { UnsupportedAlgorithmError } from '../crypto/errors.js';
import { schemeFor } from '../crypto/schemes/index.js';
import type { PrivateKey } from '../crypto/types.js';
import { canonicalize } from '../xml/c14n.js';
import type { XmlDocument, XmlElement } from '../xml/dom.js';
import { parseXml } from '../xml/parse.js';
import { encodeBase64Lines } from './base64.js';
import { c14nForId } from './c14n-method.js';
import { dsigChild, dsigChildren, isDsig, plainAttribute } from './dsig-elements.js';
import { DSIG_NS, ENVELOPED_SIGNATURE_URI } from './names.js';
import { referenceOctets } from './reference-octets.js';
import { resolveReference } from './resolve.js';
import { planTransforms } from './transforms.js';
import { XADES_NS, XADES_SIGNED_PROPERTIES_TYPE } from './signing-time.js';

export interface SignOptions {
  /** Registry id of the SignatureMethod, e.g. `rsa-sha256`, `gost2012-256`, `sm2-sm3`. */
  signatureAlgorithm: string;
  /** Registry id of the DigestMethod, e.g. `sha256`, `streebog256`. */
  digestAlgorithm: string;
  /** Registry id of the canonicalization (SignedInfo and the Reference); default `exc-c14n`. */
  canonicalization?: string;
  privateKey: PrivateKey;
  /** DER certificates for KeyInfo/X509Data, leaf first. */
  certificates?: readonly Uint8Array[];
  keyName?: string;
  /** '' (default) signs the whole document; '#id' the element with that ID. */
  referenceUri?: '' | `#${string}`;
  /**
   * The Reference's transforms (registry ids) after the enveloped-signature one, which is added
   * when the signature lies inside what it signs; default the canonicalization alone. SMEV 3:
   * `['exc-c14n', 'smev-transform']`.
   */
  transforms?: readonly string[];
  /**
   * The element the Signature is appended to: the first one in document order with this
   * namespace and local name, empty in the source (a signer's template, such as SMEV 3's
   * CallerInformationSystemSignature). Default: the root, as its last child.
   */
  container?: { namespaceURI: string; localName: string };
  /** Emit this SignatureMethod URI instead of the canonical one (alias / negative fixtures). */
  signatureAlgorithmUri?: string;
  /**
   * Adds XAdES QualifyingProperties carrying this SigningTime (xsd:dateTime text, written as
   * given) in a ds:Object. A second Reference signs its SignedProperties unless `signed` is
   * false, which leaves the time a bare claim (negative samples). `signingCertificate`: DER of
   * the certificate a SigningCertificateV2 names by its SHA-256 digest.
   */
  xadesSigningTime?: { time: string; signed?: boolean; signingCertificate?: Uint8Array };
  /** ML-DSA / SLH-DSA context string, written in the SignatureMethod as xmlsec does. */
  context?: Uint8Array;
}

const SIGNATURE_ID = 'corridor-signature';
const SIGNED_PROPERTIES_ID = 'corridor-signed-properties';

/**
 * Signs a document with an enveloped XMLDSig signature appended as the root's last child
 * (prefix `ds`) and returns the signed XML text. The source text is kept byte for byte; only
 * the Signature element is inserted.
 */
export function signEnveloped(input: XmlDocument | string, options: SignOptions): string {
  const doc = typeof input === 'string' ? parseXml(input) : input;
  const signatureEntry = algorithmById(options.signatureAlgorithm);
  const digestEntry = algorithmById(options.digestAlgorithm);
  const c14nId = options.canonicalization ?? 'exc-c14n';
  const c14nEntry = algorithmById(c14nId);
  const c14n = c14nForId(c14nId);
  const scheme = schemeFor(options.signatureAlgorithm);
  if (signatureEntry?.kind !== 'signature' || !scheme) {
    throw new UnsupportedAlgorithmError(options.signatureAlgorithm);
  }
  if (digestEntry?.kind !== 'digest') throw new UnsupportedAlgorithmError(options.digestAlgorithm);
  if (!c14nEntry || !c14n) throw new UnsupportedAlgorithmError(c14nId);
  const c14nUri = c14nEntry.uris[0] as string;

  const referenceUri = options.referenceUri ?? '';
  const target = resolveReference(doc, referenceUri);
  if (target.kind === 'problem')
    throw new Error(`cannot sign ${referenceUri}: ${target.problem.message}`);
  if (target.kind === 'detached')
    throw new Error(`cannot sign ${referenceUri}: not in the document`);
  const container = containerOf(doc, options.container);
  const enveloped = target.kind === 'document' || contains(target.element, container);
  const transformUris = (options.transforms ?? [c14nId]).map((id) => {
    const entry = algorithmById(id);
    if (entry?.kind !== 'transform' && entry?.kind !== 'canonicalization')
      throw new UnsupportedAlgorithmError(id);
    return entry.uris[0] as string;
  });
  const transforms = [...(enveloped ? [ENVELOPED_SIGNATURE_URI] : []), ...transformUris]
    .map((uri) => `<ds:Transform Algorithm="${escapeXml(uri)}"/>`)
    .join('');
  const digestMethod = `<ds:DigestMethod Algorithm="${escapeXml(digestEntry.uris[0] as string)}"/>`;
  const xades = options.xadesSigningTime;
  const contextElement = signatureEntry.contextElement;
  if (options.context && !contextElement) {
    throw new UnsupportedAlgorithmError(signatureEntry.id, `${signatureEntry.id} takes no context`);
  }
  const methodContent =
    options.context && contextElement
      ? `<ctx:${contextElement.localName} xmlns:ctx="${escapeXml(contextElement.namespace)}">` +
        `${Buffer.from(options.context).toString('base64')}</ctx:${contextElement.localName}>`
      : '';
  const signsProperties = xades !== undefined && xades.signed !== false;
  const signedInfoWith = (digestValue: string, propertiesDigest: string | undefined): string =>
    `<ds:SignedInfo>` +
    `<ds:CanonicalizationMethod Algorithm="${escapeXml(c14nUri)}"/>` +
    `<ds:SignatureMethod Algorithm="${escapeXml(options.signatureAlgorithmUri ?? (signatureEntry.uris[0] as string))}"` +
    (methodContent ? `>${methodContent}</ds:SignatureMethod>` : '/>') +
    `<ds:Reference URI="${escapeXml(referenceUri)}">` +
    `<ds:Transforms>${transforms}</ds:Transforms>` +
    digestMethod +
    `<ds:DigestValue>${digestValue}</ds:DigestValue>` +
    `</ds:Reference>` +
    (propertiesDigest === undefined
      ? ''
      : `<ds:Reference Type="${XADES_SIGNED_PROPERTIES_TYPE}" URI="#${SIGNED_PROPERTIES_ID}">` +
        `<ds:Transforms><ds:Transform Algorithm="${escapeXml(c14nUri)}"/></ds:Transforms>` +
        digestMethod +
        `<ds:DigestValue>${propertiesDigest}</ds:DigestValue>` +
        `</ds:Reference>`) +
    `</ds:SignedInfo>`;
  const keyInfo = keyInfoXml(options);
  const object = xades ? qualifyingPropertiesXml(xades.time, xades.signingCertificate) : '';
  const signatureId = xades ? ` Id="${SIGNATURE_ID}"` : '';
  const headWith = (digestValue: string, propertiesDigest: string | undefined) =>
    `<ds:Signature xmlns:ds="${DSIG_NS}"${signatureId}>${signedInfoWith(digestValue, propertiesDigest)}<ds:SignatureValue>`;
  const tail = `</ds:SignatureValue>${keyInfo}${object}</ds:Signature>`;
  const splice = spliceInto(doc, container);

  // The References are digested in place, by the verifier's own transform chain (transforms.ts,
  // reference-octets.ts): what is signed is exactly what a verifier will digest — the SMEV
  // transform included — with one implementation of each transform.
  const draft = parseXml(splice(headWith('', signsProperties ? '' : undefined) + tail));
  const draftSignature = placedSignature(draft, options.container);
  const references = dsigChildren(
    dsigChild(draftSignature, 'SignedInfo') as XmlElement,
    'Reference',
  );
  const digestOf = (reference: XmlElement | undefined) =>
    Buffer.from(digest(digestEntry.id, inPlaceOctets(draft, draftSignature, reference))).toString(
      'base64',
    );
  const head = headWith(
    digestOf(references[0]),
    signsProperties ? digestOf(references[1]) : undefined,
  );

  // SignedInfo is canonicalized in its final place: inclusive C14N pulls in the namespaces
  // in scope there, so it cannot be canonicalized on its own.
  const placed = parseXml(splice(head + tail));
  const placedSignedInfo = dsigChild(placedSignature(placed, options.container), 'SignedInfo');
  if (!placedSignedInfo) throw new Error('internal: the inserted signature was not found');
  const signedOctets = canonicalize(placedSignedInfo, {
    method: c14n.method,
    withComments: c14n.withComments,
  });
  const value = scheme.sign(
    signatureEntry.id,
    options.privateKey,
    signedOctets,
    'xmldsig',
    options.context ? { context: options.context } : {},
  );
  return splice(head + encodeBase64Lines(value) + tail);
}

function qualifyingPropertiesXml(time: string, certificate?: Uint8Array): string {
  const signingCertificate = certificate
    ? `<xades:SigningCertificateV2><xades:Cert><xades:CertDigest>` +
      `<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>` +
      `<ds:DigestValue>${Buffer.from(digest('sha256', certificate)).toString('base64')}</ds:DigestValue>` +
      `</xades:CertDigest></xades:Cert></xades:SigningCertificateV2>`
    : '';
  return (
    `<ds:Object><xades:QualifyingProperties xmlns:xades="${XADES_NS}" Target="#${SIGNATURE_ID}">` +
    `<xades:SignedProperties Id="${SIGNED_PROPERTIES_ID}"><xades:SignedSignatureProperties>` +
    `<xades:SigningTime>${escapeXml(time)}</xades:SigningTime>${signingCertificate}` +
    `</xades:SignedSignatureProperties></xades:SignedProperties>` +
    `</xades:QualifyingProperties></ds:Object>`
  );
}

function keyInfoXml(options: SignOptions): string {
  const parts: string[] = [];
  if (options.keyName !== undefined)
    parts.push(`<ds:KeyName>${escapeXml(options.keyName)}</ds:KeyName>`);
  if (options.certificates && options.certificates.length > 0) {
    const certificates = options.certificates
      .map((der) => `<ds:X509Certificate>${encodeBase64Lines(der)}</ds:X509Certificate>`)
      .join('');
    parts.push(`<ds:X509Data>${certificates}</ds:X509Data>`);
  }
  return parts.length > 0 ? `<ds:KeyInfo>${parts.join('')}</ds:KeyInfo>` : '';
}

/** The container element the options name (the root by default). */
function containerOf(doc: XmlDocument, name: SignOptions['container']): XmlElement {
  if (!name) return doc.root;
  const stack: XmlElement[] = [doc.root];
  while (stack.length > 0) {
    const element = stack.pop() as XmlElement;
    if (element.namespaceURI === name.namespaceURI && element.localName === name.localName)
      return element;
    for (let i = element.children.length - 1; i >= 0; i--) {
      const child = element.children[i];
      if (child?.kind === 'element') stack.push(child);
    }
  }
  throw new Error(
    `cannot sign: no {${name.namespaceURI}}${name.localName} element to hold the signature`,
  );
}

function contains(ancestor: XmlElement, element: XmlElement): boolean {
  for (let at: XmlElement | null = element; at; at = at.parent) if (at === ancestor) return true;
  return false;
}

/** The signature just inserted: the container's last child element. */
function placedSignature(doc: XmlDocument, name: SignOptions['container']): XmlElement {
  const container = containerOf(doc, name);
  const elements = container.children.filter((c): c is XmlElement => c.kind === 'element');
  const last = elements[elements.length - 1];
  if (!last || !isDsig(last, 'Signature'))
    throw new Error('internal: the inserted signature was not found');
  return last;
}

/** The octets a verifier digests for this Reference of the placed signature. */
function inPlaceOctets(
  doc: XmlDocument,
  signature: XmlElement,
  reference: XmlElement | undefined,
): Uint8Array {
  if (!reference) throw new Error('internal: the inserted Reference was not found');
  const target = resolveReference(doc, plainAttribute(reference, 'URI') ?? null);
  if (target.kind === 'problem' || target.kind === 'detached')
    throw new Error(`internal: the inserted Reference does not resolve (${target.kind})`);
  const plan = planTransforms(reference, signature);
  if ('ruleId' in plan) throw new Error(`cannot sign: ${plan.message}`);
  return referenceOctets(
    { kind: 'nodes', doc, target: target.kind === 'document' ? doc : target.element },
    plan,
  );
}

/**
 * A function that inserts markup as the container's last child in the original source text:
 * the root (before its end tag), or an element that is empty in the source.
 */
function spliceInto(doc: XmlDocument, container: XmlElement): (markup: string) => string {
  const source = doc.source;
  if (container !== doc.root) {
    if (container.children.some((c) => c.kind !== 'text' || c.value.trim() !== ''))
      throw new Error(`cannot sign: ${container.name} must be empty to hold the signature`);
    const startEnd = startTagEnd(source, container.pos.offset);
    if (source[startEnd - 1] === '/') {
      return (markup) =>
        source.slice(0, startEnd - 1) +
        `>${markup}</${container.name}>` +
        source.slice(startEnd + 1);
    }
    const endTag = source.indexOf(`</${container.name}`, startEnd);
    return (markup) => source.slice(0, endTag) + markup + source.slice(endTag);
  }
  const bound = doc.epilog[0]?.pos.offset ?? source.length;
  const endTag = source.lastIndexOf(`</${doc.root.name}`, bound);
  if (endTag > doc.root.pos.offset) {
    return (markup) => source.slice(0, endTag) + markup + source.slice(endTag);
  }
  // Self-closing root `<a/>`: open it.
  const close = source.lastIndexOf('/>', bound);
  if (close < doc.root.pos.offset || doc.root.children.length > 0) {
    throw new Error('internal: cannot locate the end of the root element');
  }
  return (markup) =>
    source.slice(0, close) + `>${markup}</${doc.root.name}>` + source.slice(close + 2);
}

/** Offset of the `>` closing the start tag that begins at `offset` (quoted values skipped). */
function startTagEnd(source: string, offset: number): number {
  let quote = '';
  for (let i = offset; i < source.length; i++) {
    const c = source[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
  }
  throw new Error('internal: unterminated start tag');
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

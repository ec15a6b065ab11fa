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
import { dsigChild, isDsig, signatureElements } from './dsig-elements.js';
import { DSIG_NS, ENVELOPED_SIGNATURE_URI } from './names.js';
import { resolveReference } from './resolve.js';
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
  /** Emit this SignatureMethod URI instead of the canonical one (alias / negative fixtures). */
  signatureAlgorithmUri?: string;
  /**
   * Adds XAdES QualifyingProperties carrying this SigningTime (xsd:dateTime text, written as
   * given) in a ds:Object. A second Reference signs its SignedProperties unless `signed` is
   * false, which leaves the time a bare claim (negative samples). `signingCertificate`: DER of
   * the certificate a SigningCertificateV2 names by its SHA-256 digest.
   */
  xadesSigningTime?: { time: string; signed?: boolean; signingCertificate?: Uint8Array };
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

  // What is signed, canonicalized exactly as the verifier will see it (signature excluded).
  const referenceUri = options.referenceUri ?? '';
  const target = resolveReference(doc, referenceUri);
  if (target.kind === 'problem')
    throw new Error(`cannot sign ${referenceUri}: ${target.problem.message}`);
  if (target.kind === 'detached')
    throw new Error(`cannot sign ${referenceUri}: not in the document`);
  const enveloped = target.kind === 'document' || target.element === doc.root;
  const referenced = canonicalize(target.kind === 'document' ? doc : target.element, {
    method: c14n.method,
    withComments: false,
  });
  const digestValue = Buffer.from(digest(digestEntry.id, referenced)).toString('base64');

  const transforms = [...(enveloped ? [ENVELOPED_SIGNATURE_URI] : []), c14nUri]
    .map((uri) => `<ds:Transform Algorithm="${escapeXml(uri)}"/>`)
    .join('');
  const digestMethod = `<ds:DigestMethod Algorithm="${escapeXml(digestEntry.uris[0] as string)}"/>`;
  const xades = options.xadesSigningTime;
  // The SignedProperties digest is taken in place, like SignedInfo, once the markup is placed.
  const signedInfoWith = (propertiesDigest: string | undefined): string =>
    `<ds:SignedInfo>` +
    `<ds:CanonicalizationMethod Algorithm="${escapeXml(c14nUri)}"/>` +
    `<ds:SignatureMethod Algorithm="${escapeXml(options.signatureAlgorithmUri ?? (signatureEntry.uris[0] as string))}"/>` +
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
  const headWith = (propertiesDigest: string | undefined) =>
    `<ds:Signature xmlns:ds="${DSIG_NS}"${signatureId}>${signedInfoWith(propertiesDigest)}<ds:SignatureValue>`;
  const tail = `</ds:SignatureValue>${keyInfo}${object}</ds:Signature>`;
  const splice = spliceIntoRoot(doc);

  let propertiesDigest: string | undefined;
  if (xades && xades.signed !== false) {
    const draft = parseXml(splice(headWith('') + tail));
    const properties = resolveReference(draft, `#${SIGNED_PROPERTIES_ID}`);
    if (properties.kind !== 'element')
      throw new Error(`cannot sign the XAdES SignedProperties: ${properties.kind}`);
    const octets = canonicalize(properties.element, { method: c14n.method, withComments: false });
    propertiesDigest = Buffer.from(digest(digestEntry.id, octets)).toString('base64');
  }
  const head = headWith(propertiesDigest);

  // SignedInfo is canonicalized in its final place: inclusive C14N pulls in the namespaces
  // in scope there, so it cannot be canonicalized on its own.
  const placed = parseXml(splice(head + tail));
  const placedSignature = signatureElements(placed.root).find(
    (el) => el.parent === placed.root && isLastElementChild(el),
  );
  const placedSignedInfo = placedSignature && dsigChild(placedSignature, 'SignedInfo');
  if (!placedSignedInfo) throw new Error('internal: the inserted signature was not found');
  const signedOctets = canonicalize(placedSignedInfo, {
    method: c14n.method,
    withComments: c14n.withComments,
  });
  const value = scheme.sign(signatureEntry.id, options.privateKey, signedOctets, 'xmldsig');
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

/** A function that inserts markup as the root's last child in the original source text. */
function spliceIntoRoot(doc: XmlDocument): (markup: string) => string {
  const source = doc.source;
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

function isLastElementChild(element: XmlElement): boolean {
  const siblings = element.parent?.children.filter((c) => c.kind === 'element') ?? [];
  return siblings[siblings.length - 1] === element && isDsig(element, 'Signature');
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

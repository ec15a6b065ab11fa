import { signatureParts } from './element-locations.js';
import type { XmlDocument, XmlElement } from '../xml/dom.js';
import { detached } from '../xml/detach.js';
import { MemoKey, recall, remember } from '../xml/memo.js';
import { elementPath } from '../xml/path.js';
import { decodeBase64Strict } from './base64.js';
import {
  algorithmOf,
  dsigChild,
  dsigChildren,
  isAncestorOrSelf,
  plainAttribute,
  scanDocument,
  valueText,
} from './dsig-elements.js';
import { EXC_C14N_NS } from './names.js';
import { problem, XMLDSIG_RULES } from './problems.js';
import { resolveReference } from './resolve.js';
import { readXadesSigningTime } from './signing-time.js';
import type { KeyInfoSummary, ReferenceInfo, SignatureInfo, SignatureProblem } from './types.js';

// The reader's SignatureInfo → its element, so the verifier need not search for it again.
// (On the info itself, not in a WeakMap: see xml/memo.ts.)
const ELEMENT = new MemoKey<XmlElement>('signature-element');

/**
 * Reads every ds:Signature of a parsed document: algorithms, references, KeyInfo and
 * placement as written, plus structural problems. Nothing here is trusted or verified.
 */
export function readSignatures(doc: XmlDocument): SignatureInfo[] {
  return scanDocument(doc).signatures.map((element) => {
    const info = readSignature(doc, element);
    remember(info, ELEMENT, element);
    return info;
  });
}

/** The ds:Signature element an info was read from (by identity, else by source offset). */
export function signatureElementOf(doc: XmlDocument, info: SignatureInfo): XmlElement | undefined {
  return (
    recall(info, ELEMENT) ??
    scanDocument(doc).signatures.find((el) => el.pos.offset === info.pos.offset)
  );
}

function readSignature(doc: XmlDocument, signature: XmlElement): SignatureInfo {
  const problems: SignatureProblem[] = [];
  const missing = (what: string, where: XmlElement): void => {
    problems.push(problem(XMLDSIG_RULES.missingElement, `missing ${what}`, where.pos));
  };

  const signedInfos = dsigChildren(signature, 'SignedInfo');
  if (signedInfos.length > 1) {
    problems.push(
      problem(
        XMLDSIG_RULES.multipleSignedInfo,
        `${signedInfos.length} SignedInfo elements in one Signature: refused (CVE-2025-29774)`,
        signedInfos[1]?.pos,
      ),
    );
  }
  const signedInfo = signedInfos[0];
  if (!signedInfo) missing('SignedInfo', signature);

  const c14nElement = signedInfo && dsigChild(signedInfo, 'CanonicalizationMethod');
  const methodElement = signedInfo && dsigChild(signedInfo, 'SignatureMethod');
  if (signedInfo && !algorithmOf(c14nElement))
    missing('CanonicalizationMethod/@Algorithm', signedInfo);
  if (signedInfo && !algorithmOf(methodElement)) missing('SignatureMethod/@Algorithm', signedInfo);

  const referenceElements = signedInfo ? dsigChildren(signedInfo, 'Reference') : [];
  if (signedInfo && referenceElements.length === 0) missing('Reference', signedInfo);
  const references = referenceElements.map((el) => readReference(el, problems, missing));

  const signatureValues = dsigChildren(signature, 'SignatureValue');
  if (signatureValues.length > 1) {
    problems.push(
      problem(
        XMLDSIG_RULES.unexpectedElement,
        `${signatureValues.length} SignatureValue elements in one Signature`,
        signatureValues[1]?.pos,
      ),
    );
  }
  const signatureValueElement = signatureValues[0];
  if (!signatureValueElement) missing('SignatureValue', signature);
  const signatureValue =
    signatureValueElement && decodeValue(signatureValueElement, 'SignatureValue', problems);

  const keyInfos = dsigChildren(signature, 'KeyInfo');
  if (keyInfos.length > 1) {
    problems.push(
      problem(XMLDSIG_RULES.unexpectedElement, 'more than one KeyInfo', keyInfos[1]?.pos),
    );
  }
  const keyInfo = readKeyInfo(keyInfos[0], problems);

  // One walk to the root (it scans the siblings of every ancestor) for the path and its parts.
  const path = elementPath(signature);
  const info: SignatureInfo = {
    format: 'xmldsig',
    path,
    pos: signature.pos,
    signatureMethod: detached(algorithmOf(methodElement)),
    canonicalizationMethod: detached(algorithmOf(c14nElement)),
    references,
    keyInfo,
    placement: 'detached',
    problems,
    elements: signatureParts(signature, path),
  };
  const prefixes = c14nElement && inclusivePrefixes(c14nElement);
  if (prefixes) info.canonicalizationPrefixes = prefixes;
  if (signatureValue) info.signatureValue = signatureValue;
  placeSignature(doc, signature, info);
  const signingTime = readXadesSigningTime(doc, signature, references, problems);
  if (signingTime) info.signingTime = signingTime;
  return info;
}

/** One ds:Reference as written (SignedInfo's or a Manifest's); reading problems go to `problems`. */
export function readReference(
  reference: XmlElement,
  problems: SignatureProblem[],
  missing: (what: string, where: XmlElement) => void,
): ReferenceInfo {
  const transforms: string[] = [];
  const xpathExpressions: string[] = [];
  let prefixes: string[] | undefined;
  const transformsElement = dsigChild(reference, 'Transforms');
  for (const transform of transformsElement ? dsigChildren(transformsElement, 'Transform') : []) {
    transforms.push(detached(algorithmOf(transform)));
    for (const xpath of dsigChildren(transform, 'XPath')) {
      xpathExpressions.push(valueText(xpath).text);
    }
    prefixes ??= inclusivePrefixes(transform);
  }
  const digestMethod = detached(algorithmOf(dsigChild(reference, 'DigestMethod')));
  if (!digestMethod) missing('DigestMethod/@Algorithm', reference);
  const digestValueElement = dsigChild(reference, 'DigestValue');
  if (!digestValueElement) missing('DigestValue', reference);
  const digestValue =
    digestValueElement && decodeValue(digestValueElement, 'DigestValue', problems);

  const info: ReferenceInfo = {
    uri: plainAttribute(reference, 'URI') ?? null,
    digestMethod,
    transforms,
    xpathExpressions,
    pos: reference.pos,
  };
  if (prefixes) info.inclusiveNamespacePrefixes = prefixes;
  if (digestValue) info.digestValue = digestValue;
  const type = plainAttribute(reference, 'Type');
  if (type !== undefined) info.type = type;
  return info;
}

/** `<ec:InclusiveNamespaces PrefixList="a b #default">` under a C14N method or transform. */
function inclusivePrefixes(method: XmlElement): string[] | undefined {
  const element = dsigChild(method, 'InclusiveNamespaces', EXC_C14N_NS);
  const list = element && plainAttribute(element, 'PrefixList');
  if (list === undefined) return undefined;
  return list.split(/[ \t\r\n]+/).filter((p) => p.length > 0);
}

/**
 * Decoded X509Certificate values by their exact text (null: not strict base64). The same CA and
 * signer certificates come with every document of a batch; each document gets its own copy.
 */
const certificateTexts = new Map<string, Uint8Array | null>();
const MAX_CERTIFICATE_TEXTS = 256;

function decodeCertificateText(text: string): Uint8Array | null {
  let bytes = certificateTexts.get(text);
  if (bytes === undefined) {
    bytes = decodeBase64Strict(text);
    if (certificateTexts.size >= MAX_CERTIFICATE_TEXTS) certificateTexts.clear();
    // The key is kept: detached, so it does not hold this document's whole text alive.
    certificateTexts.set(detached(text), bytes);
  }
  return bytes && bytes.slice();
}

/** Strictly decodes a base64 value element, reporting non-text content and bad base64. */
function decodeValue(
  element: XmlElement,
  name: string,
  problems: SignatureProblem[],
  decode: (text: string) => Uint8Array | null = decodeBase64Strict,
): Uint8Array | undefined {
  const { text, nonText } = valueText(element);
  if (nonText) {
    problems.push(
      problem(
        XMLDSIG_RULES.nonTextInValue,
        `${name} contains a comment, element or processing instruction: refused (CVE-2025-29775)`,
        element.pos,
      ),
    );
    return undefined;
  }
  const bytes = decode(text);
  if (!bytes) {
    problems.push(problem(XMLDSIG_RULES.badBase64, `${name} is not valid base64`, element.pos));
    return undefined;
  }
  return bytes;
}

function readKeyInfo(
  keyInfo: XmlElement | undefined,
  problems: SignatureProblem[],
): KeyInfoSummary {
  const summary: KeyInfoSummary = {
    keyNames: [],
    certificates: [],
    hasKeyValue: false,
    hasRetrievalMethod: false,
    other: [],
  };
  if (!keyInfo) return summary;
  for (const child of keyInfo.children) {
    if (child.kind !== 'element') continue;
    const known = child.namespaceURI === keyInfo.namespaceURI;
    if (known && child.localName === 'KeyName') {
      summary.keyNames.push(valueText(child).text.trim());
    } else if (known && child.localName === 'KeyValue') {
      summary.hasKeyValue = true;
    } else if (known && child.localName === 'RetrievalMethod') {
      // Same-document pointers (`#id`) are followed (key-info.ts); others never are.
      if (!(plainAttribute(child, 'URI') ?? '').startsWith('#')) summary.hasRetrievalMethod = true;
    } else if (known && child.localName === 'X509Data') {
      for (const item of child.children) {
        if (item.kind !== 'element') continue;
        if (item.namespaceURI === keyInfo.namespaceURI && item.localName === 'X509Certificate') {
          const der = decodeValue(item, 'X509Certificate', problems, decodeCertificateText);
          if (der) summary.certificates.push(der);
        } else {
          summary.other.push(item.localName);
        }
      }
    } else {
      summary.other.push(child.localName);
    }
  }
  return summary;
}

/**
 * Placement and what each Reference signs. Enveloped: a referenced element contains the
 * signature; enveloping: a referenced element is inside it (ds:Object); else detached.
 */
function placeSignature(doc: XmlDocument, signature: XmlElement, info: SignatureInfo): void {
  const signedPaths: string[] = [];
  let enveloped = false;
  let enveloping = false;
  for (const reference of info.references) {
    const resolution = resolveReference(doc, reference.uri);
    if (resolution.kind === 'problem' || resolution.kind === 'detached') continue;
    signedPaths.push(elementPath(resolution.element));
    if (isAncestorOrSelf(resolution.element, signature)) enveloped = true;
    else if (isAncestorOrSelf(signature, resolution.element)) enveloping = true;
  }
  info.placement = enveloped ? 'enveloped' : enveloping ? 'enveloping' : 'detached';
  info.signedPaths = signedPaths;
}

import type { SignatureElements } from './element-locations.js';
import type { XmlPosition } from '../xml/dom.js';
import type { KeyFamily } from '../crypto/types.js';

export type SignatureFormat = 'xmldsig' | 'jws';

/** What a Reference inside SignedInfo says, as written. */
export interface ReferenceInfo {
  /** The URI attribute as written: '' (whole document), '#id', or anything else (external). */
  uri: string | null;
  digestMethod: string;
  /** Transform algorithm URIs in order. */
  transforms: string[];
  /** XPath expressions of XPath transforms, in order of occurrence. */
  xpathExpressions: string[];
  /** `InclusiveNamespaces PrefixList` of an exclusive-C14N transform, if any. */
  inclusiveNamespacePrefixes?: string[];
  /** Decoded DigestValue; absent when missing or not strict base64 (see problems). */
  digestValue?: Uint8Array;
  /** The Type attribute (e.g. XAdES `http://uri.etsi.org/01903#SignedProperties`), if any. */
  type?: string;
  pos: XmlPosition;
}

/**
 * When the signer says the signature was made, and whether the signature vouches for it. Only a
 * signed time from a signature that verifies may move a judgement off the evaluation date.
 */
export interface SigningTime {
  /** Where it was read: XAdES `SigningTime` (XMLDSig) or the JAdES `sigT` header (JWS). */
  source: 'xades' | 'jws-sigT';
  /** As written (clipped to 64 characters: it is quoted in findings). */
  text: string;
  /** The instant in UTC (ISO 8601, `Z`); absent when `text` is not a date-time with a zone. */
  utc?: string;
  /**
   * true: covered by the signature (a Reference digests the XAdES SignedProperties; a JWS
   * protected header is always signed). false: a claim lying next to the signature.
   */
  signed: boolean;
  pos?: XmlPosition;
}

/** What KeyInfo contains, without trusting any of it. */
export interface KeyInfoSummary {
  keyNames: string[];
  /** DER of every X509Certificate, in document order. */
  certificates: Uint8Array[];
  hasKeyValue: boolean;
  /** A RetrievalMethod pointing outside the document (never followed; `#id` ones are). */
  hasRetrievalMethod: boolean;
  /** Other child element names (e.g. X509IssuerSerial alone). */
  other: string[];
}

/**
 * Signature metadata read from one ds:Signature element: enough for the policy rules, which
 * never need the cryptography. Produced once per document.
 */
export interface SignatureInfo {
  /**
   * Signature syntax: XMLDSig (`ds:Signature`) or JWS (a JSON document's JWS/CT `signature`
   * member). Canonicalization, transforms and References are XMLDSig notions; a JWS signature
   * carries its digest inside the algorithm name and is canonicalized with JCS (RFC 8785).
   */
  format: SignatureFormat;
  /** XPath-like location of the ds:Signature element (a JSON pointer for JWS). */
  path: string;
  pos: XmlPosition;
  signatureMethod: string;
  canonicalizationMethod: string;
  references: ReferenceInfo[];
  keyInfo: KeyInfoSummary;
  /** enveloped: inside the signed element; enveloping: signs an ds:Object inside itself; detached: other. */
  placement: 'enveloped' | 'enveloping' | 'detached';
  /** Structural problems found while reading (duplicate SignedInfo, junk in SignatureValue…). */
  problems: SignatureProblem[];
  /** `InclusiveNamespaces PrefixList` of an exclusive CanonicalizationMethod, if any. */
  canonicalizationPrefixes?: string[];
  /** Decoded SignatureValue; absent when missing or not strict base64. */
  signatureValue?: Uint8Array;
  /** Paths of the same-document elements the resolvable References sign, in Reference order. */
  signedPaths?: string[];
  /** The signing time the signature carries, if any (see SigningTime for when it counts). */
  signingTime?: SigningTime;
  /** Where its parts are (XMLDSig), so findings point at the element they are about. */
  elements?: SignatureElements;
}

export interface SignatureProblem {
  ruleId: string;
  message: string;
  pos?: XmlPosition;
}

export interface SignerSummary {
  subject?: string;
  issuer?: string;
  serialNumber?: string;
  keyAlgorithm: KeyFamily;
  keyBits: number;
  curve?: string;
  curveOid?: string;
  notBefore?: string;
  notAfter?: string;
}

/** Cryptographic outcome for one signature: computed once per document. */
export interface SignatureVerification {
  /** true: verified; false: does not verify; null: recognised, cannot be verified here. */
  valid: boolean | null;
  signatureMethod: string;
  digestMethods: string[];
  canonicalization: string;
  keySource: 'x509' | 'key-file' | 'key-value' | 'none';
  signer?: SignerSummary;
  /** DER certificates found with the signature (leaf first when known), for per-receiver trust. */
  certificateChain: Uint8Array[];
  problems: SignatureProblem[];
  /** Per-Reference outcome, in SignedInfo order (what each one signed and whether it matched). */
  references?: ReferenceVerification[];
  /** What the signature covers (XMLDSig: from its References; JWS/CT: always the document). */
  scope?: SignedScope;
  /**
   * The References of each ds:Manifest a valid-digest Reference signs, checked one by one. As in
   * XMLDSig core (§5.1) and DSS they do not change `valid`: the application decides what a
   * failed manifest reference means.
   */
  manifests?: ManifestVerification[];
}

export interface ManifestVerification {
  /** Path of the ds:Manifest element. */
  path: string;
  references: ReferenceVerification[];
}

/**
 * What one Reference signs: the whole document (URI="" or the root by ID), an element by ID,
 * content inside this signature's own ds:Object, or detached bytes the user supplied.
 */
export type ReferenceScope = 'document' | 'element' | 'object' | 'detached';

/**
 * What a signature covers, as signxml and DSS report it. `kind` is the widest of its
 * References' scopes: document, else elements, else objects, else detached; none when no
 * Reference resolved. A valid signature vouches only for what lies inside its scope.
 */
export interface SignedScope {
  kind: 'document' | 'elements' | 'objects' | 'detached' | 'none';
  /** Paths of the signed elements (elements and objects; the root for document), in Reference order. */
  paths: string[];
  /** URIs of detached content, in Reference order. */
  uris: string[];
}

export interface ReferenceVerification {
  uri: string | null;
  /** Path of the element signed ('/' plus root path for URI=""); absent when unresolved. */
  signedPath?: string;
  /** true: digest matches; false: differs; null: could not be computed. */
  digestValid: boolean | null;
  /** What it signs; absent when unresolved. */
  scope?: ReferenceScope;
  /**
   * When an XPath or XPath Filter 2.0 transform leaves out part of what the URI names: the
   * paths of the elements it keeps whole, which are all the Reference signs (scope `element`).
   */
  selectedPaths?: string[];
}

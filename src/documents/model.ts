import type { XmlDocument, XmlPosition } from '../xml/dom.js';
import type { SignatureInfo } from '../signature/types.js';
import type { DocumentProblemId } from '../rule-ids.js';

/**
 * The model kinds profiles speak (`documents.<kind>`). A transit declaration (e.g. NCTS CC015C)
 * and an e-commerce declaration (e.g. China Customs' CEB311 order) are not goods declarations:
 * they carry other data (no invoice values in transit, no commodity code on an e-commerce
 * order line), so profiles give them their own accepted flag and rules.
 */
export type DocumentType =
  'customs-declaration' | 'transit-declaration' | 'e-commerce-declaration' | 'licence';
export const DOCUMENT_TYPES: readonly DocumentType[] = [
  'customs-declaration',
  'transit-declaration',
  'e-commerce-declaration',
  'licence',
];

/**
 * The normalized document: plain JSON (objects, arrays, strings) so profile constraints can be
 * JSON Schemas over it. XML and JSON inputs produce the same shape. Leaf values are strings
 * exactly as written (amounts keep their decimal form, so formats can be checked).
 */
export type ModelValue = string | ModelObject | ModelValue[];
export interface ModelObject {
  [key: string]: ModelValue;
}

/** XML Encryption found in the document: what a receiver must be able to decrypt. */
export interface EncryptionInfo {
  path: string;
  pos?: XmlPosition;
  dataAlgorithm: string | null;
  keyTransport: string[];
  /**
   * It really replaced document content (a field's whole content, or an element next to plain
   * fields) and carries an algorithm and a cipher: only such an EncryptedData counts as
   * encryption. False for empty dummies, ones beside plain text, and ones inside ds:Signature.
   */
  replacesContent?: boolean;
}

export interface SourceLocation {
  /** XPath-like element path (XML) or JSON pointer (JSON). */
  path: string;
  pos?: XmlPosition;
}

export interface DocumentProblem {
  /** A stable id of DOCUMENT_PROBLEMS (rule-ids.ts): the finding's message id. */
  ruleId: DocumentProblemId;
  /** Below the rule's default (e.g. a schema that is not shipped is info). */
  severity?: 'error' | 'warning' | 'info';
  message: string;
  location?: SourceLocation;
  hint?: string;
}

/** Which definition (doctypes/*.json) read the document, and through which envelopes. */
export interface DocumentFormat {
  /** Definition id, e.g. `ru-fts-esadout-cu`. */
  id: string;
  title: string;
  /** The version the document states (namespace or attribute), when the definition reads one. */
  version?: string;
  /** Envelopes opened to reach the business document, outermost first. */
  envelopes: Array<{ id: string; path: string }>;
  /**
   * Element path of the business document (the root unless enveloped). Which signatures cover
   * it is decided from their verified scope, not at read time (rules/signed-coverage.ts).
   */
  path: string;
}

export interface ParsedDocument {
  /** The path as the user gave it (used in findings). */
  file: string;
  format: 'xml' | 'json';
  /** Undefined when the document could not be read or its type is unknown. */
  type?: DocumentType;
  /** The definition that recognised the document (absent when unknown or unreadable). */
  documentFormat?: DocumentFormat;
  /**
   * Element path of the business document: the payload its envelopes carry (SOAP, SMEV 3),
   * else the root; set even when the payload's type is unknown (rules/signed-coverage.ts).
   */
  businessDocumentPath?: string;
  /** Schema validation problems (document/schema-valid), found once per document. */
  schemaProblems?: DocumentProblem[];
  model: ModelObject;
  /** ISO 3166 code from the document's issuing-country field: the sender. */
  issuingCountry?: string;
  xml?: XmlDocument;
  /** The parsed JSON value (JSON documents), kept so the JWS verifier does not parse again. */
  json?: unknown;
  signatures: SignatureInfo[];
  /** How many signatures (ds:Signature elements, or a JWS/CT member) the document has (`signatures` keeps the first ones only). */
  signatureCount?: number;
  encryption: EncryptionInfo[];
  /** Model pointers whose content is encrypted (XML Encryption Type #Content): not checkable. */
  encryptedPointers: string[];
  /**
   * Model pointers of objects one of whose children was replaced by an EncryptedData of type
   * #Element: a child missing there may be the encrypted one.
   */
  encryptedElementParents?: string[];
  /** ds:Signature elements found inside business fields (rule signature/placement). */
  misplacedSignatures?: SourceLocation[];
  /** Document content inside a ds:Object no Reference signs (rule signature/placement). */
  unsignedObjectContent?: SourceLocation[];
  /** Problems found while reading (not well-formed, unknown type…). */
  problems: DocumentProblem[];
  /** Where a JSON pointer into the model came from in the original document. */
  locate(pointer: string): SourceLocation;
}

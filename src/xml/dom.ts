/**
 * The in-memory XML tree every part of corridor shares: the document reader, reference
 * resolution, canonicalization and signature checking all read the one tree made by
 * `parseXml`, so a document is parsed exactly once.
 *
 * Text and attribute values are stored decoded (entity and character references
 * resolved, attribute whitespace normalised as XML 1.0 §3.3.3 requires), which is what
 * canonicalization needs. Positions are 1-based line/column of the node's first character.
 */

export interface XmlPosition {
  line: number;
  column: number;
  /** 0-based UTF-16 offset into the source string. */
  offset: number;
}

export interface XmlNamespaceDeclaration {
  /** '' for the default namespace (`xmlns="…"`). */
  prefix: string;
  /** '' un-declares the default namespace (`xmlns=""`). */
  uri: string;
}

export interface XmlAttribute {
  /** Qualified name as written, e.g. `xml:lang` or `Id`. */
  name: string;
  prefix: string | null;
  localName: string;
  /** null for unprefixed attributes (they are in no namespace). */
  namespaceURI: string | null;
  value: string;
  pos: XmlPosition;
}

export interface XmlElement {
  kind: 'element';
  /** Qualified name as written, e.g. `ds:Signature`. */
  name: string;
  prefix: string | null;
  localName: string;
  namespaceURI: string | null;
  /**
   * Namespace declarations made on this element, in document order. Read-only, like the two
   * arrays below: the parser gives every element without any the same shared empty array.
   */
  namespaces: readonly XmlNamespaceDeclaration[];
  /** Attributes other than namespace declarations, in document order. */
  attributes: readonly XmlAttribute[];
  children: readonly XmlNode[];
  parent: XmlElement | null;
  pos: XmlPosition;
}

export interface XmlText {
  kind: 'text';
  value: string;
  /** True when the text came from a CDATA section (canonical form does not keep it). */
  cdata: boolean;
  parent: XmlElement | null;
  pos: XmlPosition;
}

export interface XmlComment {
  kind: 'comment';
  value: string;
  parent: XmlElement | null;
  pos: XmlPosition;
}

export interface XmlProcessingInstruction {
  kind: 'pi';
  target: string;
  data: string;
  parent: XmlElement | null;
  pos: XmlPosition;
}

export type XmlNode = XmlElement | XmlText | XmlComment | XmlProcessingInstruction;

export interface XmlDocument {
  root: XmlElement;
  /** Comments and processing instructions before the root (not the XML declaration). */
  prolog: Array<XmlComment | XmlProcessingInstruction>;
  /** Comments and processing instructions after the root. */
  epilog: Array<XmlComment | XmlProcessingInstruction>;
  /** The decoded source text (used to report positions and to locate findings). */
  source: string;
}

/** Resource limits enforced while parsing; exceeding one is an XmlParseError with code 'limit'. */
export interface XmlLimits {
  maxBytes: number;
  maxDepth: number;
  maxElements: number;
  maxAttributesPerElement: number;
  maxTextLength: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxDepth: 256,
  maxElements: 2_000_000,
  maxAttributesPerElement: 256,
  maxTextLength: 50 * 1024 * 1024,
};

export type XmlParseErrorCode = 'not-well-formed' | 'dtd-refused' | 'encoding' | 'limit' | 'empty';

export class XmlParseError extends Error {
  constructor(
    readonly code: XmlParseErrorCode,
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'XmlParseError';
  }
}

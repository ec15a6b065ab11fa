import type { DocumentType } from '../documents/model.js';

/**
 * A document type as data (doctypes/*.json, validated against doctypes/doctype.schema.json):
 * how to recognise a format, which model kind it fills, where its XSD is, how its fields map
 * onto the normalized model, and — for envelopes — where the business document sits.
 */

/** Model kinds profiles speak (`documents.<kind>` in a profile), plus envelopes that only carry. */
export type DoctypeKind = DocumentType | 'envelope';

/** A namespace-aware path (see paths.ts) or a richer mapping. */
export type FieldSpec = string | FieldRule;
export type FieldMap = Record<string, FieldSpec>;

export interface FieldRule {
  /** Path from the current element; `@name` selects an attribute. */
  path?: string;
  /** A fixed value (e.g. the scheme of a taxpayer id the path implies). */
  const?: string;
  /** The first alternative that yields a value. */
  first?: FieldSpec[];
  /** Constants set beside the key when this rule yields a value. */
  with?: Record<string, string>;
  /** An object read from the element at `path` (or the current element). */
  fields?: FieldMap;
  /** An array: one object per element at `path`. */
  each?: FieldMap;
  /** An array of texts: one per node at `path`. */
  all?: boolean;
  /** Texts of several paths joined with `separator` (default ''), when at least one exists. */
  concat?: string[];
  separator?: string;
  /** Characters [start, end) of the text found (e.g. the country prefix of an office code). */
  slice?: [number, number];
  /**
   * A conversion to the model's convention, applied after `slice` (conversions/): e.g.
   * `date:yyyyMMdd`, `codelist:cn-customs-currency`. A value that does not convert is left out
   * of the model and reported where it stands.
   */
  convert?: string;
}

export interface DoctypeMatch {
  /** Root local name(s); `*` alone matches any. */
  localName: string | string[];
  /** Namespace glob: `*` matches any run of characters, e.g. `urn:…:ESADout_CU:5.*`. */
  namespace: string;
  /** Accepted versions (globs); a document of another version is recognised but refused. */
  versions?: string[];
}

export interface DoctypeVersion {
  /** `namespace`: the text the first `*` of match.namespace stood for; or an attribute of the root. */
  from: 'namespace' | 'attribute';
  attribute?: string;
  /** Version assumed when the attribute is absent. */
  default?: string;
}

export interface XsdSet {
  /** Versions (globs) this schema set validates. */
  versions: string[];
  /** Entry schema, relative to the definition file. */
  entry: string;
  /** The schema's own version label, for messages. */
  schemaVersion?: string;
}

export interface DoctypeXsd {
  /** False when the schema's terms do not allow redistribution: the mapping ships, the XSD not. */
  shipped: boolean;
  sets?: XsdSet[];
  source: string;
  licence: string;
  note?: string;
}

export interface DoctypePayload {
  /** Paths to the business document (first that exists wins); the element found is matched again. */
  paths: string[];
  /** Why the signature that covers the payload is the one it is (documentation). */
  signature?: string;
}

export interface DoctypeSource {
  title: string;
  url?: string;
  licence?: string;
  note?: string;
}

/** A definition file as written. */
export interface DoctypeFile {
  $schema?: string;
  id: string;
  title: string;
  kind: DoctypeKind;
  description?: string;
  match: DoctypeMatch;
  version?: DoctypeVersion;
  /** Prefix → namespace glob, used in paths. */
  namespaces?: Record<string, string>;
  /** corridor's own formats: element names are the model (camelCase), as before. */
  elementNames?: {
    arrays: Record<string, string>;
    leafAttributes: Record<string, string[]>;
  };
  fields?: FieldMap;
  /** Model key holding the issuing country (default `issuingCountry`). */
  issuingCountryKey?: string;
  /** Keep the whole document under `native` with the format's own names (default true with `fields`). */
  native?: boolean;
  xsd?: DoctypeXsd;
  payload?: DoctypePayload;
  sources?: DoctypeSource[];
}

/** A definition after loading: its file and directory known. */
export interface Doctype extends DoctypeFile {
  file: string;
  dir: string;
}

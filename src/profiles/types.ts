import type { DocumentType } from '../documents/model.js';
import type { SignatureFormat } from '../signature/types.js';
import type { RuleLevel } from '../engine/rule-levels.js';

export type Level = 'error' | 'warning' | 'info';
export type ProfileKind = 'jurisdiction' | 'baseline' | 'gateway';
export type Placement = 'enveloped' | 'enveloping' | 'detached';

export interface Provenance {
  source?: string;
  confirmed?: boolean;
  note?: string;
}

export interface SourceRef {
  id: string;
  title: string;
  url?: string;
  note?: string;
}

export interface AlgorithmPolicyEntry extends Provenance {
  algorithm: string;
  uris?: string[];
  minKeyBits?: number;
  curves?: string[];
  /** Accepted when evaluated (`--as-of`) on or after this day. */
  notBefore?: string;
  /** Accepted when evaluated up to this day, whenever the signature was made. */
  notAfter?: string;
  /**
   * Accepted for signatures made on or after / up to this day. The day a signature was made is
   * its signed signing time when the signature verifies, otherwise the evaluation date.
   */
  signedNotBefore?: string;
  signedNotAfter?: string;
  level?: Level;
}

/** One signature syntax a receiver accepts: XMLDSig (`ds:Signature`) or JWS (JWS/CT). */
export interface SignatureFormatEntry extends Provenance {
  format: SignatureFormat;
}

export interface TrustAnchorRef extends Provenance {
  file: string;
}

export interface SignaturePolicy extends Provenance {
  required?: boolean;
  /** Signature syntaxes accepted; left out: any. */
  formats?: SignatureFormatEntry[];
  placement?: Placement[];
  /**
   * What a signature must cover: "document" (the whole document: URI="" or the root by ID) or
   * "element" (business content signed by ID, as SMEV 3 does). Fields outside every valid
   * signature's scope are reported either way (signature/unsigned-content).
   */
  scope?: 'document' | 'element';
  methods?: AlgorithmPolicyEntry[];
  digests?: AlgorithmPolicyEntry[];
  canonicalizations?: AlgorithmPolicyEntry[];
  transforms?: AlgorithmPolicyEntry[];
  trustAnchors?: TrustAnchorRef[];
  /** Untrusted intermediates that help build paths to this profile's anchors only. */
  intermediates?: TrustAnchorRef[];
  /** CRLs used when judging for this profile (PEM or DER). */
  crls?: TrustAnchorRef[];
  /** A path certificate without a current CRL from `crls` is a finding. */
  requireRevocation?: boolean;
  requireTrustedSigner?: boolean;
}

export interface EncryptionPolicy extends Provenance {
  dataAlgorithms?: AlgorithmPolicyEntry[];
  keyTransport?: AlgorithmPolicyEntry[];
  requiredFor?: DocumentType[];
}

export interface DocumentConstraint extends Provenance {
  id: string;
  description?: string;
  schema?: Record<string, unknown>;
  /** Definition ids (doctypes/*.json) this constraint is for; left out: every format. */
  formats?: string[];
  severity?: Level;
  hint?: string;
  disabled?: boolean;
}

export interface DocumentPolicy extends Provenance {
  accepted?: boolean;
  /** XSD errors as errors (`required`, default) or warnings (`warn`). */
  schemaValidity?: 'required' | 'warn';
  constraints?: DocumentConstraint[];
}

export interface DataExportRule extends Provenance {
  id: string;
  description?: string;
  documentTypes?: DocumentType[];
  fields: string[];
  when?: Record<string, unknown>;
  allowedReceivers?: string[];
  legalBasis: string;
  severity?: Level;
  hint?: string;
}

export interface GatewayPolicy extends Provenance {
  serves?: string[];
  reissues?: AlgorithmPolicyEntry[];
}

/**
 * The countries whose documents a jurisdiction profile judges as sender (and as receiver when
 * named by country code): the EU profile for DE, FR, … A country's own profile wins.
 */
export interface MemberStates extends Provenance {
  /** ISO 3166-1 alpha-2 codes. */
  countries: string[];
}

/** A profile file as written (validated against profile.schema.json). */
export interface ProfileFile {
  id: string;
  name: string;
  kind: ProfileKind;
  extends?: string | string[];
  version: string;
  description?: string;
  /** Baselines: the profiles that build on them (documentation; not used to resolve senders). */
  members?: string[];
  memberStates?: MemberStates;
  sources?: SourceRef[];
  confirmed?: boolean;
  signature?: SignaturePolicy;
  encryption?: EncryptionPolicy;
  documents?: Partial<Record<DocumentType, DocumentPolicy>>;
  dataExport?: DataExportRule[];
  gateway?: GatewayPolicy;
  /**
   * Rule levels for this receiver, as the config file's `rules`: `off` drops a rule's findings,
   * a severity replaces theirs. Inherited key by key; the config file and `--rule` win.
   */
  rules?: Record<string, RuleLevel>;
}

/** A profile after `extends` is resolved: what the rules read. */
export interface ResolvedProfile extends Omit<ProfileFile, 'extends'> {
  /** The file this profile was read from. */
  file: string;
  /** Ancestors in resolution order, then this profile's id. */
  lineage: string[];
  /** Trust anchors as absolute file paths with their DER bytes, loaded once. */
  anchors: Array<{ file: string; der: Uint8Array }>;
  /** Intermediates shipped with the profile, read once like the anchors. */
  intermediates: Array<{ file: string; der: Uint8Array }>;
  /** CRLs shipped with the profile (DER), read once; parsed once per profile when used. */
  crls: Array<{ file: string; der: Uint8Array }>;
}

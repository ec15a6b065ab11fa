import type { ParsedDocument, SourceLocation } from '../documents/model.js';
import type { Severity } from '../engine/types.js';
import type { ResolvedProfile } from '../profiles/types.js';
import type { SignatureVerification } from '../signature/types.js';
import type { ConstraintSet } from '../constraints/constraints.js';
import type { TrustResult } from '../engine/trust.js';
import type { Memo } from '../util/memo.js';

/** What one rule sees for one document and one sender→receiver pair. */
export interface RuleContext {
  document: ParsedDocument;
  /** Sender id (profile id or, without a profile, the issuing country code). */
  senderId: string;
  sender?: ResolvedProfile;
  receiver: ResolvedProfile;
  asOf: Date;
  /** One entry per ds:Signature, computed once per document whatever the number of receivers. */
  verifications: readonly SignatureVerification[];
  /** Trust of each signature's signer against the receiver's anchors (cached per receiver). */
  trust(signatureIndex: number): TrustResult;
  /** Compiled document constraints of a profile (compiled once per profile and type). */
  constraints(profile: ResolvedProfile): ConstraintSet | undefined;
  /**
   * The document's context, shared by all its pairs in one evaluation (same as-of date): work
   * that does not depend on the receiver, or only on a policy object, goes through `once`.
   */
  memo: Memo;
}

/**
 * What a rule whose reports cannot depend on the receiver sees (`scope: 'document'`): its
 * reports are made once per document and shared by all its pairs (engine/evaluate.ts).
 */
export type DocumentRuleContext = Omit<RuleContext, 'receiver' | 'trust'>;

/** The values a message template's `{{name}}` placeholders take. */
export type MessageData = Readonly<Record<string, string | number>>;

/**
 * What a rule reports; the engine adds rule id, pair, document and default severity, and
 * renders the text from the rule's template `meta.messages[messageId]` with `data`.
 */
export interface RuleReport<M extends string = string> {
  /** A key of the rule's `meta.messages`: tests and tools match on it, not on the text. */
  messageId: M;
  data?: MessageData;
  location?: SourceLocation;
  hint?: string;
  severity?: Severity;
}

/** A rule's metadata, as ESLint's `meta`: what it checks, its page, its message templates. */
export interface RuleMetaData<M extends string = string> {
  description: string;
  /** The rule's page, relative to the package root: `docs/rules/<area>/<name>.md`. */
  docs: { url: string };
  /** Message id → template with `{{name}}` placeholders filled from a report's `data`. */
  messages: Readonly<Record<M, string>>;
}

export interface Rule<M extends string = string> {
  /** Stable id, `area/name`. Never renamed: baselines and SARIF fingerprints depend on it. */
  id: string;
  defaultSeverity: Severity;
  meta: RuleMetaData<M>;
  /**
   * `document`: the reports depend on the document, its verification, the sender and the date,
   * never on the receiver (the rule is written against DocumentRuleContext), so the engine
   * checks it once per document. Absent: once per pair.
   */
  scope?: 'document';
  check(context: RuleContext): RuleReport<M>[];
}

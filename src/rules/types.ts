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

/** What a rule reports; the engine adds rule id, pair, document and default severity. */
export interface RuleReport {
  message: string;
  location?: SourceLocation;
  hint?: string;
  severity?: Severity;
}

export interface Rule {
  /** Stable id, `area/name`. Never renamed: baselines and SARIF fingerprints depend on it. */
  id: string;
  description: string;
  defaultSeverity: Severity;
  check(context: RuleContext): RuleReport[];
}

import type { ParsedDocument } from '../documents/model.js';
import type { ResolvedProfile } from '../profiles/types.js';
import { RULES } from '../rules/index.js';
import type { MessageData, Rule, RuleContext, RuleReport } from '../rules/types.js';
import { renderMessage } from '../rules/messages.js';
import { securityLimit, TIME_BUDGET_MESSAGE } from '../rules/security-limit.js';
import type { SignatureVerification } from '../signature/types.js';
import { constraintSetFor } from '../constraints/constraints.js';
import { Memo } from '../util/memo.js';
import { DEFAULT_DOCUMENT_LIMITS } from '../limits.js';
import { capReports, DEFAULT_MAX_FINDINGS_PER_RULE } from './findings-cap.js';
import { anchorSetKey, evaluateTrust, type TrustResult } from './trust.js';
import { ruleLevelFor, type RuleLevel } from './rule-levels.js';
import { monotonicMs } from '../util/clock.js';
import type { CellStatus, Finding, FindingLocation, PairResult } from './types.js';

export interface DocumentUnderTest {
  document: ParsedDocument;
  /** Cryptographic results, computed once for the document. */
  verifications: readonly SignatureVerification[];
  senderId: string;
  sender?: ResolvedProfile;
  /** The issuing country when it is a member state of the sender profile (DE for EU). */
  senderCountry?: string;
  /**
   * The document's context for one evaluation (one as-of date, one profile set): what its pairs
   * share is computed once here. Absent: each pair starts its own.
   */
  memo?: Memo;
  /** Findings kept per rule for each pair before one summary finding (findings-cap.ts). */
  maxFindingsPerRule?: number;
  /** The config file's rule levels, over each receiver profile's `rules` (rule-levels.ts). */
  ruleLevels?: Readonly<Record<string, RuleLevel>>;
  /** The per-document time budget, counted from when reading began (default 30 s). */
  timeBudgetMs?: number;
}

/** Evaluates one document against one receiver: every rule, one PairResult. */
export function evaluatePair(
  subject: DocumentUnderTest,
  receiver: ResolvedProfile,
  asOf: Date,
  rules: readonly Rule[] = RULES,
): PairResult {
  const { document, verifications, senderId, sender } = subject;
  const memo = subject.memo ?? new Memo();
  const context: RuleContext = {
    document,
    senderId,
    sender,
    receiver,
    asOf,
    verifications,
    // Receivers with the same anchors share the chain built for a signature.
    trust: (index) => {
      // One map per document and anchor set, by signature index: no key text built per call.
      const byIndex = memo.once(
        verifications,
        trustName(anchorSetKey(receiver)),
        () => [] as TrustResult[],
      );
      return (byIndex[index] ??= evaluateTrust(verifications[index], receiver, asOf, memo));
    },
    constraints: (profile) => constraintSetFor(profile),
    memo,
  };
  const findings: Finding[] = [];
  // The time budget covers rule evaluation too (issue #15): counted from when this evaluation
  // of the document began (its first pair; parsing and verifying have their own checks), so a
  // forecast that evaluates one parse for many dates starts afresh each time. Used up, the
  // rules left are not run, and the pair fails with a security/limit finding saying so.
  const limitMs = subject.timeBudgetMs ?? DEFAULT_DOCUMENT_LIMITS.timeBudgetMs;
  const started = memo.once(document, 'evaluation started', () => monotonicMs());
  const elapsed = () => monotonicMs() - started;
  const levels = levelsOf(rules, subject.ruleLevels, receiver);
  const max = subject.maxFindingsPerRule ?? DEFAULT_MAX_FINDINGS_PER_RULE;
  // Reports of the rules that cannot depend on the receiver (scope 'document'), made by the
  // document's first pair that runs the rule and shared by the others.
  const documentReports = memo.table<Rule, RuleReport[]>(DOCUMENT_REPORTS);
  // Rules run since the clock was last read: it is read before every CLOCK_EVERY-th rule to run
  // (the first one included), not before each (~400 reads per document of 13 pairs, 1-2 % of a
  // matrix's CPU). Every rule is itself bounded (linear regular expressions, parser limits), so
  // past the budget at most CLOCK_EVERY - 1 more run before the pair stops.
  let sinceClock = 0;
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index] as Rule;
    // A level set by the config file or the receiver's profile: `off` skips the rule for this
    // receiver, a severity replaces every one the rule would give.
    const level = levels[index];
    if (level === 'off') continue;
    let checked = rule.scope === 'document' ? documentReports.get(rule) : undefined;
    // Not subject to rule levels: a level may drop a rule's findings, never hide that rules
    // were not evaluated. Reports already made cost no time, so only a rule to run is timed.
    if (checked === undefined && sinceClock++ % CLOCK_EVERY === 0 && elapsed() > limitMs) {
      const data = { limit: `${limitMs}`, elapsed: `${Math.round(elapsed())}`, rule: rule.id };
      findings.push({
        ruleId: securityLimit.id,
        severity: 'error',
        messageId: 'timeBudget',
        data,
        message: renderMessage(TIME_BUDGET_MESSAGE, data),
        location: { file: document.file },
        sender: senderId,
        receiver: receiver.id,
        document: document.file,
      });
      break;
    }
    if (checked === undefined) {
      checked = rule.check(context);
      if (rule.scope === 'document') documentReports.set(rule, checked);
    }
    // Most rules report nothing for most pairs: no capping, no loop.
    if (checked.length === 0) continue;
    const reports =
      checked.length > max ? capReports(rule.id, checked, max, rule.defaultSeverity) : checked;
    for (let i = 0; i < reports.length; i++) {
      findings.push(
        findingOf(rule, reports[i] as RuleReport, level, document.file, senderId, receiver.id),
      );
    }
  }
  return {
    document: document.file,
    documentType: document.type ?? 'unknown',
    sender: senderId,
    ...(subject.senderCountry ? { senderCountry: subject.senderCountry } : {}),
    receiver: receiver.id,
    status: statusOf(findings),
    findings,
  };
}

/** How often evaluatePair reads the clock for the time budget: before every this-many rules run. */
const CLOCK_EVERY = 4;

/** The document memo's table of document-scope rules' reports, by rule. */
const DOCUMENT_REPORTS = {};

/** Memo names of the trust results per anchor set (anchorSetKey): made once per set. */
const trustNames = new Map<string, string>();

function trustName(anchorSet: string): string {
  let name = trustNames.get(anchorSet);
  if (name === undefined) {
    name = `trust ${anchorSet}`;
    trustNames.set(anchorSet, name);
  }
  return name;
}

/** Each receiver's rule levels in rule order, for the last rules and config levels asked (profiles
 * and the config file do not change once loaded). */
const levelCache = new WeakMap<
  ResolvedProfile,
  {
    rules: readonly Rule[];
    config: Readonly<Record<string, RuleLevel>> | undefined;
    levels: Array<RuleLevel | undefined>;
  }
>();

/** The level of each rule for `receiver` (ruleLevelFor), worked out once per receiver, not per pair. */
function levelsOf(
  rules: readonly Rule[],
  config: Readonly<Record<string, RuleLevel>> | undefined,
  receiver: ResolvedProfile,
): ReadonlyArray<RuleLevel | undefined> {
  const cached = levelCache.get(receiver);
  if (cached && cached.rules === rules && cached.config === config) return cached.levels;
  const levels = rules.map((rule) => ruleLevelFor(rule.id, config, receiver));
  levelCache.set(receiver, { rules, config, levels });
  return levels;
}

/** The report's text from its rule's template (an unknown id, a bug meta.test.ts catches, shows as itself). */
function messageText(rule: Rule, report: RuleReport): string {
  const template = rule.meta.messages[report.messageId];
  return renderMessage(template ?? report.messageId, report.data);
}

/**
 * One finding of a pair. Built field by field, in the order every output prints them: optional
 * fields are set only when present (cheaper than spreading conditional objects, asked for every
 * report of every pair).
 */
function findingOf(
  rule: Rule,
  report: RuleReport,
  level: RuleLevel | undefined,
  file: string,
  sender: string,
  receiver: string,
): Finding {
  const finding = {
    ruleId: rule.id,
    severity: level ?? report.severity ?? rule.defaultSeverity,
    messageId: report.messageId,
  } as Finding;
  if (report.data) finding.data = textData(report.data);
  finding.message = messageText(rule, report);
  const location: FindingLocation = { file };
  const at = report.location;
  if (at?.path) location.path = at.path;
  if (at?.pos) {
    location.line = at.pos.line;
    location.column = at.pos.column;
  }
  finding.location = location;
  finding.sender = sender;
  finding.receiver = receiver;
  finding.document = file;
  if (report.hint) finding.hint = report.hint;
  return finding;
}

/** Findings carry their data as text, as it appears in the message. */
function textData(data: MessageData): Record<string, string> {
  const text: Record<string, string> = {};
  for (const name in data) text[name] = String(data[name]);
  return text;
}

export function statusOf(findings: ReadonlyArray<Pick<Finding, 'severity'>>): CellStatus {
  if (findings.some((f) => f.severity === 'error')) return 'fail';
  if (findings.some((f) => f.severity === 'warning')) return 'warn';
  return 'ok';
}

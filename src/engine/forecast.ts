import { parseCertificate } from '../pki/certificate.js';
import { parseCrl, type Crl } from '../pki/crl.js';
import type { ProfileSet } from '../profiles/load.js';
import type { AlgorithmPolicyEntry, ResolvedProfile } from '../profiles/types.js';
import { TOOL } from '../version.js';
import { runCrlsOf } from './revocation-check.js';
import { evaluateDocuments, type LoadedDocument } from './run.js';
import type { CellRoute, CellStatus, Finding, MatrixCell, MatrixResult } from './types.js';
import type { RuleLevel } from './rule-levels.js';

/** One cell whose status (or gateway route) changes on a date, and the findings that explain it. */
export interface ForecastChange {
  /** First day the new state holds (YYYY-MM-DD). */
  date: string;
  sender: string;
  receiver: string;
  before: CellStatus;
  after: CellStatus;
  routeBefore?: CellRoute;
  routeAfter?: CellRoute;
  /**
   * Worse: the findings that appear (`rule: message`); better: the ones that disappear,
   * prefixed "resolved:"; a route change alone: what happened to the route.
   */
  reasons: string[];
}

export interface ForecastResult {
  kind: 'forecast';
  tool: { name: 'corridor'; version: string };
  from: string;
  until: string;
  profiles: string[];
  profileVersions: Record<string, string>;
  documents: number;
  /** The dates evaluated after `from`: where some profile or certificate date falls. */
  candidates: string[];
  changes: ForecastChange[];
}

const DAY = 86_400_000;
const isoDay = (date: Date): string => date.toISOString().slice(0, 10);
const dayAfter = (day: string): string => isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + DAY));

/** The first midnight (UTC) at or after an instant: when a `notBefore` starts to hold. */
const ceilDay = (date: Date): string =>
  date.getTime() % DAY === 0 ? isoDay(date) : isoDay(new Date(date.getTime() + DAY));

function policyEntries(profile: ResolvedProfile): AlgorithmPolicyEntry[] {
  return [
    ...(profile.signature?.methods ?? []),
    ...(profile.signature?.digests ?? []),
    ...(profile.signature?.canonicalizations ?? []),
    ...(profile.signature?.transforms ?? []),
    ...(profile.encryption?.dataAlgorithms ?? []),
    ...(profile.encryption?.keyTransport ?? []),
    ...(profile.gateway?.reissues ?? []),
  ];
}

/**
 * Every date on which a verdict can change: an algorithm window opening (`notBefore`) or
 * closing (the day after `notAfter`) in any profile, a certificate of the chains receivers build
 * (the document's, --certs, a profile's intermediates and anchors) becoming valid or expiring,
 * and a CRL — a profile's, or the run's own `--crl` — becoming current or stale. Between two such
 * dates nothing the rules read changes.
 */
export function candidateDates(
  profiles: ProfileSet,
  documents: readonly LoadedDocument[],
): string[] {
  const dates = new Set<string>();
  for (const profile of profiles.profiles.values()) {
    for (const entry of policyEntries(profile)) {
      if (entry.notBefore) dates.add(entry.notBefore);
      if (entry.notAfter) dates.add(dayAfter(entry.notAfter));
      // Signing windows move verdicts too: a signature without a signed time is judged as
      // made on the evaluation date.
      if (entry.signedNotBefore) dates.add(entry.signedNotBefore);
      if (entry.signedNotAfter) dates.add(dayAfter(entry.signedNotAfter));
    }
  }
  // The chain each receiver builds: the document's certificates (with the run's --certs,
  // which key selection puts behind the signer), the receiver's intermediates and anchors.
  const certificates = [
    ...documents.flatMap((d) => d.verifications.flatMap((v) => v.certificateChain)),
    ...[...profiles.profiles.values()].flatMap((p) =>
      [...p.anchors, ...(p.intermediates ?? [])].map((a) => a.der),
    ),
  ];
  for (const der of certificates) {
    try {
      const certificate = parseCertificate(der);
      dates.add(ceilDay(certificate.notBefore));
      dates.add(dayAfter(isoDay(certificate.notAfter)));
    } catch {
      // An unreadable certificate has no dates; signature/valid and signature/trusted report it.
    }
  }
  // A CRL becomes current (thisUpdate) and stale (after nextUpdate) on a date too: a profile's
  // shipped ones, and the run's `--crl` (kept with each verification it judged).
  const crlDates = (crl: Crl) => {
    dates.add(ceilDay(crl.thisUpdate));
    if (crl.nextUpdate) dates.add(dayAfter(isoDay(crl.nextUpdate)));
  };
  for (const profile of profiles.profiles.values()) {
    for (const { der } of profile.crls ?? []) {
      try {
        crlDates(parseCrl(der));
      } catch {
        // `profiles lint` reports it; an unreadable CRL is never used.
      }
    }
  }
  const runCrls = new Set(documents.flatMap((d) => d.verifications.flatMap(runCrlsOf)));
  for (const crl of runCrls) crlDates(crl);
  return [...dates].sort();
}

export interface ForecastOptions {
  profiles: ProfileSet;
  from: Date;
  until: Date;
  /** The config file's rule levels (`matrix --until`), on every date, over the profiles'. */
  ruleLevels?: Readonly<Record<string, RuleLevel>>;
}

/**
 * Evaluates the matrix on `from` and on every candidate date up to `until`, reporting each
 * cell change. Documents were read and verified once; only rule evaluation repeats per date.
 */
export function forecast(
  documents: readonly LoadedDocument[],
  options: ForecastOptions,
): ForecastResult {
  const from = isoDay(options.from);
  const until = isoDay(options.until);
  const candidates = candidateDates(options.profiles, documents).filter(
    (day) => day > from && day <= until,
  );
  const evaluate = (day: string): MatrixResult => {
    const asOf = new Date(`${day}T00:00:00Z`);
    return evaluateDocuments(documents, {
      kind: 'matrix',
      profiles: options.profiles,
      asOf,
      receivers: 'all',
      ...(options.ruleLevels ? { ruleLevels: options.ruleLevels } : {}),
    });
  };
  let previous = evaluate(from);
  const changes: ForecastChange[] = [];
  for (const day of candidates) {
    const current = evaluate(day);
    changes.push(...cellChanges(previous, current, day));
    previous = current;
  }
  return {
    kind: 'forecast',
    tool: TOOL,
    from,
    until,
    profiles: previous.profiles,
    profileVersions: previous.profileVersions,
    documents: documents.length,
    candidates,
    changes,
  };
}

const RANK: Record<CellStatus, number> = { ok: 0, warn: 1, fail: 2 };

function cellChanges(before: MatrixResult, after: MatrixResult, day: string): ForecastChange[] {
  const old = new Map(before.cells.map((cell) => [`${cell.sender}\u0000${cell.receiver}`, cell]));
  const changes: ForecastChange[] = [];
  for (const cell of after.cells) {
    const was = old.get(`${cell.sender}\u0000${cell.receiver}`);
    if (!was || (was.status === cell.status && was.route === cell.route)) continue;
    changes.push({
      date: day,
      sender: cell.sender,
      receiver: cell.receiver,
      before: was.status,
      after: cell.status,
      ...(was.route ? { routeBefore: was.route } : {}),
      ...(cell.route ? { routeAfter: cell.route } : {}),
      reasons: reasonsFor(was, cell, before, after),
    });
  }
  return changes;
}

/**
 * Findings are matched by document, rule and location, not message: messages name the as-of
 * date, so the same finding reads differently on every date.
 */
function findingKeys(result: MatrixResult, cell: MatrixCell): Map<string, Finding> {
  const keys = new Map<string, Finding>();
  for (const pair of result.pairs) {
    if (pair.sender !== cell.sender || pair.receiver !== cell.receiver) continue;
    for (const finding of pair.findings) {
      if (finding.severity === 'info') continue;
      keys.set(
        JSON.stringify([pair.document, finding.ruleId, finding.severity, finding.location.path]),
        finding,
      );
    }
  }
  return keys;
}

function reasonsFor(
  was: MatrixCell,
  now: MatrixCell,
  before: MatrixResult,
  after: MatrixResult,
): string[] {
  const oldFindings = findingKeys(before, was);
  const newFindings = findingKeys(after, now);
  const reasons = new Set<string>();
  if (RANK[now.status] > RANK[was.status]) {
    for (const [key, finding] of newFindings) {
      if (!oldFindings.has(key)) reasons.add(`${finding.ruleId}: ${finding.message}`);
    }
  } else if (RANK[now.status] < RANK[was.status]) {
    for (const [key, finding] of oldFindings) {
      if (!newFindings.has(key)) reasons.add(`resolved: ${finding.ruleId}: ${finding.message}`);
    }
  }
  if (was.route !== now.route) {
    if (was.route === 'gateway') {
      reasons.add(`no longer reachable via ${(was.routes ?? []).map((r) => r.via).join(', ')}`);
    }
    if (now.route === 'gateway') {
      const via = (now.routes ?? []).map((r) => r.via).join(', ');
      reasons.add(`reachable via ${via}: ${(now.routes?.[0]?.conditions ?? []).join('; ')}`);
    }
  }
  return [...reasons];
}

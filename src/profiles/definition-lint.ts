import { algorithmById } from '../algorithms/registry.js';
import type { AlgorithmKind } from '../algorithms/types.js';
import { ConstraintCompileError, constraintSetFor } from '../constraints/constraints.js';
import type { ProfileProblem, ProfileSet } from './read.js';
import { memberStateProblems } from './members.js';
import type { AlgorithmPolicyEntry, ResolvedProfile } from './types.js';

export interface LintReport {
  errors: ProfileProblem[];
  /** Facts marked `confirmed: false`, listed so nobody mistakes them for sourced ones. */
  unconfirmed: UnconfirmedFact[];
}

/** One fact a profile marks `"confirmed": false`, as the profile resolves it. */
export interface UnconfirmedFact {
  /** Id of the profile that holds the fact (itself or by inheritance). */
  profile: string;
  file: string;
  /** JSON pointer in the resolved profile; in `file` itself unless the fact is inherited. */
  pointer: string;
  /** What the fact is about: an algorithm id, a format, a constraint or data-export rule id. */
  subject: string;
  source?: string;
  /** What is unknown, as the profile says. */
  note?: string;
  /** Where the fact is stated, when the profile inherits it: an ancestor in `extends`. */
  inheritedFrom?: { profile: string; pointer: string };
}

interface FactEntry {
  source?: string;
  confirmed?: boolean;
  note?: string;
}

/**
 * Checks beyond the JSON Schema, short of parsing trust anchors (lint.ts adds that): algorithm
 * ids exist and are of the right kind, signature formats are listed once, sources cited by id
 * exist, constraint schemas are valid, member states are ISO codes claimed by one jurisdiction
 * only. Without the certificate parser, `profiles list` starts ~200 ms sooner.
 */
export function lintDefinitions(set: ProfileSet): LintReport {
  const report: LintReport = { errors: [], unconfirmed: [] };
  const stated = new Map<UnconfirmedFact, FactEntry>();
  for (const profile of set.profiles.values()) lintProfile(profile, report, stated);
  markInherited(set, report.unconfirmed, stated);
  report.errors.push(...memberStateProblems(set.profiles));
  return report;
}

/**
 * A fact is inherited when an ancestor (in `extends`) holds the same entry, subject and content
 * alike (merging may copy entries, so identity cannot tell): the nearest such ancestor states it.
 */
function markInherited(
  set: ProfileSet,
  facts: UnconfirmedFact[],
  stated: Map<UnconfirmedFact, FactEntry>,
): void {
  // The list it sits in (the pointer without its index), what it is about, and its content.
  const key = (fact: UnconfirmedFact) =>
    [fact.pointer.replace(/\/\d+$/, ''), fact.subject, JSON.stringify(stated.get(fact))].join(
      '\u0000',
    );
  const holders = new Map<string, Map<string, UnconfirmedFact>>();
  for (const fact of facts) {
    const k = key(fact);
    holders.set(k, (holders.get(k) ?? new Map<string, UnconfirmedFact>()).set(fact.profile, fact));
  }
  for (const fact of facts) {
    const lineage = set.profiles.get(fact.profile)?.lineage ?? [];
    const owners = holders.get(key(fact));
    const origin = lineage.find((id) => id !== fact.profile && owners?.has(id));
    const at = origin ? owners?.get(origin) : undefined;
    if (origin && at) fact.inheritedFrom = { profile: origin, pointer: at.pointer };
  }
}

/**
 * Date windows: an empty window (start after end) accepts nothing and is a slip. A signing
 * window only means something where a signature was made: on encryption algorithms and on
 * what a gateway re-signs with (made on the evaluation date) it is refused.
 */
function lintWindows(
  file: string,
  at: string,
  entry: AlgorithmPolicyEntry,
  signatureList: boolean,
  report: LintReport,
): void {
  const windows = [
    ['notBefore', 'notAfter'],
    ['signedNotBefore', 'signedNotAfter'],
  ] as const;
  for (const [start, end] of windows) {
    const from = entry[start];
    const until = entry[end];
    if (from && until && from > until) {
      report.errors.push({
        file,
        pointer: `${at}/${start}`,
        message: `${start} ${from} is after ${end} ${until}: the entry never applies`,
      });
    }
  }
  if (!signatureList) {
    for (const field of ['signedNotBefore', 'signedNotAfter'] as const) {
      if (entry[field] === undefined) continue;
      report.errors.push({
        file,
        pointer: `${at}/${field}`,
        message: `${field} applies to signature lists (methods, digests, canonicalizations, transforms) only: here nothing was signed at a known time; use ${field === 'signedNotAfter' ? 'notAfter' : 'notBefore'}`,
      });
    }
  }
}

function lintProfile(
  profile: ResolvedProfile,
  report: LintReport,
  stated: Map<UnconfirmedFact, FactEntry>,
): void {
  const file = profile.file;
  const sourceIds = new Set((profile.sources ?? []).map((s) => s.id));
  const checkAlgorithms = (
    pointer: string,
    entries: AlgorithmPolicyEntry[] | undefined,
    kinds: AlgorithmKind[],
  ) => {
    entries?.forEach((entry, i) => {
      const at = `${pointer}/${i}`;
      lintWindows(file, at, entry, pointer.startsWith('/signature/'), report);
      const algorithm = algorithmById(entry.algorithm);
      if (!algorithm) {
        report.errors.push({
          file,
          pointer: `${at}/algorithm`,
          message: `unknown algorithm id "${entry.algorithm}" (see \`corridor algorithms\`)`,
        });
      } else if (!kinds.includes(algorithm.kind)) {
        report.errors.push({
          file,
          pointer: `${at}/algorithm`,
          message: `"${entry.algorithm}" is a ${algorithm.kind}, expected ${kinds.join(' or ')}`,
        });
      } else {
        for (const uri of entry.uris ?? []) {
          if (!algorithm.uris.includes(uri)) {
            report.errors.push({
              file,
              pointer: `${at}/uris`,
              message: `${uri} is not a registered name of ${entry.algorithm}`,
            });
          }
        }
      }
      checkSource(at, entry, entry.algorithm);
    });
  };
  const checkSource = (pointer: string, entry: FactEntry, subject: string) => {
    const source = entry.source;
    if (source && /^[a-z0-9][a-z0-9._-]*$/.test(source) && !sourceIds.has(source)) {
      report.errors.push({
        file,
        pointer: `${pointer}/source`,
        message: `source "${source}" is not listed in "sources"`,
      });
    }
    if (entry.confirmed === false) {
      const fact: UnconfirmedFact = {
        profile: profile.id,
        file,
        pointer,
        subject,
        ...(source !== undefined ? { source } : {}),
        ...(entry.note !== undefined ? { note: entry.note } : {}),
      };
      report.unconfirmed.push(fact);
      stated.set(fact, entry);
    }
  };

  const seenFormats = new Set<string>();
  profile.signature?.formats?.forEach((entry, i) => {
    const at = `/signature/formats/${i}`;
    // A second entry for one format cannot change the verdict; it is a copy-paste slip.
    if (seenFormats.has(entry.format)) {
      report.errors.push({
        file,
        pointer: `${at}/format`,
        message: `format "${entry.format}" is listed twice`,
      });
    }
    seenFormats.add(entry.format);
    checkSource(at, entry, entry.format);
  });
  checkAlgorithms('/signature/methods', profile.signature?.methods, ['signature']);
  checkAlgorithms('/signature/digests', profile.signature?.digests, ['digest']);
  checkAlgorithms('/signature/canonicalizations', profile.signature?.canonicalizations, [
    'canonicalization',
  ]);
  checkAlgorithms('/signature/transforms', profile.signature?.transforms, [
    'transform',
    'canonicalization',
  ]);
  checkAlgorithms('/encryption/dataAlgorithms', profile.encryption?.dataAlgorithms, ['encryption']);
  checkAlgorithms('/encryption/keyTransport', profile.encryption?.keyTransport, ['key-transport']);
  checkAlgorithms('/gateway/reissues', profile.gateway?.reissues, ['signature']);
  for (const [type, policy] of Object.entries(profile.documents ?? {})) {
    policy?.constraints?.forEach((c, i) =>
      checkSource(`/documents/${type}/constraints/${i}`, c, c.id),
    );
  }
  if (profile.memberStates) checkSource('/memberStates', profile.memberStates, 'memberStates');
  profile.dataExport?.forEach((rule, i) => checkSource(`/dataExport/${i}`, rule, rule.id));
  if (profile.signature) checkSource('/signature', profile.signature, 'signature');
  if (profile.gateway) checkSource('/gateway', profile.gateway, 'gateway');

  try {
    constraintSetFor(profile).checkAll();
  } catch (error) {
    if (!(error instanceof ConstraintCompileError)) throw error;
    report.errors.push({ file, pointer: '/documents', message: error.message });
  }
}

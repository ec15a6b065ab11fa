import type { ProfileSet } from '../profiles/load.js';
import type { ResolvedProfile } from '../profiles/types.js';
import { TOOL } from '../version.js';
import { evaluateDocuments, type LoadedDocument } from './run.js';
import type { CellRoute, CellStatus, Finding, MatrixResult, PairResult } from './types.js';
import { compareText } from '../util/collate.js';

/** `absent`: the sender or receiver profile does not exist on that side of the diff. */
export type DiffStatus = CellStatus | 'absent';

export interface CellDiff {
  sender: string;
  receiver: string;
  before: DiffStatus;
  after: DiffStatus;
  routeBefore?: CellRoute;
  routeAfter?: CellRoute;
}

export interface FindingBrief {
  ruleId: string;
  severity: Finding['severity'];
  message: string;
  path?: string;
}

export interface PairDiff {
  document: string;
  sender: string;
  receiver: string;
  before: DiffStatus;
  after: DiffStatus;
  added: FindingBrief[];
  removed: FindingBrief[];
}

export interface ProfileDiffResult {
  kind: 'profile-diff';
  tool: { name: 'corridor'; version: string };
  asOf: string;
  old: { source: string; profileVersions: Record<string, string> };
  new: { source: string; profileVersions: Record<string, string> };
  documents: number;
  profilesAdded: string[];
  profilesRemoved: string[];
  /** Profiles present on both sides whose resolved content differs. */
  profilesChanged: string[];
  cells: CellDiff[];
  pairs: PairDiff[];
}

export interface ProfileDiffOptions {
  old: { source: string; profiles: ProfileSet };
  new: { source: string; profiles: ProfileSet };
  asOf: Date;
}

const RANK: Record<DiffStatus, number> = { absent: -1, ok: 0, warn: 1, fail: 2 };

/** Whether a change is a regression: a pair or cell that got worse (or newly failing). */
export function isWorse(change: { before: DiffStatus; after: DiffStatus }): boolean {
  return change.after !== 'absent' && RANK[change.after] > Math.max(0, RANK[change.before]);
}

/**
 * Runs the matrix with both profile sets on the same documents (read and verified once) and
 * keeps what changed: "what a policy change breaks before it is published".
 */
export function diffProfiles(
  documents: readonly LoadedDocument[],
  options: ProfileDiffOptions,
): ProfileDiffResult {
  const evaluate = (profiles: ProfileSet): MatrixResult =>
    evaluateDocuments(documents, {
      kind: 'matrix',
      profiles,
      asOf: options.asOf,
      receivers: 'all',
    });
  const before = evaluate(options.old.profiles);
  const after = evaluate(options.new.profiles);
  const oldIds = new Set(options.old.profiles.profiles.keys());
  const newIds = new Set(options.new.profiles.profiles.keys());
  return {
    kind: 'profile-diff',
    tool: TOOL,
    asOf: after.asOf,
    old: { source: options.old.source, profileVersions: before.profileVersions },
    new: { source: options.new.source, profileVersions: after.profileVersions },
    documents: documents.length,
    profilesAdded: [...newIds].filter((id) => !oldIds.has(id)).sort(),
    profilesRemoved: [...oldIds].filter((id) => !newIds.has(id)).sort(),
    profilesChanged: [...newIds]
      .filter((id) => oldIds.has(id))
      .filter(
        (id) =>
          fingerprint(options.old.profiles.profiles.get(id)) !==
          fingerprint(options.new.profiles.profiles.get(id)),
      )
      .sort(),
    cells: cellDiffs(before, after),
    pairs: pairDiffs(before, after),
  };
}

/** A profile's meaning: everything resolved except where it was read from. */
function fingerprint(profile: ResolvedProfile | undefined): string {
  if (!profile) return '';
  const { file: _file, anchors, ...rest } = profile;
  return JSON.stringify({
    ...rest,
    signature: rest.signature && { ...rest.signature, trustAnchors: undefined },
    anchors: anchors.map((a) => Buffer.from(a.der).toString('base64')),
  });
}

const key = (...parts: string[]): string => JSON.stringify(parts);

function cellDiffs(before: MatrixResult, after: MatrixResult): CellDiff[] {
  const old = new Map(before.cells.map((c) => [key(c.sender, c.receiver), c]));
  const now = new Map(after.cells.map((c) => [key(c.sender, c.receiver), c]));
  const diffs: CellDiff[] = [];
  for (const k of new Set([...old.keys(), ...now.keys()])) {
    const was = old.get(k);
    const is = now.get(k);
    if (was && is && was.status === is.status && was.route === is.route) continue;
    const [sender, receiver] = JSON.parse(k) as [string, string];
    diffs.push({
      sender,
      receiver,
      before: was?.status ?? 'absent',
      after: is?.status ?? 'absent',
      ...(was?.route ? { routeBefore: was.route } : {}),
      ...(is?.route ? { routeAfter: is.route } : {}),
    });
  }
  return diffs.sort(
    (a, b) => compareText(a.sender, b.sender) || compareText(a.receiver, b.receiver),
  );
}

function brief(finding: Finding): FindingBrief {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    ...(finding.location.path !== undefined ? { path: finding.location.path } : {}),
  };
}

const briefKey = (f: FindingBrief): string => key(f.ruleId, f.severity, f.path ?? '', f.message);

function pairDiffs(before: MatrixResult, after: MatrixResult): PairDiff[] {
  const index = (result: MatrixResult) =>
    new Map(result.pairs.map((p) => [key(p.document, p.sender, p.receiver), p]));
  const old = index(before);
  const now = index(after);
  const diffs: PairDiff[] = [];
  for (const k of new Set([...old.keys(), ...now.keys()])) {
    const was: PairResult | undefined = old.get(k);
    const is: PairResult | undefined = now.get(k);
    if (was && is && was.status === is.status) continue;
    const wasFindings = (was?.findings ?? []).map(brief);
    const isFindings = (is?.findings ?? []).map(brief);
    const wasKeys = new Set(wasFindings.map(briefKey));
    const isKeys = new Set(isFindings.map(briefKey));
    const pair = (is ?? was) as PairResult;
    diffs.push({
      document: pair.document,
      sender: pair.sender,
      receiver: pair.receiver,
      before: was?.status ?? 'absent',
      after: is?.status ?? 'absent',
      added: isFindings.filter((f) => !wasKeys.has(briefKey(f))),
      removed: wasFindings.filter((f) => !isKeys.has(briefKey(f))),
    });
  }
  return diffs.sort(
    (a, b) =>
      compareText(a.document, b.document) ||
      compareText(a.sender, b.sender) ||
      compareText(a.receiver, b.receiver),
  );
}

import { algorithmById, algorithmByUri, isAliasUri } from '../algorithms/registry.js';
import type { AlgorithmEntry } from '../algorithms/types.js';
import type { AlgorithmPolicyEntry, Level } from '../profiles/types.js';
import { isoDay } from './as-of.js';

/** What is known about the key that made a signature (from the verification step). */
export interface KeyFacts {
  bits?: number;
  curveOid?: string;
  curveName?: string;
}

export type Failure =
  | { aspect: 'name'; acceptedUris: string[] }
  | { aspect: 'key-size'; minKeyBits: number; actualBits: number }
  | { aspect: 'curve'; curves: string[]; actual: string }
  /** Outside the window of days on which it is evaluated (`notBefore` / `notAfter`). */
  | { aspect: 'date'; window: 'evaluation'; notBefore?: string; notAfter?: string }
  /** Made outside the window of signing days (`signedNotBefore` / `signedNotAfter`). */
  | {
      aspect: 'date';
      window: 'signing';
      signedNotBefore?: string;
      signedNotAfter?: string;
      /** The day the signature is taken to have been made. */
      day: string;
      /** signing-time: its signed signing time; evaluation: none usable, the as-of day. */
      judgedOn: 'signing-time' | 'evaluation-date';
    };

export type PolicyMatch =
  | { outcome: 'accepted'; entry: AlgorithmPolicyEntry; level: Level }
  | { outcome: 'unknown-uri'; uri: string }
  | { outcome: 'not-listed'; algorithm: AlgorithmEntry; accepted: AlgorithmPolicyEntry[] }
  | { outcome: 'rejected'; algorithm: AlgorithmEntry; failures: Failure[] };

/**
 * Matches an algorithm URI found in a document against a receiver's list. Several entries may
 * name one algorithm (e.g. RSA ≥ 3000 bits forever, RSA ≥ 1900 bits until a date): the URI is
 * accepted when any entry passes every condition; otherwise every condition that failed in
 * some entry is returned, so each rule can explain its own aspect.
 */
export function matchAlgorithm(
  uri: string,
  policy: readonly AlgorithmPolicyEntry[] | undefined,
  asOf: Date,
  key: KeyFacts = {},
  /** The day the signature was made, when a trustworthy one is known (rules/signing-day.ts). */
  signingDay?: string,
): PolicyMatch {
  const algorithm = algorithmByUri(uri);
  if (!algorithm) return { outcome: 'unknown-uri', uri };
  const entries = (policy ?? []).filter((entry) => entry.algorithm === algorithm.id);
  if (entries.length === 0)
    return { outcome: 'not-listed', algorithm, accepted: [...(policy ?? [])] };
  const failures: Failure[] = [];
  const day = isoDay(asOf);
  for (const entry of entries) {
    const own = entryFailures(entry, uri, day, key, signingDay);
    if (own.length === 0) return { outcome: 'accepted', entry, level: entry.level ?? 'error' };
    failures.push(...own);
  }
  return { outcome: 'rejected', algorithm, failures: latestWindowOnly(dedupe(failures)) };
}

/**
 * Several date windows can fail at once (RSA ≥ 1024 until 2019, RSA ≥ 1900 until 2028): the
 * window that closed last is the one worth naming.
 */
function latestWindowOnly(failures: Failure[]): Failure[] {
  const dates = failures.filter(
    (f): f is Extract<Failure, { aspect: 'date' }> => f.aspect === 'date',
  );
  if (dates.length < 2) return failures;
  const end = (f: Extract<Failure, { aspect: 'date' }>) =>
    (f.window === 'evaluation' ? f.notAfter : f.signedNotAfter) ?? '9999';
  const latest = dates.reduce((a, b) => (end(b) > end(a) ? b : a));
  return failures.filter((f) => f.aspect !== 'date' || f === latest);
}

function entryFailures(
  entry: AlgorithmPolicyEntry,
  uri: string,
  /** The as-of day, YYYY-MM-DD. */
  day: string,
  key: KeyFacts,
  signingDay: string | undefined,
): Failure[] {
  const failures: Failure[] = [];
  if (entry.uris && !entry.uris.includes(uri))
    failures.push({ aspect: 'name', acceptedUris: entry.uris });
  if (entry.minKeyBits !== undefined && key.bits !== undefined && key.bits < entry.minKeyBits) {
    failures.push({ aspect: 'key-size', minKeyBits: entry.minKeyBits, actualBits: key.bits });
  }
  if (entry.curves && key.curveOid !== undefined && !entry.curves.includes(key.curveOid)) {
    failures.push({ aspect: 'curve', curves: entry.curves, actual: key.curveName ?? key.curveOid });
  }
  if ((entry.notBefore && day < entry.notBefore) || (entry.notAfter && day > entry.notAfter)) {
    failures.push({
      aspect: 'date',
      window: 'evaluation',
      notBefore: entry.notBefore,
      notAfter: entry.notAfter,
    });
  }
  // Without a trustworthy signing time the signature may as well have been made today.
  const made = signingDay ?? day;
  if (
    (entry.signedNotBefore && made < entry.signedNotBefore) ||
    (entry.signedNotAfter && made > entry.signedNotAfter)
  ) {
    failures.push({
      aspect: 'date',
      window: 'signing',
      signedNotBefore: entry.signedNotBefore,
      signedNotAfter: entry.signedNotAfter,
      day: made,
      judgedOn: signingDay ? 'signing-time' : 'evaluation-date',
    });
  }
  return failures;
}

function dedupe(failures: Failure[]): Failure[] {
  const seen = new Set<string>();
  return failures.filter((f) => {
    const key = JSON.stringify(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const identities = new WeakMap<readonly AlgorithmPolicyEntry[], object>();
/** Identities of policy lists by content (profile content, never a document's). */
const identityByContent = new Map<string, object>();

/**
 * One object for every list of algorithm entries with the same content, whichever profile
 * carries it: the key under which a document's matches against the list are kept once per
 * document (RuleContext.memo), so that receivers with equal lists share them.
 */
export function policyIdentity(policy: readonly AlgorithmPolicyEntry[]): object {
  let identity = identities.get(policy);
  if (!identity) {
    const content = JSON.stringify(policy);
    identity = identityByContent.get(content) ?? { content };
    identityByContent.set(content, identity);
    identities.set(policy, identity);
  }
  return identity;
}

export function algorithmLabel(idOrUri: string): string {
  return (algorithmById(idOrUri) ?? algorithmByUri(idOrUri))?.name ?? idOrUri;
}

export function acceptedList(
  entries: readonly AlgorithmPolicyEntry[] | undefined,
  /** When given, entries outside their dates are left out: a hint never suggests SHA-1. */
  asOf?: Date,
): string {
  const day = asOf && isoDay(asOf);
  // A hint is for a new signature, made on that day: both windows must hold on it.
  const current = (entries ?? []).filter(
    (e) =>
      !day ||
      !(
        (e.notBefore && day < e.notBefore) ||
        (e.notAfter && day > e.notAfter) ||
        (e.signedNotBefore && day < e.signedNotBefore) ||
        (e.signedNotAfter && day > e.signedNotAfter)
      ),
  );
  const names = [...new Set(current.map((e) => algorithmLabel(e.algorithm)))];
  return names.length > 0 ? names.join(', ') : 'none';
}

/** "receiver knows this algorithm as <URI>" when only the name differs. */
export function aliasNote(algorithm: AlgorithmEntry, uri: string): string | undefined {
  return isAliasUri(algorithm, uri) ? `${uri} is an alias of ${algorithm.uris[0]}` : undefined;
}

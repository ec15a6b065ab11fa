import { constraintAjv } from '../constraints/constraints.js';
import { loadCodeLists } from '../constraints/code-lists.js';
import type { ProfileProblem, ProfileSet } from './read.js';
import type { ResolvedProfile } from './types.js';
import { compareText } from '../util/collate.js';

/**
 * A country code named as sender or receiver, resolved to the profile that speaks for it:
 * the profile with that id, else the jurisdiction that lists the code in `memberStates`
 * (DE → EU). `country` is set only in the second case, so reports can say "EU (DE)".
 */
export interface ResolvedCode {
  profile: ResolvedProfile;
  country?: string;
}

type Profiles = ProfileSet['profiles'];

const indexes = new WeakMap<Profiles, Map<string, ResolvedProfile>>();

/** Country code → the profile listing it. Built once per profile set; lint refuses overlaps. */
function memberIndex(profiles: Profiles): Map<string, ResolvedProfile> {
  let index = indexes.get(profiles);
  if (!index) {
    index = new Map();
    for (const profile of profiles.values()) {
      for (const country of profile.memberStates?.countries ?? []) {
        if (!index.has(country)) index.set(country, profile);
      }
    }
    indexes.set(profiles, index);
  }
  return index;
}

/** The profile for a code: exact id first, then membership; undefined when neither. */
export function resolveProfileCode(profiles: Profiles, code: string): ResolvedCode | undefined {
  const exact = profiles.get(code);
  if (exact) return { profile: exact };
  const owner = memberIndex(profiles).get(code);
  return owner ? { profile: owner, country: code } : undefined;
}

/**
 * Problems with `memberStates` across the set and per profile: only a jurisdiction speaks for
 * member states (a baseline is never a sender, a gateway re-signs for others); each code is an
 * ISO 3166-1 alpha-2 code; and no country is claimed by two profiles, since its documents would
 * then be judged by whichever profile happened to load first.
 */
export function memberStateProblems(profiles: Profiles): ProfileProblem[] {
  const problems: ProfileProblem[] = [];
  const isIso = isoCountryTest();
  const claimedBy = new Map<string, ResolvedProfile>();
  const ordered = [...profiles.values()].sort((a, b) => compareText(a.id, b.id));
  for (const profile of ordered) {
    const members = profile.memberStates;
    if (!members) continue;
    if (profile.kind !== 'jurisdiction') {
      problems.push({
        file: profile.file,
        pointer: '/memberStates',
        message: `a ${profile.kind} profile cannot speak for member states (only a jurisdiction is a sender)`,
      });
    }
    members.countries.forEach((country, i) => {
      const pointer = `/memberStates/countries/${i}`;
      if (isIso && isIso(country) !== true) {
        problems.push({
          file: profile.file,
          pointer,
          message: `"${country}" is not an ISO 3166-1 alpha-2 code`,
        });
      }
      const other = claimedBy.get(country);
      if (other && other !== profile) {
        problems.push({
          file: profile.file,
          pointer,
          message: `${country} is also a member state of ${other.id}: a country’s documents must map to one profile`,
        });
      } else {
        claimedBy.set(country, profile);
      }
    });
  }
  return problems;
}

const ISO_3166 = 'urn:corridor:code-list:iso3166-alpha2';
/** Members of a code list that only describe it: the rest must be `type` and `enum` alone. */
const DESCRIPTIVE = new Set(['$schema', '$id', 'title', 'description']);

/**
 * Whether a code is in the ISO 3166 code list (undefined: no such list shipped). The shipped
 * list is a plain enumeration of strings, read as a set, so that lint needs no ajv instance
 * (making one, with the code lists, is ~10 ms of every start); a list of another shape is
 * still compiled.
 */
function isoCountryTest(): ((code: string) => boolean) | undefined {
  const list = loadCodeLists().find((schema) => (schema as { $id?: unknown }).$id === ISO_3166) as
    Record<string, unknown> | undefined;
  if (!list) return undefined;
  const shape = Object.keys(list).filter((key) => !DESCRIPTIVE.has(key));
  const codes = list['enum'];
  if (
    list['type'] === 'string' &&
    shape.length === 2 &&
    Array.isArray(codes) &&
    codes.every((code) => typeof code === 'string')
  ) {
    const set = new Set(codes as string[]);
    return (code) => set.has(code);
  }
  const validate = constraintAjv().getSchema(ISO_3166);
  return validate ? (code) => validate(code) === true : undefined;
}

import { relative, sep } from 'node:path';
import { resolveProfileCode } from '../../profiles/members.js';
import type { ResolvedProfile } from '../../profiles/types.js';
import { loadProfileDescriptions } from '../../profiles/read.js';
import { UserError } from '../../util/errors.js';
import { emit } from '../options.js';
import type { CommandResult } from '../result.js';
import { compareText } from '../../util/collate.js';

/** `corridor profiles list`. */
export function profilesListAction(options: { profiles?: string; format: string }): CommandResult {
  const set = loadProfileDescriptions(options.profiles);
  const rows = [...set.profiles.values()].sort((a, b) => compareText(a.id, b.id));
  if (options.format === 'json') {
    emit(JSON.stringify(rows.map(profileRow), null, 2), undefined);
  } else {
    const lines = rows.map(
      (p) =>
        `${p.id.padEnd(10)} ${p.kind.padEnd(12)} ${p.version.padEnd(10)} ${p.name}${p.lineage.length > 1 ? `  (extends ${p.lineage.slice(0, -1).join(' → ')})` : ''}${p.memberStates ? `  [member states: ${p.memberStates.countries.join(' ')}]` : ''}`,
    );
    emit(
      [`${'ID'.padEnd(10)} ${'KIND'.padEnd(12)} ${'VERSION'.padEnd(10)} NAME`, ...lines].join('\n'),
      undefined,
    );
  }
  return { exitCode: 0 };
}

/** `corridor profiles show <id>`: a member state's code shows its union's profile. */
export function profilesShowAction(id: string, options: { profiles?: string }): CommandResult {
  const set = loadProfileDescriptions(options.profiles);
  const resolved = resolveProfileCode(set.profiles, id);
  if (!resolved)
    throw new UserError(
      `unknown profile: ${id} (known: ${[...set.profiles.keys()].sort().join(', ')})`,
    );
  const profile = resolved.profile;
  // On stderr, so that stdout stays one JSON document.
  if (resolved.country)
    process.stderr.write(`${id} is a member state of ${profile.id}; showing ${profile.id}\n`);
  emit(JSON.stringify(profileShown(profile), null, 2), undefined);
  return { exitCode: 0 };
}

/** One row of `profiles list --format json` (and of `GET /v1/profiles`). */
export function profileRow(p: ResolvedProfile): Record<string, unknown> {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    version: p.version,
    lineage: p.lineage,
    ...(p.memberStates ? { memberStates: p.memberStates.countries } : {}),
  };
}

/**
 * A resolved profile as `profiles show` prints it; `GET /v1/profiles/{id}` passes the profiles
 * folder as `base`, so anchors are named relative to it and the server's paths stay private.
 */
export function profileShown(profile: ResolvedProfile, base?: string): Record<string, unknown> {
  const { anchors, ...shown } = profile;
  const name = (file: string) => (base ? relative(base, file).split(sep).join('/') : file);
  return { ...shown, anchors: anchors.map((a) => name(a.file)) };
}

import { resolveProfileCode } from '../../profiles/members.js';
import { loadProfileDescriptions } from '../../profiles/read.js';
import { UserError } from '../../util/errors.js';
import { emit } from '../options.js';
import type { CommandResult } from '../result.js';

/** `corridor profiles list`. */
export function profilesListAction(options: { profiles?: string; format: string }): CommandResult {
  const set = loadProfileDescriptions(options.profiles);
  const rows = [...set.profiles.values()].sort((a, b) => a.id.localeCompare(b.id));
  if (options.format === 'json') {
    emit(
      JSON.stringify(
        rows.map((p) => ({
          id: p.id,
          name: p.name,
          kind: p.kind,
          version: p.version,
          lineage: p.lineage,
          ...(p.memberStates ? { memberStates: p.memberStates.countries } : {}),
        })),
        null,
        2,
      ),
      undefined,
    );
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
  const { anchors, ...shown } = profile;
  emit(JSON.stringify({ ...shown, anchors: anchors.map((a) => a.file) }, null, 2), undefined);
  return { exitCode: 0 };
}

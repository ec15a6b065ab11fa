import type { Command } from 'commander';
import { loadProfiles, formatProblem } from '../../profiles/load.js';
import { lintProfiles } from '../../profiles/lint.js';
import { UserError } from '../../util/errors.js';
import { emit } from '../options.js';
import type { CommandResult } from '../result.js';

export function registerProfilesCommand(
  program: Command,
  done: (result: CommandResult) => void,
): void {
  const profiles = program
    .command('profiles')
    .description('list, show and lint jurisdiction profiles');

  profiles
    .command('list')
    .description('list the profiles with kind, version and parents')
    .option('--profiles <dir>', 'profiles folder (default: the shipped profiles)')
    .option('-f, --format <format>', 'text or json', 'text')
    .action((options: { profiles?: string; format: string }) => {
      const set = loadProfiles(options.profiles);
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
            })),
            null,
            2,
          ),
          undefined,
        );
      } else {
        const lines = rows.map(
          (p) =>
            `${p.id.padEnd(10)} ${p.kind.padEnd(12)} ${p.version.padEnd(10)} ${p.name}${p.lineage.length > 1 ? `  (extends ${p.lineage.slice(0, -1).join(' → ')})` : ''}`,
        );
        emit(
          [`${'ID'.padEnd(10)} ${'KIND'.padEnd(12)} ${'VERSION'.padEnd(10)} NAME`, ...lines].join(
            '\n',
          ),
          undefined,
        );
      }
      done({ exitCode: 0 });
    });

  profiles
    .command('show')
    .description('print a profile as resolved after `extends`, as JSON')
    .argument('<id>', 'profile id')
    .option('--profiles <dir>', 'profiles folder (default: the shipped profiles)')
    .action((id: string, options: { profiles?: string }) => {
      const set = loadProfiles(options.profiles);
      const profile = set.profiles.get(id);
      if (!profile)
        throw new UserError(
          `unknown profile: ${id} (known: ${[...set.profiles.keys()].sort().join(', ')})`,
        );
      const { anchors, ...shown } = profile;
      emit(JSON.stringify({ ...shown, anchors: anchors.map((a) => a.file) }, null, 2), undefined);
      done({ exitCode: 0 });
    });

  profiles
    .command('lint')
    .description('validate profiles: schema, extends, algorithm ids, sources, constraints, anchors')
    .argument('[dir]', 'profiles folder (default: the shipped profiles)')
    .action((dir: string | undefined) => {
      const set = loadProfiles(dir);
      const report = lintProfiles(set);
      const lines = report.errors.map((p) => `error  ${formatProblem(p)}`);
      lines.push(
        `${set.profiles.size} profiles, ${report.errors.length} errors, ${report.unconfirmed.length} unconfirmed facts (marked "confirmed": false)`,
      );
      emit(lines.join('\n'), undefined);
      done({ exitCode: report.errors.length > 0 ? 2 : 0 });
    });
}

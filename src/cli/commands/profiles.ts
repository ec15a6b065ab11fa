import { Option, type Command } from 'commander';
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
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['text', 'json'])
        .default('text'),
    )
    .action(async (options: { profiles?: string; format: string }) => {
      const { profilesListAction } = await import('../actions/profiles.js');
      done(profilesListAction(options));
    });

  profiles
    .command('show')
    .description('print a profile as resolved after `extends`, as JSON')
    .argument('<id>', 'profile id')
    .option('--profiles <dir>', 'profiles folder (default: the shipped profiles)')
    .action(async (id: string, options: { profiles?: string }) => {
      const { profilesShowAction } = await import('../actions/profiles.js');
      done(profilesShowAction(id, options));
    });

  profiles
    .command('lint')
    .description(
      'validate profiles (schema, extends, algorithm ids, sources, constraints, anchors) and list the unconfirmed facts',
    )
    .argument('[dir]', 'profiles folder (default: the shipped profiles)')
    .option('-f, --format <format>', 'text or json', 'text')
    .action(async (dir: string | undefined, options: { format: string }) => {
      const { profilesLintAction } = await import('../actions/profiles-lint.js');
      done(profilesLintAction(dir, options));
    });
}

import type { Command } from 'commander';
import { PROFILE_DIFF_FORMATS } from '../../report/index.js';
import type { ProfilesDiffOptions } from '../actions/profiles-diff.js';
import type { CommandResult } from '../result.js';

/**
 * `corridor profiles diff` — registered under the existing `profiles` command (kept in its own
 * file so the profiles command file stays about listing, showing and linting).
 */
export function registerProfilesDiffCommand(
  program: Command,
  done: (result: CommandResult) => void,
): void {
  const profiles =
    program.commands.find((command) => command.name() === 'profiles') ??
    program.command('profiles');
  profiles
    .command('diff')
    .description(
      'what a profile change breaks: the matrix with old and new profiles on the same documents',
    )
    .argument('<old>', 'profiles folder, or one profile file laid over --profiles')
    .argument('<new>', 'profiles folder, or one profile file laid over --profiles')
    .option('--docs <dir>', 'documents folder (default: the shipped fixtures/documents)')
    .option(
      '--profiles <dir>',
      'base folder for a profile file argument (default: the shipped profiles)',
    )
    .option('--as-of <date>', 'evaluate on this date (YYYY-MM-DD; default: today)')
    .option('-f, --format <format>', `output format: ${PROFILE_DIFF_FORMATS.join(', ')}`, 'text')
    .option('-o, --output <file>', 'write the report to a file')
    .option('--fail-on-worse', 'exit 1 when any cell or document gets a worse status')
    .action(async (oldPath: string, newPath: string, options: ProfilesDiffOptions) => {
      const { profilesDiffAction } = await import('../actions/profiles-diff.js');
      done(profilesDiffAction(oldPath, newPath, options));
    });
}

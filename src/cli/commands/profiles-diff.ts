import type { Command } from 'commander';
import { diffProfiles, isWorse } from '../../engine/profile-diff.js';
import { findDocuments, loadDocument } from '../../engine/run.js';
import { loadProfileSource } from '../../profiles/overlay.js';
import { PROFILE_DIFF_FORMATS, formatProfileDiff } from '../../report/profile-diff.js';
import { UserError } from '../../util/errors.js';
import { emit, parseAsOf, displayPaths } from '../options.js';
import { progressBar } from '../progress.js';
import type { CommandResult } from '../result.js';
import { SHIPPED_DOCUMENTS_DIR } from './matrix.js';

interface ProfilesDiffOptions {
  docs?: string;
  profiles?: string;
  asOf?: string;
  format: string;
  output?: string;
  failOnWorse?: boolean;
}

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
    .action((oldPath: string, newPath: string, options: ProfilesDiffOptions) => {
      if (!(PROFILE_DIFF_FORMATS as readonly string[]).includes(options.format)) {
        throw new UserError(
          `unknown --format "${options.format}" for profiles diff (available: ${PROFILE_DIFF_FORMATS.join(', ')})`,
        );
      }
      const asOf = parseAsOf(options.asOf);
      const oldSet = loadProfileSource(oldPath, options.profiles);
      const newSet = loadProfileSource(newPath, options.profiles);
      const files = displayPaths(findDocuments(options.docs ?? SHIPPED_DOCUMENTS_DIR));
      const tick = progressBar();
      const documents = files.map((file, index) => {
        const loaded = loadDocument(file, undefined, asOf);
        tick?.(index + 1, files.length);
        return loaded;
      });
      const result = diffProfiles(documents, {
        old: { source: oldPath, profiles: oldSet },
        new: { source: newPath, profiles: newSet },
        asOf,
      });
      emit(formatProfileDiff(result, options.format), options.output);
      const worse = result.cells.some(isWorse) || result.pairs.some(isWorse);
      done({ exitCode: options.failOnWorse && worse ? 1 : 0 });
    });
}

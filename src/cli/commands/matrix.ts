import type { Command } from 'commander';
import type { MatrixOptions } from '../actions/matrix.js';
import { baselineOption, maxWarningsOption, shardOption } from '../gate-options.js';
import { FORMAT_HELP } from '../options.js';
import { configOption, noConfigOption, outputOption } from '../output-options.js';
import type { CommandResult } from '../result.js';
import { DOCTYPES_OPTION_HELP, documentTypeReadOptions } from '../doctype-options.js';
import { maxBytesOption, maxFindingsOption } from '../../security/options.js';
import { certsOption, crlOption, requireRevocationOption } from '../key-options.js';

export function registerMatrixCommand(
  program: Command,
  done: (result: CommandResult) => void,
): void {
  program
    .command('matrix')
    .description(
      'evaluate every document against every receiver profile and show who can exchange what',
    )
    .option('--profiles <dir>', 'profiles folder (default: the shipped profiles)')
    .option('--doctypes <dir>', DOCTYPES_OPTION_HELP)
    .option('--docs <dir>', 'documents folder (default: the shipped fixtures/documents)')
    .option('--as-of <date>', 'evaluate on this date (YYYY-MM-DD; default: today)')
    .option(
      '--until <date>',
      'also forecast which cells change status after --as-of, up to this date (YYYY-MM-DD)',
    )
    .option('-f, --format <format>', FORMAT_HELP())
    .addOption(outputOption())
    .addOption(configOption())
    .addOption(noConfigOption())
    .option(
      '--fail-on <level>',
      'exit 1 on findings at this level: error, warning, never (default: never)',
    )
    .addOption(maxWarningsOption())
    .addOption(baselineOption())
    .addOption(shardOption())
    .addOption(maxBytesOption())
    .addOption(maxFindingsOption())
    .option(
      '--follow-symlinks',
      'read symbolic links under --docs that point outside it (default: a finding, not read)',
    )
    .addOption(certsOption())
    .option(
      '--jobs <n>',
      'threads that evaluate documents: a number, or auto (every core, up to 4, from 2,000 documents up)',
      'auto',
    )
    .addOption(crlOption())
    .addOption(requireRevocationOption())
    .action(async (options: MatrixOptions) => {
      const { matrixAction } = await import('../actions/matrix.js');
      // The config's doctypes folder too: the definitions are read before the action runs.
      const { withConfig } = await import('../config.js');
      const withDoctypes = withConfig(options, ['doctypes']);
      done(
        await matrixAction(
          withDoctypes,
          // libxml2 loads when a document needs it (or up front for worker threads: the action).
          await documentTypeReadOptions(withDoctypes, { lazy: true }),
        ),
      );
    });
}

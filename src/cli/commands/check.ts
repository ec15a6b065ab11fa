import type { Command } from 'commander';
import type { CheckOptions } from '../actions/check.js';
import { baselineOption, maxWarningsOption, shardOption } from '../gate-options.js';
import { FORMAT_HELP } from '../options.js';
import { configOption, noConfigOption, outputOption } from '../output-options.js';
import type { CommandResult } from '../result.js';
import { DOCTYPES_OPTION_HELP, documentTypeReadOptions } from '../doctype-options.js';
import { maxBytesOption, maxFindingsOption } from '../../security/options.js';
import { contentOption } from '../content-option.js';
import { certsOption, crlOption, requireRevocationOption } from '../key-options.js';

export function registerCheckCommand(
  program: Command,
  done: (result: CommandResult) => void,
): void {
  program
    .command('check')
    .description('check documents sent from one jurisdiction to one or more receivers')
    .argument('<files...>', 'XML or JSON documents')
    .option(
      '--from <id>',
      'sender profile or member-state code, e.g. DE for EU (default: each document’s issuing country)',
    )
    .option(
      '--to <ids>',
      'receiver profile ids or member-state codes, comma-separated, or "all"',
      'all',
    )
    .option('--profiles <dir>', 'profiles folder (default: the shipped profiles)')
    .option('--doctypes <dir>', DOCTYPES_OPTION_HELP)
    .option('--as-of <date>', 'evaluate on this date (YYYY-MM-DD; default: today)')
    .option('-f, --format <format>', FORMAT_HELP())
    .addOption(outputOption())
    .addOption(configOption())
    .addOption(noConfigOption())
    .option(
      '--fail-on <level>',
      'exit 1 on findings at this level: error, warning, never (default: error)',
    )
    .addOption(maxWarningsOption())
    .addOption(baselineOption())
    .addOption(shardOption())
    .addOption(maxBytesOption())
    .addOption(maxFindingsOption())
    .addOption(certsOption())
    .addOption(contentOption())
    .addOption(crlOption())
    .addOption(requireRevocationOption())
    .action(async (files: string[], options: CheckOptions) => {
      // Loaded on use: `--help` and the other commands do not pay for the engine.
      const { checkAction } = await import('../actions/check.js');
      // The config's doctypes folder too: the definitions are read before the action runs.
      const { withConfig } = await import('../config.js');
      const withDoctypes = withConfig(options, ['doctypes']);
      const documentTypes = await documentTypeReadOptions(withDoctypes, { lazy: true });
      done(await checkAction(files, withDoctypes, documentTypes));
    });
}

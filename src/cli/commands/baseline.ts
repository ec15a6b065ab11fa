import type { Command } from 'commander';
import type { BaselineCreateOptions } from '../actions/baseline.js';
import { shardOption } from '../gate-options.js';
import { configOption, noConfigOption } from '../output-options.js';
import type { CommandResult } from '../result.js';

export function registerBaselineCommand(
  program: Command,
  done: (result: CommandResult) => void,
): void {
  const baseline = program
    .command('baseline')
    .description('record known findings so a CI gate fails only on new ones');

  baseline
    .command('create')
    .description(
      'run check (with files) or matrix (without) and write every error and warning as a baseline',
    )
    .argument('[files...]', 'documents to check (default: the matrix over --docs)')
    .requiredOption('-o, --output <file>', 'baseline file to write')
    .option(
      '--from <id>',
      'sender profile or member-state code (check; default: each document’s issuing country)',
    )
    .option(
      '--to <ids>',
      'receiver profile ids or member-state codes, comma-separated, or "all" (check)',
      'all',
    )
    .option('--docs <dir>', 'documents folder (matrix; default: the shipped fixtures/documents)')
    .option('--profiles <dir>', 'profiles folder (default: the shipped profiles)')
    .option('--as-of <date>', 'evaluate on this date (YYYY-MM-DD; default: today)')
    .addOption(shardOption())
    .addOption(configOption())
    .addOption(noConfigOption())
    .action(async (files: string[], options: BaselineCreateOptions) => {
      const { baselineCreateAction } = await import('../actions/baseline.js');
      done(baselineCreateAction(files, options));
    });
}

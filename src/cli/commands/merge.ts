import type { Command } from 'commander';
import type { MergeOptions } from '../actions/merge.js';
import { FORMAT_HELP } from '../options.js';
import { configOption, noConfigOption, outputOption } from '../output-options.js';
import type { CommandResult } from '../result.js';

export function registerMergeCommand(
  program: Command,
  done: (result: CommandResult) => void,
): void {
  program
    .command('merge')
    .description('combine `--shard` JSON results into one matrix (cells recomputed from the pairs)')
    .argument('<json...>', 'results of `check` or `matrix` with --format json')
    .option(
      '--profiles <dir>',
      'the profiles the shards ran with, to recompute gateway routes (default: the shipped profiles)',
    )
    .option('-f, --format <format>', FORMAT_HELP())
    .addOption(outputOption())
    .addOption(configOption())
    .addOption(noConfigOption())
    .option(
      '--fail-on <level>',
      'exit 1 on findings at this level: error, warning, never (default: never)',
    )
    .action(async (files: string[], options: MergeOptions) => {
      const { mergeAction } = await import('../actions/merge.js');
      done(await mergeAction(files, options));
    });
}

import type { Command } from 'commander';
import { mergeResults, needsProfiles, readResult } from '../../engine/merge.js';
import { loadProfiles } from '../../profiles/load.js';
import { emit, exitCodeFor, formatResult, parseFailOn, useColor, FORMAT_HELP } from '../options.js';
import type { CommandResult } from '../result.js';

interface MergeOptions {
  profiles?: string;
  format: string;
  output?: string;
  failOn?: string;
}

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
    .option('-f, --format <format>', FORMAT_HELP(), 'text')
    .option('-o, --output <file>', 'write the report to a file')
    .option(
      '--fail-on <level>',
      'exit 1 on findings at this level: error, warning, never (default: never)',
    )
    .action((files: string[], options: MergeOptions) => {
      const failOn = parseFailOn(options.failOn, 'never');
      const inputs = files.map(readResult);
      const profiles = needsProfiles(inputs) ? loadProfiles(options.profiles) : undefined;
      const result = mergeResults(inputs, profiles);
      emit(formatResult(result, options.format, useColor(options.output)), options.output);
      done({ exitCode: exitCodeFor(result, failOn) });
    });
}

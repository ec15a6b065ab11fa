import type { Command } from 'commander';
import { run } from '../../engine/run.js';
import { loadProfiles } from '../../profiles/load.js';
import {
  emit,
  formatResult,
  parseAsOf,
  parseFailOn,
  parseList,
  useColor,
  FORMAT_HELP,
} from '../options.js';
import {
  baselineOption,
  maxWarningsOption,
  prepareGate,
  shardOption,
  type GateOptions,
} from '../gate.js';
import { limitsFromOptions, maxBytesOption } from '../../security/options.js';
import type { CommandResult } from '../result.js';

interface CheckOptions extends GateOptions {
  maxBytes?: string;
  from?: string;
  to: string;
  profiles?: string;
  asOf?: string;
  format: string;
  output?: string;
  failOn?: string;
}

export function registerCheckCommand(
  program: Command,
  done: (result: CommandResult) => void,
): void {
  program
    .command('check')
    .description('check documents sent from one jurisdiction to one or more receivers')
    .argument('<files...>', 'XML or JSON documents')
    .option('--from <id>', 'sender profile (default: each document’s issuing country)')
    .option('--to <ids>', 'receiver profile ids, comma-separated, or "all"', 'all')
    .option('--profiles <dir>', 'profiles folder (default: the shipped profiles)')
    .option('--as-of <date>', 'evaluate on this date (YYYY-MM-DD; default: today)')
    .option('-f, --format <format>', FORMAT_HELP(), 'text')
    .option('-o, --output <file>', 'write the report to a file')
    .option('--fail-on <level>', 'exit 1 on findings at this level: error, warning, never', 'error')
    .addOption(maxWarningsOption())
    .addOption(baselineOption())
    .addOption(shardOption())
    .addOption(maxBytesOption())
    .action((files: string[], options: CheckOptions) => {
      const gate = prepareGate(options);
      const profiles = loadProfiles(options.profiles);
      const asOf = parseAsOf(options.asOf);
      const raw = run({
        kind: 'check',
        profiles,
        files: gate.select(files, '.'),
        asOf,
        read: { limits: limitsFromOptions(options) },
        receivers: options.to === 'all' ? 'all' : parseList(options.to),
        from: options.from,
      });
      const result = gate.apply(raw, { profiles, asOf });
      emit(formatResult(result, options.format, useColor(options.output)), options.output);
      done({ exitCode: gate.exitCode(result, parseFailOn(options.failOn, 'error')) });
    });
}

import type { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { findDocuments, run } from '../../engine/run.js';
import { loadProfiles } from '../../profiles/load.js';
import {
  emit,
  formatResult,
  parseAsOf,
  parseFailOn,
  useColor,
  FORMAT_HELP,
  displayPaths,
} from '../options.js';
import {
  baselineOption,
  maxWarningsOption,
  prepareGate,
  shardOption,
  type GateOptions,
} from '../gate.js';
import { progressBar } from '../progress.js';
import { limitsFromOptions, maxBytesOption } from '../../security/options.js';
import type { CommandResult } from '../result.js';

export const SHIPPED_DOCUMENTS_DIR = fileURLToPath(
  new URL('../../../fixtures/documents', import.meta.url),
);

interface MatrixOptions extends GateOptions {
  maxBytes?: string;
  profiles?: string;
  docs?: string;
  asOf?: string;
  format: string;
  output?: string;
  failOn?: string;
}

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
    .option('--docs <dir>', 'documents folder (default: the shipped fixtures/documents)')
    .option('--as-of <date>', 'evaluate on this date (YYYY-MM-DD; default: today)')
    .option('-f, --format <format>', FORMAT_HELP(), 'text')
    .option('-o, --output <file>', 'write the report to a file')
    .option(
      '--fail-on <level>',
      'exit 1 on findings at this level: error, warning, never (default: never)',
    )
    .addOption(maxWarningsOption())
    .addOption(baselineOption())
    .addOption(shardOption())
    .addOption(maxBytesOption())
    .action((options: MatrixOptions) => {
      const gate = prepareGate(options);
      const profiles = loadProfiles(options.profiles);
      const asOf = parseAsOf(options.asOf);
      const docs = options.docs ?? SHIPPED_DOCUMENTS_DIR;
      const raw = run({
        kind: 'matrix',
        profiles,
        files: displayPaths(gate.select(findDocuments(docs), docs)),
        asOf,
        read: { limits: limitsFromOptions(options) },
        receivers: 'all',
        onDocument: progressBar(),
      });
      const result = gate.apply(raw, { profiles, asOf });
      emit(formatResult(result, options.format, useColor(options.output)), options.output);
      done({ exitCode: gate.exitCode(result, parseFailOn(options.failOn, 'never')) });
    });
}

import type { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { findDocuments, run } from '../../engine/run.js';
import { loadProfiles } from '../../profiles/load.js';
import {
  emit,
  exitCodeFor,
  formatResult,
  parseAsOf,
  parseFailOn,
  useColor,
  FORMAT_HELP,
} from '../options.js';
import type { CommandResult } from '../result.js';

export const SHIPPED_DOCUMENTS_DIR = fileURLToPath(
  new URL('../../../fixtures/documents', import.meta.url),
);

interface MatrixOptions {
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
    .action((options: MatrixOptions) => {
      const profiles = loadProfiles(options.profiles);
      const result = run({
        kind: 'matrix',
        profiles,
        files: findDocuments(options.docs ?? SHIPPED_DOCUMENTS_DIR),
        asOf: parseAsOf(options.asOf),
        receivers: 'all',
      });
      emit(formatResult(result, options.format, useColor(options.output)), options.output);
      done({ exitCode: exitCodeFor(result, parseFailOn(options.failOn, 'never')) });
    });
}

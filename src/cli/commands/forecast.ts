import type { Command } from 'commander';
import { forecast } from '../../engine/forecast.js';
import { findDocuments, loadDocument } from '../../engine/run.js';
import { loadProfiles } from '../../profiles/load.js';
import { FORECAST_FORMATS, formatForecast } from '../../report/forecast.js';
import { UserError } from '../../util/errors.js';
import { emit, parseAsOf, displayPaths } from '../options.js';
import { progressBar } from '../progress.js';
import type { CommandResult } from '../result.js';
import { SHIPPED_DOCUMENTS_DIR } from './matrix.js';

interface ForecastOptions {
  profiles?: string;
  docs?: string;
  from?: string;
  until?: string;
  format: string;
  output?: string;
}

/** `parseAsOf` names --as-of in its messages; forecast's dates have their own names. */
function parseDate(value: string | undefined, option: string): Date | undefined {
  if (value === undefined) return undefined;
  try {
    return parseAsOf(value);
  } catch (error) {
    if (error instanceof UserError) throw new UserError(error.message.replace('--as-of', option));
    throw error;
  }
}

export function registerForecastCommand(
  program: Command,
  done: (result: CommandResult) => void,
): void {
  program
    .command('forecast')
    .description(
      'the dates on which a matrix cell changes status, and why (algorithm sunsets, expiring certificates)',
    )
    .option('--profiles <dir>', 'profiles folder (default: the shipped profiles)')
    .option('--docs <dir>', 'documents folder (default: the shipped fixtures/documents)')
    .option('--from <date>', 'first day (YYYY-MM-DD; default: today)')
    .option('--until <date>', 'last day (YYYY-MM-DD; default: --from + 5 years)')
    .option('-f, --format <format>', `output format: ${FORECAST_FORMATS.join(', ')}`, 'text')
    .option('-o, --output <file>', 'write the report to a file')
    .action((options: ForecastOptions) => {
      if (!(FORECAST_FORMATS as readonly string[]).includes(options.format)) {
        throw new UserError(
          `unknown --format "${options.format}" for forecast (available: ${FORECAST_FORMATS.join(', ')})`,
        );
      }
      const from = parseDate(options.from, '--from') ?? parseAsOf(undefined);
      const until = parseDate(options.until, '--until') ?? fiveYearsAfter(from);
      if (until < from) throw new UserError('--until is before --from');
      const profiles = loadProfiles(options.profiles);
      const files = displayPaths(findDocuments(options.docs ?? SHIPPED_DOCUMENTS_DIR));
      const tick = progressBar();
      const documents = files.map((file, index) => {
        const loaded = loadDocument(file, undefined, from);
        tick?.(index + 1, files.length);
        return loaded;
      });
      const result = forecast(documents, { profiles, from, until });
      emit(formatForecast(result, options.format), options.output);
      done({ exitCode: 0 });
    });
}

function fiveYearsAfter(date: Date): Date {
  const until = new Date(date);
  until.setUTCFullYear(until.getUTCFullYear() + 5);
  return until;
}

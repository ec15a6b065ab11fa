import type { Command } from 'commander';
import type { ForecastOptions } from '../actions/forecast.js';
import { FORECAST_FORMATS } from '../../report/index.js';
import type { CommandResult } from '../result.js';

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
    .option(
      '--fail-on <level>',
      'exit 1 when a cell gets worse by --until and reaches this level: error (it will fail), ' +
        'warning (it will warn or fail), never (default: never)',
    )
    .action(async (options: ForecastOptions) => {
      const { forecastAction } = await import('../actions/forecast.js');
      done(forecastAction(options));
    });
}

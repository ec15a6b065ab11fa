import { forecast } from '../../engine/forecast.js';
import { findDocuments, loadDocument } from '../../engine/run.js';
import { loadProfiles } from '../../profiles/load.js';
import { FORECAST_FORMATS, formatForecast } from '../../report/forecast.js';
import { UserError } from '../../util/errors.js';
import { forecastExitCode } from '../forecast-gate.js';
import { displayPaths, emit, parseAsOf, parseFailOn } from '../options.js';
import { progressBar } from '../progress.js';
import type { CommandResult } from '../result.js';
import { SHIPPED_DOCUMENTS_DIR } from '../shipped.js';

export interface ForecastOptions {
  profiles?: string;
  docs?: string;
  from?: string;
  until?: string;
  format: string;
  output?: string;
  failOn?: string;
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

/** `corridor forecast`: the matrix on every date something can change, until `--until`. */
export function forecastAction(options: ForecastOptions): CommandResult {
  if (!(FORECAST_FORMATS as readonly string[]).includes(options.format)) {
    throw new UserError(
      `unknown --format "${options.format}" for forecast (available: ${FORECAST_FORMATS.join(', ')})`,
    );
  }
  const failOn = parseFailOn(options.failOn, 'never');
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
  return { exitCode: forecastExitCode(result, failOn) };
}

function fiveYearsAfter(date: Date): Date {
  const until = new Date(date);
  until.setUTCFullYear(until.getUTCFullYear() + 5);
  return until;
}

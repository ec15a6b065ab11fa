import type { ForecastChange, ForecastResult } from '../engine/forecast.js';
import type { CellStatus } from '../engine/types.js';
import type { FailOn } from './options.js';

const RANK: Record<CellStatus, number> = { ok: 0, warn: 1, fail: 2 };
const LEVEL: Record<Exclude<FailOn, 'never'>, CellStatus> = { error: 'fail', warning: 'warn' };

/**
 * The changes that trip `forecast --fail-on`: a cell gets worse on some date up to `--until`
 * and its new status is at or above the level (`error`: it will fail; `warning`: it will warn
 * or fail). A cell that already fails on `--from` is `matrix --fail-on`'s business, not a
 * forecast, so it trips only if it recovers and fails again. Route changes alone do not count:
 * like `check` and `matrix`, the gate reads the direct status.
 */
export function forecastBreaks(result: ForecastResult, failOn: FailOn): ForecastChange[] {
  if (failOn === 'never') return [];
  const threshold = RANK[LEVEL[failOn]];
  return result.changes.filter(
    (change) => RANK[change.after] > RANK[change.before] && RANK[change.after] >= threshold,
  );
}

/** Exit 1 when something breaks within the period, naming each cell on stderr. */
export function forecastExitCode(result: ForecastResult, failOn: FailOn): 0 | 1 {
  const breaks = forecastBreaks(result, failOn);
  if (breaks.length === 0) return 0;
  const lines = [
    `corridor: ${breaks.length} cell change${breaks.length === 1 ? '' : 's'} reach --fail-on ${failOn} by ${result.until}:`,
    ...breaks.map(
      (change) =>
        `  ${change.sender} → ${change.receiver}: ${change.before} → ${change.after} from ${change.date}`,
    ),
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
  return 1;
}

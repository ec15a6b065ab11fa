import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ForecastChange, ForecastResult } from '../../src/engine/forecast.js';
import type { CellStatus } from '../../src/engine/types.js';
import { forecastBreaks, forecastExitCode } from '../../src/cli/forecast-gate.js';

const change = (
  receiver: string,
  before: CellStatus,
  after: CellStatus,
  date = '2028-01-01',
  extra: Partial<ForecastChange> = {},
): ForecastChange => ({ date, sender: 'AA', receiver, before, after, reasons: [], ...extra });

const result = (changes: ForecastChange[]): ForecastResult => ({
  kind: 'forecast',
  tool: { name: 'corridor', version: '0.0.0' },
  from: '2026-01-01',
  until: '2030-12-31',
  profiles: ['AA', 'OK', 'WF', 'OW', 'FO', 'RT'],
  profileVersions: {},
  documents: 1,
  candidates: ['2028-01-01', '2029-01-01'],
  changes,
});

const receivers = (changes: ForecastChange[]) => changes.map((c) => `${c.receiver}@${c.date}`);

describe('forecast --fail-on', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const mixed = result([
    change('OK', 'ok', 'fail'), // will fail
    change('WF', 'warn', 'fail'), // warns today, will fail
    change('OW', 'ok', 'warn'), // will warn
    change('FO', 'fail', 'ok'), // recovers: never a break
    change('FO', 'ok', 'fail', '2029-01-01'), // ...then fails again: a break
    change('RT', 'fail', 'fail', '2029-01-01', { routeBefore: 'gateway', routeAfter: 'none' }),
  ]);

  it('error: the cells that get worse and will fail', () => {
    expect(receivers(forecastBreaks(mixed, 'error'))).toEqual([
      'OK@2028-01-01',
      'WF@2028-01-01',
      'FO@2029-01-01',
    ]);
  });

  it('warning: also the cells that will start to warn, so it never catches less than error', () => {
    expect(receivers(forecastBreaks(mixed, 'warning'))).toEqual([
      'OK@2028-01-01',
      'WF@2028-01-01',
      'OW@2028-01-01',
      'FO@2029-01-01',
    ]);
  });

  it('improvements and route-only changes never trip it; never is never', () => {
    const calm = result([
      change('FO', 'fail', 'ok'),
      change('WF', 'warn', 'ok'),
      change('RT', 'fail', 'fail', '2029-01-01', { routeBefore: 'gateway', routeAfter: 'none' }),
    ]);
    expect(forecastBreaks(calm, 'warning')).toEqual([]);
    expect(forecastBreaks(mixed, 'never')).toEqual([]);
  });

  it('exit code 1 with one stderr line per break, 0 and silent otherwise', () => {
    const writes: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      writes.push(String(chunk));
      return true;
    });
    expect(forecastExitCode(mixed, 'error')).toBe(1);
    expect(writes.join('')).toBe(
      'corridor: 3 cell changes reach --fail-on error by 2030-12-31:\n' +
        '  AA → OK: ok → fail from 2028-01-01\n' +
        '  AA → WF: warn → fail from 2028-01-01\n' +
        '  AA → FO: ok → fail from 2029-01-01\n',
    );
    writes.length = 0;
    expect(forecastExitCode(result([change('OW', 'ok', 'warn')]), 'error')).toBe(0);
    expect(writes).toEqual([]);
  });
});

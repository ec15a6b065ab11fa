import type { ForecastChange, ForecastResult } from '../engine/forecast.js';
import type { CellRoute, CellStatus } from '../engine/types.js';
import { UserError } from '../util/errors.js';
import { markdownText } from './markdown.js';
import { plural } from './summary.js';
import { terminalSafe } from './text.js';
import { FORECAST_FORMATS } from './index.js';

// Declared in the light format registry (index.ts): `--help` lists them without this module.
export { FORECAST_FORMATS };

const MAX_REASONS = 3;

function state(status: CellStatus, route: CellRoute | undefined): string {
  return route === 'gateway' && status === 'fail' ? `${status} ↪` : status;
}

function summary(change: ForecastChange): string {
  return `${change.sender} → ${change.receiver}: ${state(change.before, change.routeBefore)} → ${state(change.after, change.routeAfter)} from ${change.date}`;
}

function reasons(change: ForecastChange): { shown: string[]; more: number } {
  return {
    shown: change.reasons.slice(0, MAX_REASONS),
    more: Math.max(0, change.reasons.length - MAX_REASONS),
  };
}

function header(result: ForecastResult): string {
  return (
    `corridor forecast · ${result.from} → ${result.until} · ${plural(result.profiles.length, 'profile')}, ` +
    `${plural(result.documents, 'document')} · ${plural(result.candidates.length, 'date')} evaluated`
  );
}

function text(result: ForecastResult): string {
  const lines = ['', header(result), ''];
  if (result.changes.length === 0) lines.push('No cell changes status in this period.');
  for (const change of result.changes) {
    const { shown, more } = reasons(change);
    lines.push(terminalSafe(`${summary(change)}${shown[0] ? ` — ${shown[0]}` : ''}`));
    for (const reason of shown.slice(1)) lines.push(`    ${terminalSafe(reason)}`);
    if (more > 0) lines.push(`    … and ${more} more`);
  }
  return `${lines.join('\n')}\n`;
}

function markdown(result: ForecastResult): string {
  const lines = [`# corridor forecast`, '', markdownText(header(result)), ''];
  if (result.changes.length === 0)
    return [...lines, 'No cell changes status in this period.', ''].join('\n');
  lines.push(
    '| From | Sender → receiver | Before | After | Why |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const change of result.changes) {
    const { shown, more } = reasons(change);
    const why = [...shown.map(markdownText), ...(more > 0 ? [`… and ${more} more`] : [])].join(
      '<br>',
    );
    lines.push(
      `| ${change.date} | ${markdownText(change.sender)} → ${markdownText(change.receiver)} | ` +
        `${state(change.before, change.routeBefore)} | ${state(change.after, change.routeAfter)} | ${why} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function formatForecast(result: ForecastResult, format: string): string {
  if (format === 'json') return `${JSON.stringify(result, null, 2)}\n`;
  if (format === 'markdown') return markdown(result);
  if (format === 'text') return text(result);
  throw new UserError(
    `unknown --format "${format}" for forecast (available: ${FORECAST_FORMATS.join(', ')})`,
  );
}

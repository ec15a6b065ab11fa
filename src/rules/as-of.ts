/**
 * The as-of date as ISO text. `Date#toISOString` costs about a microsecond, and the rules ask
 * for the same date on every pair (a matrix of 1,000 documents × 13 receivers asked ~100,000
 * times): the last date's text is kept, by its time value.
 */
let lastTime = Number.NaN;
let lastText = '';

/** `2026-12-01T00:00:00.000Z`; throws as toISOString does for an invalid date. */
export function isoTime(date: Date): string {
  const time = date.getTime();
  if (time !== lastTime) {
    lastText = date.toISOString();
    lastTime = time;
  }
  return lastText;
}

/** `2026-12-01`: the UTC day. */
export function isoDay(date: Date): string {
  return isoTime(date).slice(0, 10);
}

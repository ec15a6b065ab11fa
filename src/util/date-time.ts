/** A date-time read from a document: its UTC instant, or why it has none. */
export type DateTimeReading = { utc: string } | { error: string };

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Reads an xsd:dateTime (`2019-06-01T10:00:00Z`, `2019-06-01T13:00:00+03:00`) as a UTC instant
 * in ISO form. A time without a zone is refused: it is off by up to 14 hours, enough to move
 * the day it names across a deadline. Impossible dates (02-30, 25:00) are refused, not rolled.
 */
export function readDateTime(text: string): DateTimeReading {
  const match = DATE_TIME.exec(text);
  if (!match) return { error: 'not a date-time such as 2019-06-01T10:00:00Z' };
  const [, y, mo, d, h, mi, s, fraction, zone] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string | undefined,
    string | undefined,
  ];
  if (!zone) return { error: 'no time zone (Z or ±hh:mm), so the day it names is uncertain' };
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  const dateHolds =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!dateHolds || hour > 23 || minute > 59 || second > 59) {
    return { error: 'not a real date and time' };
  }
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const zoneHours = Number(zone.slice(1, 3));
    const zoneMinutes = Number(zone.slice(4, 6));
    if (zoneHours > 14 || zoneMinutes > 59) return { error: `time zone ${zone} out of range` };
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (zoneHours * 60 + zoneMinutes);
  }
  const millis = fraction ? Math.floor(Number(`0${fraction}`) * 1000) : 0;
  date.setUTCHours(hour, minute - offsetMinutes, second, millis);
  return { utc: date.toISOString() };
}

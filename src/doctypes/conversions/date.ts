import type { ConversionKind, Converter } from './types.js';

/**
 * `date:<layout>` — a date (or date and time) written in a fixed layout, to the model's calendar
 * date `YYYY-MM-DD`: e.g. `yyyyMMdd` (WCO / UN/EDIFACT format code 102), `yyyyMMddHHmmss`
 * (China Customs CEB times), `yyyyMMddHHmmssX` (WCO format code 304). Tokens: yyyy MM dd HH mm
 * ss, and X for a zone (`Z`, `±hh`, `±hhmm`, `±hh:mm`); any other character stands for itself.
 * The date is the one the document writes, in its own zone (not moved to UTC): a declaration's
 * date is a calendar day. Impossible dates (2023-02-30, month 13, hour 24) do not convert.
 */
const TOKENS: Array<[string, string, string]> = [
  ['yyyy', '(\\d{4})', 'year'],
  ['MM', '(\\d{2})', 'month'],
  ['dd', '(\\d{2})', 'day'],
  ['HH', '(\\d{2})', 'hour'],
  ['mm', '(\\d{2})', 'minute'],
  ['ss', '(\\d{2})', 'second'],
  ['X', '(Z|[+-]\\d{2}(?::?\\d{2})?)', 'zone'],
];
// Letters other than the tokens' are refused (a typo, not a literal), but for the ISO `T`.
const NOT_LITERAL = /[A-SU-Za-z]/;

function compileLayout(layout: string): { pattern: RegExp; groups: string[] } | string {
  let source = '';
  const groups: string[] = [];
  let i = 0;
  while (i < layout.length) {
    const token = TOKENS.find(([t]) => layout.startsWith(t, i));
    if (token) {
      if (groups.includes(token[2])) return `${token[0]} appears twice`;
      source += token[1];
      groups.push(token[2]);
      i += token[0].length;
      continue;
    }
    const c = layout[i] as string;
    if (NOT_LITERAL.test(c)) return `"${c}" is not a token here (tokens: yyyy MM dd HH mm ss X)`;
    source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    i++;
  }
  for (const needed of ['year', 'month', 'day'])
    if (!groups.includes(needed)) return `a date layout needs yyyy, MM and dd`;
  return { pattern: new RegExp(`^${source}$`), groups };
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export const dateConversion: ConversionKind = {
  usage: 'date:<layout>, e.g. date:yyyyMMdd',
  compile(layout) {
    const compiled = compileLayout(layout);
    if (typeof compiled === 'string') return { problem: `date layout "${layout}": ${compiled}` };
    const { pattern, groups } = compiled;
    const convert: Converter = (text) => {
      const m = pattern.exec(text);
      if (!m) return { error: `"${text}" is not a date written ${layout}` };
      const part = (name: string) => {
        const at = groups.indexOf(name);
        return at < 0 ? undefined : (m[at + 1] as string);
      };
      const year = Number(part('year'));
      const month = Number(part('month'));
      const day = Number(part('day'));
      const limits: Array<[string, number]> = [
        ['hour', 23],
        ['minute', 59],
        ['second', 59],
      ];
      const badTime = limits.some(([name, max]) => {
        const v = part(name);
        return v !== undefined && Number(v) > max;
      });
      if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || badTime)
        return { error: `"${text}" (${layout}) is not a real date and time` };
      return { value: `${part('year')}-${part('month')}-${part('day')}` };
    };
    return convert;
  },
};

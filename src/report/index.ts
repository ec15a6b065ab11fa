import { stringSink } from './sink.js';
import type { FormatContext, Formatter } from './types.js';
import type { MatrixResult } from '../engine/types.js';

export type { FormatContext, Formatter, RuleMeta } from './types.js';
export { lineWriter, stringSink, type Sink, type StringSink } from './sink.js';

/**
 * Every output format, in the order `--help` lists them (`text` is the default): its id and how
 * to load its module. A command loads only the formats it writes (`--help` and `verify` none).
 * The library's synchronous `format` imports them all (report/all.ts, same order, tested).
 */
const FORMATS: readonly { id: string; load: () => Promise<Formatter> }[] = [
  { id: 'text', load: async () => (await import('./text.js')).textFormatter },
  { id: 'json', load: async () => (await import('./json.js')).jsonFormatter },
  { id: 'markdown', load: async () => (await import('./markdown.js')).markdownFormatter },
  { id: 'csv', load: async () => (await import('./csv.js')).csvFormatter },
  { id: 'html', load: async () => (await import('./html.js')).htmlFormatter },
  { id: 'junit', load: async () => (await import('./junit.js')).junitFormatter },
  { id: 'sarif', load: async () => (await import('./sarif.js')).sarifFormatter },
  { id: 'github', load: async () => (await import('./github.js')).githubFormatter },
];

/** The formats of `forecast` and `profiles diff` (report/forecast.ts, report/profile-diff.ts). */
export const FORECAST_FORMATS = ['text', 'json', 'markdown'] as const;
export const PROFILE_DIFF_FORMATS = ['text', 'json', 'markdown'] as const;

/** The ids of every format, in `--help` order. */
export const formatIds: readonly string[] = FORMATS.map((format) => format.id);

export function isFormat(id: string): boolean {
  return formatIds.includes(id);
}

/** The formatter of `id`, its module loaded on first use; undefined for an unknown id. */
export async function loadFormatter(id: string): Promise<Formatter | undefined> {
  return FORMATS.find((format) => format.id === id)?.load();
}

/** The whole report as one string: for tests and small in-process results only. */
export function formatToString(
  formatter: Formatter,
  result: MatrixResult,
  context: FormatContext,
): string {
  const out = stringSink();
  formatter.write(result, out, context);
  return out.text();
}

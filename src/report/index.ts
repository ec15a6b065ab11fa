import { csvFormatter } from './csv.js';
import { githubFormatter } from './github.js';
import { htmlFormatter } from './html.js';
import { jsonFormatter } from './json.js';
import { junitFormatter } from './junit.js';
import { markdownFormatter } from './markdown.js';
import { sarifFormatter } from './sarif.js';
import { textFormatter } from './text.js';
import { stringSink } from './sink.js';
import type { FormatContext, Formatter } from './types.js';
import type { MatrixResult } from '../engine/types.js';

export type { FormatContext, Formatter, RuleMeta } from './types.js';
export { lineWriter, stringSink, type Sink, type StringSink } from './sink.js';

/** Every output format, in the order `--help` lists them; `text` is the default. */
export const formatters: readonly Formatter[] = [
  textFormatter,
  jsonFormatter,
  markdownFormatter,
  csvFormatter,
  htmlFormatter,
  junitFormatter,
  sarifFormatter,
  githubFormatter,
];

export function getFormatter(id: string): Formatter | undefined {
  return formatters.find((formatter) => formatter.id === id);
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

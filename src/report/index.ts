import { csvFormatter } from './csv.js';
import { githubFormatter } from './github.js';
import { htmlFormatter } from './html.js';
import { jsonFormatter } from './json.js';
import { junitFormatter } from './junit.js';
import { markdownFormatter } from './markdown.js';
import { sarifFormatter } from './sarif.js';
import { textFormatter } from './text.js';
import type { Formatter } from './types.js';

export type { FormatContext, Formatter, RuleMeta } from './types.js';

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

import { csvFormatter } from './csv.js';
import { githubFormatter } from './github.js';
import { htmlFormatter } from './html.js';
import type { Formatter } from './index.js';
import { jsonFormatter } from './json.js';
import { junitFormatter } from './junit.js';
import { markdownFormatter } from './markdown.js';
import { sarifFormatter } from './sarif.js';
import { textFormatter } from './text.js';

/**
 * Every format's module, imported statically: for the library API (src/index.ts), whose
 * `format` is synchronous, and tests. The CLI loads only the formats it writes (index.ts); a
 * test checks that both lists name the same formats in the same order. No top-level await: the
 * pool worker, run from source, is loaded as CommonJS.
 */
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

import type { MatrixResult } from '../engine/types.js';
import { annotations, GITHUB_MAX_ANNOTATIONS } from './github.js';
import { markdownCode, markdownText, matrixTable, summaryLine } from './markdown.js';
import { lineWriter, type Sink } from './sink.js';
import { reportRows } from './rows.js';
import { plural } from './summary.js';

/** Top reasons listed per failing cell in the job summary. */
const REASONS_PER_CELL = 3;

/**
 * The Markdown job summary the `github` format adds when `GITHUB_STEP_SUMMARY` is set: the
 * matrix, the counts and the top reasons of each failing cell, so what the annotation cap
 * leaves out is still one click away.
 */
export function writeJobSummary(result: MatrixResult, out: Sink, cwd: string): void {
  const line = lineWriter(out);
  const rows = reportRows(result);
  line(`## corridor ${result.kind} · as of ${markdownText(result.asOf.slice(0, 10))}`);
  line('');
  if (result.kind === 'matrix') {
    for (const text of matrixTable(rows)) line(text);
    line('');
  }
  line(summaryLine(rows));
  const { counts } = annotations(result, cwd);
  const shown = counts.error + counts.warning + counts.info;
  if (shown > GITHUB_MAX_ANNOTATIONS) {
    line('');
    line(`${GITHUB_MAX_ANNOTATIONS} of ${shown} annotations shown on the pull request.`);
  }
  const failing = result.cells.filter((cell) => cell.status === 'fail');
  if (failing.length > 0) {
    line('');
    line('### Why cells fail');
    line('');
    for (const cell of failing) {
      const reasons = cell.topReasons.slice(0, REASONS_PER_CELL).map(markdownText).join('; ');
      line(
        `- **${markdownText(cell.sender)} → ${markdownText(cell.receiver)}** ` +
          `(${cell.counts.fail}/${plural(cell.documents, 'document')}): ${reasons || '—'}`,
      );
    }
  }
  if (result.kind === 'check') {
    line('');
    line(`Documents: ${Array.from(result.documents, (d) => markdownCode(d.document)).join(', ')}`);
  }
  line('');
}

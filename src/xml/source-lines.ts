import type { XmlPosition } from './dom.js';

/**
 * The line and column of an offset in a parsed document's source, found when asked. A
 * position is read for few nodes (a finding's location, a field the model maps), so the parser
 * keeps each node's offset and this, one per document, instead of a position object per node:
 * on 200 signed 22 KB documents, `verify` made ~10 such objects per line of XML for none of
 * them to be read. The line starts are found on the first question and kept.
 */
export class SourceLines {
  private starts: readonly number[] | undefined;
  /** The line index of the last answer. */
  private last = 0;

  constructor(private readonly source: string) {}

  /** 1-based line and column of the UTF-16 offset `offset` (the parser's own positions). */
  at(offset: number): XmlPosition {
    const starts = (this.starts ??= lineStarts(this.source));
    // The line of the last answer, or the next one, first: the document model asks for every
    // field, in document order.
    let line = this.last;
    if (!onLine(starts, line, offset))
      line = onLine(starts, line + 1, offset) ? line + 1 : lineOf(starts, offset);
    this.last = line;
    return { line: line + 1, column: offset - (starts[line] as number) + 1, offset };
  }
}

/** Whether `offset` lies on line `line` (0-based; false past the last line). */
function onLine(starts: readonly number[], line: number, offset: number): boolean {
  if (line >= starts.length || (starts[line] as number) > offset) return false;
  return line + 1 === starts.length || offset < (starts[line + 1] as number);
}

/** The 0-based line of `offset`: the last line start at or before it. */
function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if ((starts[mid] as number) <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Offsets where each line begins: 0, then one past every LF (the parser has normalised CR). */
function lineStarts(source: string): number[] {
  const starts = [0];
  for (let nl = source.indexOf('\n'); nl !== -1; nl = source.indexOf('\n', nl + 1))
    starts.push(nl + 1);
  return starts;
}

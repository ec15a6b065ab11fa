/**
 * Human-readable locations of nodes, used in findings: an XPath-like element path and
 * offset → line/column conversion.
 */
import { detached } from './detach.js';
import type { XmlDocument, XmlElement, XmlPosition } from './dom.js';
import { memo, MemoKey } from './memo.js';
import { SourceLines } from './source-lines.js';

/**
 * `/ns:Root/ns:Child[2]/ns:Leaf`: qualified names as written, with a 1-based index only
 * when the parent has more than one child element of that name.
 */
export function elementPath(el: XmlElement): string {
  const steps: string[] = [];
  for (let e: XmlElement | null = el; e !== null; e = e.parent) steps.push(pathStep(e));
  return detached('/' + steps.reverse().join('/'));
}

/** elementPath of a child of the element whose path is `parentPath`, without walking up again. */
export function childPath(parentPath: string, child: XmlElement): string {
  return detached(`${parentPath}/${pathStep(child)}`);
}

function pathStep(e: XmlElement): string {
  const parent: XmlElement | null = e.parent;
  if (parent === null) return e.name;
  let index = 0;
  let same = 0;
  for (const sib of parent.children) {
    if (sib.kind !== 'element' || sib.name !== e.name) continue;
    same++;
    if (sib === e) index = same;
  }
  return same > 1 ? `${e.name}[${index}]` : e.name;
}

const LINES = new MemoKey<SourceLines>('source-lines');

/** Line and column (1-based, UTF-16 units) of a 0-based offset into `doc.source`. */
export function lineOf(doc: XmlDocument, offset: number): XmlPosition {
  const lines = memo(doc, LINES, () => new SourceLines(doc.source));
  return lines.at(Math.max(0, Math.min(offset, doc.source.length)));
}

/**
 * Human-readable locations of nodes, used in findings: an XPath-like element path (a node's
 * line and column are its `pos`, source-lines.ts).
 */
import { detached } from './detach.js';
import type { XmlElement } from './dom.js';

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

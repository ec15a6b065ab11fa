import type { XmlElement } from '../xml/dom.js';

/**
 * An element met in a depth-first walk, with the frame it was found under and its position
 * among its parent's element children (1-based; 0 for the root): enough to spell its path
 * when it is wanted, without building a path string for every element walked.
 */
export interface PathFrame {
  element: XmlElement;
  parent: PathFrame | undefined;
  index: number;
}

/** The frame's path: `/Root/Child[2]/Leaf[1]` (the root without an index). */
export function framePath(frame: PathFrame): string {
  const steps: string[] = [];
  for (let at: PathFrame | undefined = frame; at; at = at.parent)
    steps.push(at.parent ? `${at.element.name}[${at.index}]` : at.element.name);
  return `/${steps.reverse().join('/')}`;
}

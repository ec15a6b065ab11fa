import type { XmlDocument } from '../xml/dom.js';
import { monotonicMs } from '../util/clock.js';
import { MemoKey, recall, remember } from '../xml/memo.js';

// When reading of each parsed document began: the time budget covers parsing too, and the
// document reader and the verifier only share the parsed tree, so the start travels with it.
const READ_START = new MemoKey<number>('read-start');

/** Records that reading `doc` began at `startedAt` (a `monotonicMs()` value). */
export function markReadStart(doc: XmlDocument, startedAt: number): void {
  remember(doc, READ_START, startedAt);
}

/** A phase gate: true while the document is inside its budget. Never interrupts work. */
export interface Budget {
  /** Milliseconds since reading began. */
  elapsed(): number;
  exhausted(): boolean;
  readonly limitMs: number;
}

/** The budget of a document, counted from when its reading began (or from now). */
export function budgetOf(doc: XmlDocument, limitMs: number): Budget {
  const start = recall(doc, READ_START) ?? monotonicMs();
  const elapsed = () => monotonicMs() - start;
  return { elapsed, exhausted: () => elapsed() > limitMs, limitMs };
}

import { fileURLToPath } from 'node:url';
import type { Doctype } from './types.js';

export const SHIPPED_DOCTYPES_DIR = fileURLToPath(new URL('../../doctypes', import.meta.url));

/** Where a definition's data (code tables) is looked up: beside it first, then the shipped folder. */
export function dataDirs(doctype: Pick<Doctype, 'dir'>): string[] {
  return doctype.dir === SHIPPED_DOCTYPES_DIR ? [doctype.dir] : [doctype.dir, SHIPPED_DOCTYPES_DIR];
}

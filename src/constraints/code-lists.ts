import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * ISO 3166 and ISO 4217 code lists ship as JSON Schemas under profiles/code-lists/, so a
 * constraint can say `{"$ref": "urn:corridor:code-list:iso4217"}`.
 */
export const CODE_LISTS_DIR = fileURLToPath(new URL('../../profiles/code-lists', import.meta.url));

let cached: object[] | undefined;

export function loadCodeLists(): object[] {
  if (!cached) {
    let files: string[];
    try {
      files = readdirSync(CODE_LISTS_DIR).filter((f) => f.endsWith('.json'));
    } catch {
      // No code lists shipped: constraints that reference them fail to compile, and lint says so.
      files = [];
    }
    cached = files
      .sort()
      .map((f) => JSON.parse(readFileSync(join(CODE_LISTS_DIR, f), 'utf8')) as object);
  }
  return cached;
}

/**
 * SHA-256 of the code lists' JSON as loadCodeLists gives them: the validators generated at build
 * time (src/generated/constraint-validators.ts) hold the code lists they were generated with.
 */
export function codeListsDigest(): string {
  return createHash('sha256').update(JSON.stringify(loadCodeLists())).digest('hex');
}

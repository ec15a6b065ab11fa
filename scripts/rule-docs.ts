/**
 * Writes docs/rules/<area>/<name>.md for every rule from the registry (test/rules/docs.test.ts
 * fails when a page is missing or stale).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ruleDocMarkdown } from '../src/rules/docs.js';
import { RULES } from '../src/rules/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
for (const rule of RULES) {
  const file = join(root, rule.meta.docs.url);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, ruleDocMarkdown(rule));
}
process.stdout.write(`wrote ${RULES.length} rule pages under docs/rules/\n`);

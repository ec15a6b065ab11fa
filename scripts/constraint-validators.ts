/**
 * Writes src/generated/constraint-validators.ts: ajv's standalone code for the constraint
 * schemas of the shipped profiles (issue #14: compiling them cost ~60-120 ms CPU in every run
 * that evaluates documents, a quarter of a one-document `check`, and again in every pool
 * worker). A profile that carries one of these schemas, byte for byte, gets its validator from
 * there; any other schema is compiled in memory as before. Code generated from user-supplied
 * profiles is never written anywhere: these are the project's own files, generated here and
 * committed like any source.
 *
 *   npm run gen:validators          (test/constraints/constraint-validators.test.ts fails when stale)
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generatedConstraintValidators } from './lib/constraint-validators-source.js';

const target = fileURLToPath(new URL('../src/generated/constraint-validators.ts', import.meta.url));
writeFileSync(target, generatedConstraintValidators());
console.log(`wrote ${target}`);

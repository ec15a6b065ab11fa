/**
 * Writes src/generated/shape-validators.ts: ajv's standalone code for the schemas corridor
 * itself ships and never changes at run time, profiles/profile.schema.json,
 * doctypes/doctype.schema.json, doctypes/code-tables/code-table.schema.json, the JSON Schema
 * 2020-12 meta-schema and the x-corridor-compare keyword's arguments (issue #14: compiling them cost ~90 ms at every start and again in every
 * pool worker). Code generated from user-supplied schemas is never written anywhere;
 * these are the project's own files, generated here and committed like any source.
 *
 *   npm run gen:validators          (test/profiles/shape-validators.test.ts fails when stale)
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generatedShapeValidators } from './lib/shape-validators-source.js';

const target = fileURLToPath(new URL('../src/generated/shape-validators.ts', import.meta.url));
writeFileSync(target, generatedShapeValidators());
console.log(`wrote ${target}`);

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The base of the `$id`s corridor's schemas use (verify-output.schema.json names one). */
const SCHEMA_BASE = 'https://corridor.dev/schemas/';
const SCHEMAS_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));

/**
 * The OpenAPI 3.1 document `GET /openapi.json` serves. schemas/openapi.json is the checked-in
 * contract; it names the report shapes by the CLI's own schema files (matrix-output,
 * verify-output), which are inlined here so that the served document stands alone and stays
 * the same shape as `--format json`, whoever changes those files.
 */
export function openApiDocument(): Record<string, unknown> {
  const document = readJson('openapi.json') as {
    components: { schemas: Record<string, Record<string, unknown> & { $ref?: string }> };
  };
  const schemas = document.components.schemas;
  for (const [name, schema] of Object.entries(schemas)) {
    if (schema.$ref && !schema.$ref.startsWith('#')) {
      // The dialect is the document's (2020-12); a `$schema` inside would name another one.
      const { $schema: _dialect, ...inlined } = readJson(schema.$ref) as Record<string, unknown>;
      // Its own `$id` keeps its `#/$defs/…` references inside it once it is embedded.
      schemas[name] = { $id: `${SCHEMA_BASE}${schema.$ref}`, ...inlined };
    }
  }
  return document;
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(SCHEMAS_DIR + file, 'utf8'));
}

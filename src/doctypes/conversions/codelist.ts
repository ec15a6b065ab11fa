import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { codeTable as generatedCodeTableValidator } from '../../generated/shape-validators.js';
import { JsonSyntaxError, parseJsonText } from '../../util/json-position.js';
import type { ConversionKind, Converter } from './types.js';

/**
 * `codelist:<table>` — a code from a national code table to the international one the model
 * speaks (China Customs currency `142` → ISO 4217 `CNY`). Tables are data with their sources:
 * `code-tables/<table>.json` beside the definition (or in the shipped doctypes folder); an entry
 * no source confirms says `"confirmed": false`. A code the table lacks does not convert (a
 * finding), it is never passed through as if it were the international code.
 */
export interface CodeTable {
  id: string;
  title: string;
  from: string;
  to: string;
  sources: Array<{ title: string; url?: string; note?: string }>;
  entries: Record<string, { value: string; confirmed?: boolean; note?: string }>;
}

export const CODE_TABLES_DIR = 'code-tables';
/** code-tables/code-table.schema.json, compiled when corridor is built (npm run gen:validators). */
const validate = generatedCodeTableValidator as unknown as ValidateFunction;
const TABLE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Read once per process and file. */
const tables = new Map<string, CodeTable | string>();

export function readCodeTable(file: string): CodeTable | string {
  const cached = tables.get(file);
  if (cached !== undefined) return cached;
  let result: CodeTable | string;
  try {
    const value = parseJsonText(readFileSync(file, 'utf8'), file);
    result = validate(value)
      ? (value as CodeTable)
      : `${file}: ${(validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`).join('; ')}`;
  } catch (error) {
    result = `${file}: ${error instanceof JsonSyntaxError ? error.message : String(error)}`;
  }
  tables.set(file, result);
  return result;
}

export const codeListConversion: ConversionKind = {
  usage: 'codelist:<table>, a file code-tables/<table>.json',
  compile(id, { dirs }) {
    if (!TABLE_ID.test(id)) return { problem: `code table name "${id}" is not a plain name` };
    const file = dirs.map((d) => join(d, CODE_TABLES_DIR, `${id}.json`)).find((f) => existsSync(f));
    if (!file) return { problem: `code table ${id} not found (${CODE_TABLES_DIR}/${id}.json)` };
    const table = readCodeTable(file);
    if (typeof table === 'string') return { problem: `code table ${id}: ${table}` };
    const convert: Converter = (text) => {
      const entry = Object.hasOwn(table.entries, text) ? table.entries[text] : undefined;
      return entry
        ? { value: entry.value }
        : { error: `"${text}" is not a code of ${table.title} (table ${table.id})` };
    };
    return convert;
  },
};

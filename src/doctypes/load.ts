import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { doctype as generatedDoctypeValidator } from '../generated/shape-validators.js';
import { UserError } from '../util/errors.js';
import { JsonSyntaxError, parseJsonText } from '../util/json-position.js';
import { SHIPPED_DOCTYPES_DIR } from './dirs.js';
import { lintDoctypes, type DoctypeProblem } from './lint.js';
import type { Doctype, DoctypeFile } from './types.js';

export { SHIPPED_DOCTYPES_DIR };
export const DOCTYPE_SCHEMA_PATH = join(SHIPPED_DOCTYPES_DIR, 'doctype.schema.json');

export class DoctypeError extends UserError {
  constructor(readonly problems: DoctypeProblem[]) {
    super(
      problems.length === 1
        ? `invalid document type: ${format(problems[0] as DoctypeProblem)}`
        : `${problems.length} document type problems`,
      problems.map(format),
    );
    this.name = 'DoctypeError';
  }
}

function format(p: DoctypeProblem): string {
  return `${p.file}#${p.pointer}: ${p.message}`;
}

function schemaProblems(file: string, errors: ErrorObject[]): DoctypeProblem[] {
  // oneOf branches repeat themselves: keep one message per pointer, the deepest first.
  const seen = new Map<string, string>();
  for (const e of errors) {
    if (e.keyword === 'oneOf' || e.keyword === 'if') continue;
    const message = e.message ?? e.keyword;
    const before = seen.get(e.instancePath);
    if (before === undefined) seen.set(e.instancePath, message);
    else if (!before.includes(message)) seen.set(e.instancePath, `${before}; ${message}`);
  }
  return [...seen].map(([pointer, message]) => ({ file, pointer: pointer || '/', message }));
}

/** Reads every definition of a folder (not the schema) and validates its shape. */
export function readDoctypeDir(dir: string): { doctypes: Doctype[]; problems: DoctypeProblem[] } {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory())
    throw new UserError(`document types folder not found: ${dir}`);
  // doctype.schema.json compiled when corridor is built (scripts/shape-validators.ts).
  const validate = generatedDoctypeValidator as unknown as ValidateFunction;
  const doctypes: Doctype[] = [];
  const problems: DoctypeProblem[] = [];
  const files = readdirSync(root)
    .filter((n) => n.endsWith('.json') && !n.endsWith('.schema.json'))
    .sort();
  for (const name of files) {
    const file = join(root, name);
    let value: unknown;
    try {
      value = parseJsonText(readFileSync(file, 'utf8'), file);
    } catch (error) {
      const message = error instanceof JsonSyntaxError ? error.message : String(error);
      problems.push({ file, pointer: '/', message: `not JSON: ${message}` });
      continue;
    }
    if (!validate(value)) {
      problems.push(...schemaProblems(file, validate.errors ?? []));
      continue;
    }
    doctypes.push({ ...(value as DoctypeFile), file, dir: dirname(file) });
  }
  return { doctypes, problems };
}

export interface DoctypeSet {
  dirs: string[];
  doctypes: Doctype[];
}

/**
 * The shipped definitions, plus those of `extraDir` (`--doctypes`): a definition there with a
 * shipped id replaces the shipped one. Broken definitions stop the command (exit 2).
 */
export function loadDoctypes(extraDir?: string): DoctypeSet {
  const shipped = readDoctypeDir(SHIPPED_DOCTYPES_DIR);
  const extra = extraDir ? readDoctypeDir(extraDir) : { doctypes: [], problems: [] };
  const problems = [...shipped.problems, ...extra.problems];
  const byId = new Map<string, Doctype>();
  for (const d of shipped.doctypes) byId.set(d.id, d);
  const own = new Set<string>();
  for (const d of extra.doctypes) {
    if (own.has(d.id))
      problems.push({ file: d.file, pointer: '/id', message: `id ${d.id} defined twice` });
    own.add(d.id);
    byId.set(d.id, d);
  }
  const set: DoctypeSet = {
    dirs: extraDir ? [SHIPPED_DOCTYPES_DIR, resolve(extraDir)] : [SHIPPED_DOCTYPES_DIR],
    doctypes: [...byId.values()],
  };
  problems.push(...lintDoctypes(set.doctypes));
  if (problems.length > 0) throw new DoctypeError(problems);
  return set;
}

let shippedSet: DoctypeSet | undefined;

/** The shipped definitions, loaded once per process. */
export function shippedDoctypes(): DoctypeSet {
  shippedSet ??= loadDoctypes();
  return shippedSet;
}

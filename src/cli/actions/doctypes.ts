import { relative } from 'node:path';
import { DoctypeError, loadDoctypes } from '../../doctypes/load.js';
import type { Doctype } from '../../doctypes/types.js';
import { loadXsdEngine } from '../../doctypes/xsd.js';
import { UserError } from '../../util/errors.js';
import { emit } from '../options.js';
import type { CommandResult } from '../result.js';
import { compareText } from '../../util/collate.js';

function roots(d: Doctype): string {
  const names = Array.isArray(d.match.localName) ? d.match.localName.join('|') : d.match.localName;
  return `{${d.match.namespace}}${names}`;
}

function xsdSummary(d: Doctype): string {
  if (!d.xsd) return 'no XSD';
  if (!d.xsd.shipped) return 'XSD not shipped';
  return (d.xsd.sets ?? [])
    .map((s) => `XSD ${s.schemaVersion ?? s.entry} for ${s.versions.join('/')}`)
    .join('; ');
}

/** One row of `doctypes list --format json` (and of `GET /v1/doctypes`). */
export function doctypeRow(d: Doctype): Record<string, unknown> {
  return {
    id: d.id,
    title: d.title,
    kind: d.kind,
    root: roots(d),
    ...(d.match.versions ? { versions: d.match.versions } : {}),
    xsd: xsdSummary(d),
  };
}

/** `corridor doctypes list`. */
export function doctypesListAction(options: { doctypes?: string; format: string }): CommandResult {
  const set = loadDoctypes(options.doctypes);
  const rows = [...set.doctypes].sort((a, b) => compareText(a.id, b.id));
  if (options.format === 'json') {
    emit(JSON.stringify(rows.map(doctypeRow), null, 2), undefined);
    return { exitCode: 0 };
  }
  // Columns as wide as their longest value: added definitions bring longer ids and kinds.
  const idWidth = Math.max(2, ...rows.map((d) => d.id.length));
  const kindWidth = Math.max(4, ...rows.map((d) => d.kind.length));
  const lines = rows.map(
    (d) => `${d.id.padEnd(idWidth)} ${d.kind.padEnd(kindWidth)} ${roots(d)}  [${xsdSummary(d)}]`,
  );
  emit(
    [`${'ID'.padEnd(idWidth)} ${'KIND'.padEnd(kindWidth)} ROOT  [SCHEMA]`, ...lines].join('\n'),
    undefined,
  );
  return { exitCode: 0 };
}

/** `corridor doctypes show <id>`: the definition as loaded, as JSON. */
export function doctypesShowAction(id: string, options: { doctypes?: string }): CommandResult {
  const set = loadDoctypes(options.doctypes);
  const found = set.doctypes.find((d) => d.id === id);
  if (!found)
    throw new UserError(
      `no document type ${id} (known: ${set.doctypes.map((d) => d.id).join(', ')})`,
    );
  const { dir: _dir, file, ...definition } = found;
  emit(JSON.stringify({ ...definition, file: relative(process.cwd(), file) }, null, 2), undefined);
  return { exitCode: 0 };
}

/**
 * `corridor doctypes lint [dir]`: shape, paths and prefixes, unique roots, and every shipped
 * XSD set compiled with libxml2 (what `check` would otherwise find on the first document).
 */
export async function doctypesLintAction(dir: string | undefined): Promise<CommandResult> {
  let set;
  try {
    set = loadDoctypes(dir);
  } catch (error) {
    if (!(error instanceof DoctypeError)) throw error;
    for (const line of error.details) process.stdout.write(`${line}\n`);
    process.stdout.write(`${error.problems.length} problem(s)\n`);
    return { exitCode: 1 };
  }
  const engine = await loadXsdEngine();
  const problems: string[] = [];
  let compiled = 0;
  for (const d of set.doctypes) {
    for (const [i, s] of (d.xsd?.shipped ? (d.xsd.sets ?? []) : []).entries()) {
      const validator = engine.validator(d, s.entry);
      if (validator instanceof Error)
        problems.push(
          `${d.file}#/xsd/sets/${i}/entry: schema does not compile: ${validator.message.trim()}`,
        );
      else compiled++;
    }
  }
  for (const line of problems) process.stdout.write(`${line}\n`);
  process.stdout.write(
    `${set.doctypes.length} document types, ${compiled} schema set(s) compiled, ${problems.length} problem(s)\n`,
  );
  return { exitCode: problems.length > 0 ? 1 : 0 };
}

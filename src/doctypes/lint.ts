import { existsSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { converterFor } from './conversions/index.js';
import { dataDirs } from './dirs.js';
import { compilePath, pathPrefixes, PathSyntaxError } from './paths.js';
import type { Doctype, FieldMap, FieldSpec } from './types.js';

export interface DoctypeProblem {
  file: string;
  pointer: string;
  message: string;
}

function* specPaths(spec: FieldSpec, pointer: string): Generator<[string, string]> {
  if (typeof spec === 'string') {
    yield [spec, pointer];
    return;
  }
  if (spec.path !== undefined) yield [spec.path, `${pointer}/path`];
  for (const [i, p] of (spec.concat ?? []).entries()) yield [p, `${pointer}/concat/${i}`];
  for (const [i, alt] of (spec.first ?? []).entries())
    yield* specPaths(alt, `${pointer}/first/${i}`);
  if (spec.fields) yield* mapPaths(spec.fields, `${pointer}/fields`);
  if (spec.each) yield* mapPaths(spec.each, `${pointer}/each`);
}

function* mapPaths(map: FieldMap, pointer: string): Generator<[string, string]> {
  for (const [key, spec] of Object.entries(map)) yield* specPaths(spec, `${pointer}/${key}`);
}

/** Every `convert` of a field map, with its pointer. */
function* mapConversions(map: FieldMap, pointer: string): Generator<[string, string]> {
  for (const [key, spec] of Object.entries(map)) {
    if (typeof spec === 'string') continue;
    const here = `${pointer}/${key}`;
    if (spec.convert !== undefined) yield [spec.convert, `${here}/convert`];
    for (const [i, alt] of (spec.first ?? []).entries())
      yield* mapConversions({ [i]: alt }, `${here}/first`);
    if (spec.fields) yield* mapConversions(spec.fields, `${here}/fields`);
    if (spec.each) yield* mapConversions(spec.each, `${here}/each`);
  }
}

/**
 * What the JSON Schema cannot say: paths parse and use declared prefixes, XSD entries exist
 * inside the definition's folder, ids are unique, and no two definitions claim the same root.
 */
export function lintDoctypes(doctypes: readonly Doctype[]): DoctypeProblem[] {
  const problems: DoctypeProblem[] = [];
  const ids = new Map<string, string>();
  for (const d of doctypes) {
    const problem = (pointer: string, message: string) =>
      problems.push({ file: d.file, pointer, message });
    const other = ids.get(d.id);
    if (other && other !== d.file) problem('/id', `id ${d.id} is also defined in ${other}`);
    ids.set(d.id, d.file);
    const declared = new Set(Object.keys(d.namespaces ?? {}));
    const paths: Array<[string, string]> = [
      ...(d.fields ? [...mapPaths(d.fields, '/fields')] : []),
      ...(d.payload?.paths ?? []).map((p, i): [string, string] => [p, `/payload/paths/${i}`]),
    ];
    for (const [path, pointer] of paths) {
      try {
        compilePath(path);
        for (const prefix of pathPrefixes(path))
          if (!declared.has(prefix))
            problem(pointer, `prefix "${prefix}" is not declared in namespaces`);
      } catch (error) {
        if (!(error instanceof PathSyntaxError)) throw error;
        problem(pointer, error.message);
      }
    }
    for (const [name, pointer] of d.fields ? mapConversions(d.fields, '/fields') : []) {
      const converter = converterFor(name, { dirs: dataDirs(d) });
      if (typeof converter !== 'function') problem(pointer, converter.problem);
    }
    if (d.version?.from === 'namespace' && !d.match.namespace.includes('*'))
      problem(
        '/version/from',
        'the version comes from the namespace, but match.namespace has no `*`',
      );
    if (d.xsd?.shipped) {
      if (!d.xsd.sets?.length) problem('/xsd/sets', 'a shipped XSD needs at least one set');
      for (const [i, set] of (d.xsd.sets ?? []).entries()) {
        const entry = resolve(d.dir, set.entry);
        if (!entry.startsWith(resolve(d.dir) + sep))
          problem(`/xsd/sets/${i}/entry`, 'the schema must sit inside the definition folder');
        else if (!existsSync(entry))
          problem(`/xsd/sets/${i}/entry`, `schema not found: ${set.entry}`);
      }
    }
  }
  const roots = new Map<string, string>();
  for (const d of doctypes) {
    const names = Array.isArray(d.match.localName) ? d.match.localName : [d.match.localName];
    for (const name of names) {
      const key = `{${d.match.namespace}}${name}`;
      const owner = roots.get(key);
      if (owner && owner !== d.id)
        problems.push({
          file: d.file,
          pointer: '/match',
          message: `root ${key} is also claimed by ${owner}`,
        });
      roots.set(key, d.id);
    }
  }
  return problems;
}

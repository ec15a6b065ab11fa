import type { DocumentProblem, ModelObject, ModelValue } from '../documents/model.js';
import { escapePointerToken, type LocationMap } from '../documents/locations.js';
import { setMember } from '../documents/model-members.js';
import { DOCUMENT_PROBLEMS } from '../rule-ids.js';
import { elementPath } from '../xml/path.js';
import type { XmlElement } from '../xml/dom.js';
import { nodeText, ownerOf, PathEvaluator, type PathNode } from './paths.js';
import type { Converter } from './conversions/types.js';
import type { FieldMap, FieldRule, FieldSpec } from './types.js';

/** Problem id (under document/readable) of a value its mapping's conversion refuses. */
export const FIELD_CONVERSION_PROBLEM = DOCUMENT_PROBLEMS.fieldConversion;

/** How a mapping's `convert` names are resolved, and where refused values are reported. */
export interface Conversions {
  /** The converter a name stands for (lint checked every name when the definition loaded). */
  converter: (name: string) => Converter;
  problems: DocumentProblem[];
}

interface Reader {
  evaluator: PathEvaluator;
  locations: LocationMap;
  conversions?: Conversions;
}

/**
 * Reads a real format into the normalized model with a definition's `fields`: each model key
 * gets the value its path finds; objects and arrays nest. Every value written records where it
 * came from, so findings on model pointers point at the original element or attribute.
 */
export function mapFields(
  root: XmlElement,
  fields: FieldMap,
  namespaces: Readonly<Record<string, string>>,
  locations: LocationMap,
  conversions?: Conversions,
): ModelObject {
  const reader: Reader = {
    evaluator: new PathEvaluator(namespaces, root),
    locations,
    ...(conversions ? { conversions } : {}),
  };
  const model: ModelObject = {};
  readMap(reader, root, fields, model, '');
  return model;
}

function locationOf(node: PathNode, owner: XmlElement) {
  if ('kind' in node) return { path: elementPath(node), pos: node.pos };
  return { path: `${elementPath(ownerOf(node) ?? owner)}/@${node.name}`, pos: node.pos };
}

function rule(spec: FieldSpec): FieldRule {
  return typeof spec === 'string' ? { path: spec } : spec;
}

function readMap(
  reader: Reader,
  context: XmlElement,
  fields: FieldMap,
  target: ModelObject,
  pointer: string,
): void {
  for (const [key, spec] of Object.entries(fields)) {
    readField(reader, context, key, rule(spec), target, pointer);
  }
}

/**
 * The text as the model holds it: converted when the mapping names a conversion. A refused value
 * is reported at its place in the document and left out of the model (undefined).
 */
function converted(
  reader: Reader,
  spec: FieldRule,
  text: string,
  here: string,
  at: ReturnType<typeof locationOf>,
): string | undefined {
  if (spec.convert === undefined) return text;
  if (!reader.conversions) return text;
  const result = reader.conversions.converter(spec.convert)(text);
  if ('value' in result) return result.value;
  reader.conversions.problems.push({
    ruleId: FIELD_CONVERSION_PROBLEM,
    message: `${here.slice(1)}: ${result.error} (${spec.convert})`,
    location: at,
    hint: 'Write the value as the format prescribes; corridor leaves a value it cannot convert out of the model.',
  });
  return undefined;
}

/** Writes `key` (and its `with` companions) into target; true when something was written. */
function readField(
  reader: Reader,
  context: XmlElement,
  key: string,
  spec: FieldRule,
  target: ModelObject,
  pointer: string,
): boolean {
  const { evaluator, locations } = reader;
  const here = `${pointer}/${escapePointerToken(key)}`;
  const put = (value: ModelValue, node: PathNode | XmlElement) => {
    setMember(target, key, value);
    locations.set(here, locationOf(node, context));
    for (const [k, v] of Object.entries(spec.with ?? {})) {
      setMember(target, k, v);
      locations.set(`${pointer}/${escapePointerToken(k)}`, locationOf(node, context));
    }
    return true;
  };
  if (spec.first) {
    for (const alternative of spec.first) {
      const merged = { ...rule(alternative) };
      if (readField(reader, context, key, merged, target, pointer)) return true;
    }
    return false;
  }
  if (spec.const !== undefined) return put(spec.const, context);
  if (spec.concat) {
    const parts: string[] = [];
    let first: PathNode | undefined;
    for (const p of spec.concat) {
      const node = evaluator.select(context, p)[0];
      if (!node) continue;
      first ??= node;
      parts.push(nodeText(node));
    }
    if (!first) return false;
    const value = converted(
      reader,
      spec,
      parts.join(spec.separator ?? ''),
      here,
      locationOf(first, context),
    );
    return value === undefined ? true : put(value, first);
  }
  const nodes = spec.path === undefined ? [context] : evaluator.select(context, spec.path);
  if (spec.each) {
    const elements = nodes.filter((n): n is XmlElement => 'kind' in n);
    if (elements.length === 0) return false;
    const list: ModelObject[] = [];
    put(list, elements[0] as XmlElement);
    elements.forEach((el, i) => {
      const item: ModelObject = {};
      locations.set(`${here}/${i}`, locationOf(el, context));
      readMap(reader, el, spec.each as FieldMap, item, `${here}/${i}`);
      list.push(item);
    });
    return true;
  }
  if (spec.all) {
    if (nodes.length === 0) return false;
    const texts: string[] = [];
    const kept: PathNode[] = [];
    nodes.forEach((n, i) => {
      const value = converted(reader, spec, nodeText(n), `${here}/${i}`, locationOf(n, context));
      if (value === undefined) return;
      texts.push(value);
      kept.push(n);
    });
    if (kept.length === 0) return true;
    put(texts, kept[0] as PathNode);
    kept.forEach((n, i) => locations.set(`${here}/${i}`, locationOf(n, context)));
    return true;
  }
  const node = nodes[0];
  if (!node) return false;
  if (spec.fields) {
    if (!('kind' in node)) return false;
    const object: ModelObject = {};
    readMap(reader, node, spec.fields, object, here);
    if (Object.keys(object).length === 0) return false;
    return put(object, node);
  }
  const whole = nodeText(node);
  const text = spec.slice ? whole.slice(spec.slice[0], spec.slice[1]) : whole;
  if (text === '') return false;
  const value = converted(reader, spec, text, here, locationOf(node, context));
  return value === undefined ? true : put(value, node);
}

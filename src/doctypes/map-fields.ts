import type { ModelObject, ModelValue } from '../documents/model.js';
import { escapePointerToken, type LocationMap } from '../documents/locations.js';
import { setMember } from '../documents/model-members.js';
import { elementPath } from '../xml/path.js';
import type { XmlElement } from '../xml/dom.js';
import { nodeText, ownerOf, PathEvaluator, type PathNode } from './paths.js';
import type { FieldMap, FieldRule, FieldSpec } from './types.js';

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
): ModelObject {
  const evaluator = new PathEvaluator(namespaces, root);
  const model: ModelObject = {};
  readMap(evaluator, root, fields, model, '', locations);
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
  evaluator: PathEvaluator,
  context: XmlElement,
  fields: FieldMap,
  target: ModelObject,
  pointer: string,
  locations: LocationMap,
): void {
  for (const [key, spec] of Object.entries(fields)) {
    readField(evaluator, context, key, rule(spec), target, pointer, locations);
  }
}

/** Writes `key` (and its `with` companions) into target; true when something was written. */
function readField(
  evaluator: PathEvaluator,
  context: XmlElement,
  key: string,
  spec: FieldRule,
  target: ModelObject,
  pointer: string,
  locations: LocationMap,
): boolean {
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
      if (readField(evaluator, context, key, merged, target, pointer, locations)) return true;
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
    return first ? put(parts.join(spec.separator ?? ''), first) : false;
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
      readMap(evaluator, el, spec.each as FieldMap, item, `${here}/${i}`, locations);
      list.push(item);
    });
    return true;
  }
  if (spec.all) {
    if (nodes.length === 0) return false;
    put(
      nodes.map((n) => nodeText(n)),
      nodes[0] as PathNode,
    );
    nodes.forEach((n, i) => locations.set(`${here}/${i}`, locationOf(n, context)));
    return true;
  }
  const node = nodes[0];
  if (!node) return false;
  if (spec.fields) {
    if (!('kind' in node)) return false;
    const object: ModelObject = {};
    readMap(evaluator, node, spec.fields, object, here, locations);
    if (Object.keys(object).length === 0) return false;
    return put(object, node);
  }
  const whole = nodeText(node);
  const text = spec.slice ? whole.slice(spec.slice[0], spec.slice[1]) : whole;
  return text === '' ? false : put(text, node);
}

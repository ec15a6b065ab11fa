import type { ModelObject, ModelValue } from './model.js';
import { JWS_CT_MEMBER } from '../jose/jws-ct-read.js';
import { escapePointerToken } from './locations.js';
import { isPollutingName, setMember } from './model-members.js';
import { documentTypeDefinitions } from './types/index.js';
import type { DocumentTypeDefinition } from './types/definition.js';

/** Key in a JSON document naming its type: the same namespace URI the XML form uses. */
export const JSON_TYPE_KEY = '$type';

export type JsonModelResult =
  | {
      definition: DocumentTypeDefinition;
      model: ModelObject;
      pointers: string[];
      /** Numbers JSON.parse read as ±Infinity (beyond IEEE 754 double): not I-JSON. */
      outOfRange: string[];
      /** Members named `__proto__`, or `prototype` inside `constructor` (model-members.ts). */
      polluting: string[];
    }
  | { problem: string; hint: string };

/**
 * JSON documents are the model itself plus `"$type"`. Numbers and booleans become their
 * string form so that one set of constraints serves XML and JSON alike.
 */
export function jsonToModel(value: unknown): JsonModelResult {
  const hint = `A JSON document is an object with "${JSON_TYPE_KEY}": one of ${documentTypeDefinitions()
    .map((d) => `"${d.namespace}"`)
    .join(', ')}.`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problem: 'a JSON document must be an object', hint };
  }
  const typeUri = Object.hasOwn(value, JSON_TYPE_KEY)
    ? (value as Record<string, unknown>)[JSON_TYPE_KEY]
    : undefined;
  const definition = documentTypeDefinitions().find((d) => d.namespace === typeUri);
  if (!definition) {
    return { problem: `unknown JSON document type: ${JSON.stringify(typeUri ?? null)}`, hint };
  }
  const pointers: string[] = [''];
  // The JWS/CT signature member is metadata, like "$type": not part of the model.
  const {
    [JSON_TYPE_KEY]: _type,
    [JWS_CT_MEMBER]: _signature,
    ...rest
  } = value as Record<string, unknown>;
  const outOfRange: string[] = [];
  const polluting: string[] = [];
  const model = normalise(rest, '', pointers, outOfRange, polluting) as ModelObject;
  return { definition, model, pointers, outOfRange, polluting };
}

/**
 * Iterative copy with string leaves; null and undefined are dropped. Members are written with
 * `setMember`: a member named `__proto__` stays a member (JSON.parse keeps it as one too).
 */
function normalise(
  value: unknown,
  rootPointer: string,
  pointers: string[],
  outOfRange: string[],
  polluting: string[],
): ModelValue {
  const make = (v: unknown): ModelValue | undefined => {
    if (v === null || v === undefined) return undefined;
    if (Array.isArray(v)) return [];
    if (typeof v === 'object') return {};
    return String(v);
  };
  const root = make(value) ?? {};
  /** `key`: this container's name in its parent (an index inside arrays). */
  interface Frame {
    source: unknown;
    target: ModelValue;
    pointer: string;
    key: string | undefined;
  }
  const stack: Frame[] = [{ source: value, target: root, pointer: rootPointer, key: undefined }];
  while (stack.length > 0) {
    const { source, target, pointer, key: parentKey } = stack.pop() as Frame;
    if (typeof source !== 'object' || source === null) continue;
    const entries: Array<[string, unknown]> = Array.isArray(source)
      ? source.map((v, i) => [String(i), v])
      : Object.entries(source);
    for (const [key, child] of entries) {
      const made = make(child);
      if (made === undefined) continue;
      const childPointer = `${pointer}/${escapePointerToken(key)}`;
      pointers.push(childPointer);
      if (typeof child === 'number' && !Number.isFinite(child)) outOfRange.push(childPointer);
      if (Array.isArray(target)) target.push(made);
      else if (typeof target === 'object') {
        if (isPollutingName(key, parentKey)) polluting.push(childPointer);
        setMember(target, key, made);
      }
      if (typeof made === 'object')
        stack.push({ source: child, target: made, pointer: childPointer, key });
    }
  }
  return root;
}

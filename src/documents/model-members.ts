import type { DocumentProblem, ModelObject, ModelValue, SourceLocation } from './model.js';

/**
 * Member names come from documents (and profiles): they are data, never object machinery.
 * `target[key] = value` with the key `__proto__` sets the object's prototype instead of a
 * member, so the data is reachable by property access but invisible to every walk over own
 * keys (CWE-1321). Every model object is written through `setMember`.
 */
export function setMember(target: ModelObject, key: string, value: ModelValue): void {
  // Only `__proto__` is an accessor on Object.prototype; other names assign as data already.
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

/** The member `key` of `record` if it is its own: never `constructor`, `toString`… inherited. */
export function ownMember<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Names that turn a document into a prototype-pollution payload for a JavaScript receiver
 * that copies or merges it by assignment: `__proto__` anywhere, and `prototype` inside
 * `constructor` (the `constructor.prototype` route). No document type defines such a field.
 */
export function isPollutingName(key: string, parentKey: string | undefined): boolean {
  return key === '__proto__' || (key === 'prototype' && parentKey === 'constructor');
}

/** Problem id of a polluting member name; `security/prototype-pollution` explains it. */
export const POLLUTING_NAME_PROBLEM = 'document/polluting-name';

/**
 * One problem per polluting name (the model builders collect their pointers as they write).
 * corridor itself reads such a member as data; the document is refused because a receiver
 * that merges it by assignment would not (CWE-1321).
 */
export function pollutingNameProblems(
  pointers: readonly string[],
  locate: (pointer: string) => SourceLocation,
): DocumentProblem[] {
  return pointers.slice(0, 16).map((pointer) => ({
    ruleId: POLLUTING_NAME_PROBLEM,
    message: `member ${pointer} is named like JavaScript object machinery: a receiver that copies the document by assignment changes an object's prototype instead of reading data, and hides or injects fields`,
    location: locate(pointer),
    hint: 'Rename the field: no corridor document type has a "__proto__" or "constructor"/"prototype" member.',
  }));
}

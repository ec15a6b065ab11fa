import type { XmlElement } from '../xml/dom.js';
import { detached } from '../xml/detach.js';
import { isRealEncryptedData } from './encrypted-data.js';
import type { ModelObject, SourceLocation } from './model.js';
import { LocationMap, escapePointerToken } from './locations.js';
import { isPollutingName, ownMember, setMember } from './model-members.js';
import type { DocumentTypeDefinition } from './types/definition.js';

export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
export const XENC_NS = 'http://www.w3.org/2001/04/xmlenc#';

/** Where XML that is not document data sits inside a typed document (see xmlToModel). */
export interface NonDataContent {
  /** ds:Signature elements inside a business field (anywhere but a child of the root). */
  misplacedSignatures: SourceLocation[];
  /**
   * Model pointers of elements holding an XML Encryption `EncryptedData` of type #Element next
   * to plain children: the element it replaced is one of that element's missing children.
   */
  encryptedElementParents: string[];
  /** The EncryptedData elements that replaced document content (real, not dummies). */
  replacing: Set<XmlElement>;
}

export function emptyNonDataContent(): NonDataContent {
  return { misplacedSignatures: [], encryptedElementParents: [], replacing: new Set() };
}

/** Attributes that identify elements for signature references, not document data. */
const IDENTITY_ATTRIBUTES = new Set(['Id', 'ID', 'id']);

export function camelCase(name: string): string {
  return name.length === 0 ? name : name[0]!.toLowerCase() + name.slice(1);
}

/**
 * camelCase of element and attribute names, by name: a batch's documents use the same few
 * hundred names, and each conversion built two strings (bounded: a hostile document's names
 * only refill it).
 */
const camelNames = new Map<string, string>();
const MAX_CAMEL_NAMES = 4096;

function cachedCamelCase(name: string): string {
  let camel = camelNames.get(name);
  if (camel === undefined) {
    // Detached: a name sliced from the document would keep the document's text alive.
    camel = detached(camelCase(name));
    if (camelNames.size >= MAX_CAMEL_NAMES) camelNames.clear();
    camelNames.set(detached(name), camel);
  }
  return camel;
}

function capitalise(name: string): string {
  return name.length === 0 ? name : name[0]!.toUpperCase() + name.slice(1);
}

/**
 * Maps the root element of a typed document onto the model. Elements of the document's own
 * namespace become camelCase keys; signatures and encrypted parts are left to their readers.
 * Iterative over an explicit stack, so hostile nesting depth cannot overflow.
 *
 * Signatures and encryption never change what a data field reads as (issue #15): a ds:Signature
 * moved into a field leaves its text as it was (and is reported in `nonData`), and an
 * EncryptedData hides a field from the rules only when it really replaced its content — it is
 * the field's only content and carries an algorithm and a cipher value — never because a dummy
 * was added next to plain data.
 */
export function xmlToModel(
  root: XmlElement,
  definition: DocumentTypeDefinition,
  locations: LocationMap,
  encryptedPointers: string[] = [],
  /** Pointers written twice (a repeated element the model keeps once): the last one wins. */
  collisions: string[] = [],
  /** Pointers of names that are a prototype-pollution payload (model-members.ts). */
  polluting: string[] = [],
  nonData: NonDataContent = emptyNonDataContent(),
): ModelObject {
  const model: ModelObject = {};
  const rootPath = `/${root.name}`;
  locations.set('', { path: rootPath, pos: root.pos });

  interface Frame {
    element: XmlElement;
    target: ModelObject;
    pointer: string;
    path: string;
    /** The model name of this element (an index inside arrays). */
    key: string | undefined;
  }
  const stack: Frame[] = [
    { element: root, target: model, pointer: '', path: rootPath, key: undefined },
  ];
  const note = (key: string, parentKey: string | undefined, at: string) => {
    if (isPollutingName(key, parentKey)) polluting.push(at);
  };

  while (stack.length > 0) {
    const { element, target, pointer, path, key: parentKey } = stack.pop() as Frame;
    for (const key of copyAttributes(element, target, pointer, path, locations, collisions)) {
      note(key, parentKey, `${pointer}/${escapePointerToken(key)}`);
    }
    noteNonData(element, root, pointer, path, encryptedPointers, nonData);

    const children = element.children.filter(
      (c): c is XmlElement => c.kind === 'element' && c.namespaceURI === definition.namespace,
    );
    const nameCounts = new Map<string, number>();
    for (const child of children) nameCounts.set(child.name, (nameCounts.get(child.name) ?? 0) + 1);
    const nameSeen = new Map<string, number>();

    for (const child of children) {
      const index = (nameSeen.get(child.name) ?? 0) + 1;
      nameSeen.set(child.name, index);
      const childPath =
        (nameCounts.get(child.name) ?? 0) > 1
          ? `${path}/${child.name}[${index}]`
          : `${path}/${child.name}`;

      // Own names only: an element named `constructor` or `toString` is data, not a lookup hit.
      const arrayKey = ownMember(definition.arrays, child.localName);
      const key = arrayKey ?? cachedCamelCase(child.localName);
      let childPointer: string;
      if (arrayKey) {
        let list = ownMember(target, key);
        if (!Array.isArray(list)) {
          if (list !== undefined) collisions.push(`${pointer}/${escapePointerToken(key)}`);
          list = [];
          setMember(target, key, list);
        }
        childPointer = `${pointer}/${escapePointerToken(key)}/${list.length}`;
        const leaf = isLeaf(child);
        list.push(leaf ? leafText(child) : {});
        if (leaf) noteNonData(child, root, childPointer, childPath, encryptedPointers, nonData);
        else {
          stack.push({
            element: child,
            target: list[list.length - 1] as ModelObject,
            pointer: childPointer,
            path: childPath,
            key: String(list.length - 1),
          });
        }
      } else {
        childPointer = `${pointer}/${escapePointerToken(key)}`;
        note(key, parentKey, childPointer);
        if (Object.hasOwn(target, key)) collisions.push(childPointer);
        if (isLeaf(child)) {
          setMember(target, key, leafText(child));
          noteNonData(child, root, childPointer, childPath, encryptedPointers, nonData);
          for (const attribute of child.attributes) {
            if (IDENTITY_ATTRIBUTES.has(attribute.name) || attribute.prefix) continue;
            const attrKey = key + capitalise(attribute.localName);
            const attrPointer = `${pointer}/${escapePointerToken(attrKey)}`;
            note(attrKey, parentKey, attrPointer);
            if (Object.hasOwn(target, attrKey)) collisions.push(attrPointer);
            setMember(target, attrKey, attribute.value);
            locations.set(`${pointer}/${escapePointerToken(attrKey)}`, {
              path: `${childPath}/@${attribute.name}`,
              pos: attribute.pos,
            });
          }
        } else {
          const object: ModelObject = {};
          setMember(target, key, object);
          stack.push({
            element: child,
            target: object,
            pointer: childPointer,
            path: childPath,
            key,
          });
        }
      }
      locations.set(childPointer, { path: childPath, pos: child.pos });
    }
  }
  return model;
}

function copyAttributes(
  element: XmlElement,
  target: ModelObject,
  pointer: string,
  path: string,
  locations: LocationMap,
  collisions: string[],
): string[] {
  const keys: string[] = [];
  for (const attribute of element.attributes) {
    if (IDENTITY_ATTRIBUTES.has(attribute.name) || attribute.prefix) continue;
    const key = cachedCamelCase(attribute.localName);
    keys.push(key);
    if (Object.hasOwn(target, key)) collisions.push(`${pointer}/${escapePointerToken(key)}`);
    setMember(target, key, attribute.value);
    locations.set(`${pointer}/${escapePointerToken(key)}`, {
      path: `${path}/@${attribute.name}`,
      pos: attribute.pos,
    });
  }
  return keys;
}

const isEncryptedData = (e: XmlElement): boolean =>
  e.namespaceURI === XENC_NS && e.localName === 'EncryptedData';

/** The element's content is one real EncryptedData and blank text: it was encrypted. */
function replacedContent(element: XmlElement, elements: XmlElement[]): XmlElement | undefined {
  const only = elements.length === 1 ? elements[0] : undefined;
  if (!only || !isEncryptedData(only) || !isRealEncryptedData(only)) return undefined;
  const text = element.children.some((c) => c.kind === 'text' && c.value.trim() !== '');
  return text ? undefined : only;
}

/** Records signatures in fields and the encryption that hides document content. */
function noteNonData(
  element: XmlElement,
  root: XmlElement,
  pointer: string,
  path: string,
  encryptedPointers: string[],
  nonData: NonDataContent,
): void {
  // Built only when there are element children: most elements noted are leaves.
  let elements: XmlElement[] | undefined;
  for (const c of element.children) {
    if (c.kind !== 'element') continue;
    if (c.namespaceURI === DSIG_NS) {
      if (c.localName === 'Signature' && element !== root) {
        nonData.misplacedSignatures.push({ path: `${path}/${c.name}`, pos: c.pos });
      }
      continue;
    }
    (elements ??= []).push(c);
  }
  if (elements === undefined) return;
  const replaced = replacedContent(element, elements);
  if (replaced) {
    encryptedPointers.push(pointer);
    nonData.replacing.add(replaced);
    return;
  }
  for (const c of elements) {
    const type = c.attributes.find((a) => a.localName === 'Type' && !a.prefix)?.value;
    if (isEncryptedData(c) && type === `${XENC_NS}Element` && isRealEncryptedData(c)) {
      nonData.encryptedElementParents.push(pointer);
      nonData.replacing.add(c);
    }
  }
}

/**
 * A leaf has no structural element children (text, comments and PIs only): a signature or a
 * dummy EncryptedData put into a field does not turn its value into an object.
 */
function isLeaf(element: XmlElement): boolean {
  // Structure: element children outside the signature namespace, but not an EncryptedData
  // that did not replace the field's content. Counted without building lists (every field).
  let encrypted: XmlElement | undefined;
  let count = 0;
  for (const c of element.children) {
    if (c.kind !== 'element' || c.namespaceURI === DSIG_NS) continue;
    if (!isEncryptedData(c)) return false;
    encrypted = c;
    count++;
  }
  // Nothing but EncryptedData: a leaf, unless it is the one that replaced the content.
  return count !== 1 || replacedContent(element, [encrypted as XmlElement]) === undefined;
}

function leafText(element: XmlElement): string {
  let text = '';
  for (const child of element.children) if (child.kind === 'text') text += child.value;
  return text.trim();
}

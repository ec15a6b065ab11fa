import type { ModelObject, ModelValue } from '../documents/model.js';
import { escapePointerToken, type LocationMap } from '../documents/locations.js';
import { setMember } from '../documents/model-members.js';
import { elementPath } from '../xml/path.js';
import type { XmlElement } from '../xml/dom.js';
import { directText, isOpaque } from './paths.js';

/**
 * The whole business document under the format's own names, for profile rules that speak one
 * format: element local names as keys (an element that repeats becomes an array), attributes
 * as `@name`, the text of an element that also has attributes as `#text`. Signatures, their
 * objects and encrypted parts are skipped. Iterative, so nesting depth cannot overflow.
 */
export function nativeModel(
  root: XmlElement,
  pointer: string,
  locations: LocationMap,
): ModelObject {
  const top: ModelObject = {};
  interface Frame {
    element: XmlElement;
    target: ModelObject;
    pointer: string;
    path: string;
  }
  const rootPath = elementPath(root);
  const stack: Frame[] = [{ element: root, target: top, pointer, path: rootPath }];
  locations.set(pointer, { path: rootPath, pos: root.pos });
  while (stack.length > 0) {
    const { element, target, pointer: at, path } = stack.pop() as Frame;
    for (const a of element.attributes) {
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      const key = `@${a.prefix ? `${a.prefix}:` : ''}${a.localName}`;
      setMember(target, key, a.value);
      locations.set(`${at}/${escapePointerToken(key)}`, {
        path: `${path}/@${a.name}`,
        pos: a.pos,
      });
    }
    const children = element.children.filter(
      (c): c is XmlElement => c.kind === 'element' && !isOpaque(c),
    );
    const counts = new Map<string, number>();
    for (const c of children) counts.set(c.localName, (counts.get(c.localName) ?? 0) + 1);
    const qualified = new Map<string, number>();
    for (const c of children) qualified.set(c.name, (qualified.get(c.name) ?? 0) + 1);
    const seen = new Map<string, number>();
    const seenQualified = new Map<string, number>();
    for (const child of children) {
      const name = child.localName;
      const repeated = (counts.get(name) ?? 0) > 1;
      const index = seen.get(name) ?? 0;
      seen.set(name, index + 1);
      const childPointer = repeated
        ? `${at}/${escapePointerToken(name)}/${index}`
        : `${at}/${escapePointerToken(name)}`;
      const leaf = !child.children.some((c) => c.kind === 'element' && !isOpaque(c));
      let value: ModelValue;
      let object: ModelObject | undefined;
      if (leaf && child.attributes.length === 0) value = directText(child);
      else {
        object = {};
        if (leaf) setMember(object, '#text', directText(child));
        value = object;
      }
      if (repeated) {
        let list = Object.hasOwn(target, name) ? target[name] : undefined;
        if (!Array.isArray(list)) {
          list = [];
          setMember(target, name, list);
        }
        list.push(value);
      } else setMember(target, name, value);
      const q = (seenQualified.get(child.name) ?? 0) + 1;
      seenQualified.set(child.name, q);
      const childPath = `${path}/${child.name}${(qualified.get(child.name) ?? 0) > 1 ? `[${q}]` : ''}`;
      locations.set(childPointer, { path: childPath, pos: child.pos });
      if (object)
        stack.push({ element: child, target: object, pointer: childPointer, path: childPath });
    }
  }
  return top;
}

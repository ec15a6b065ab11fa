import type { XmlDocument, XmlElement } from '../xml/dom.js';
import type { SignatureInfo } from '../signature/types.js';
import type { SourceLocation } from './model.js';
import { framePath, type PathFrame } from './path-frame.js';

const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
const ID_ATTRIBUTES = new Set(['Id', 'ID', 'id']);
const MAX_REPORTED = 16;

/**
 * Document content (elements of the document's namespace, e.g. a whole second
 * CustomsDeclaration) inside a ds:Object that no Reference signs. corridor reads the model from
 * the document outside signatures; a receiver's tool reading the Object would see data nobody
 * signed (issue #15). Signed Objects (an enveloping signature's content) are not reported.
 */
export function unsignedObjectContent(
  doc: XmlDocument,
  namespace: string,
  signatures: readonly SignatureInfo[],
): SourceLocation[] {
  const referenced = new Set<string>();
  for (const signature of signatures)
    for (const reference of signature.references)
      if (reference.uri?.startsWith('#')) referenced.add(reference.uri.slice(1));
  const isSigned = (element: XmlElement) =>
    element.attributes.some((a) => ID_ATTRIBUTES.has(a.name) && referenced.has(a.value));

  const found: SourceLocation[] = [];
  interface Frame extends PathFrame {
    inObject: boolean;
    signed: boolean;
  }
  // Paths are spelled only for what is found (framePath), not for every element walked.
  const stack: Frame[] = [
    { element: doc.root, parent: undefined, index: 0, inObject: false, signed: false },
  ];
  while (stack.length > 0 && found.length < MAX_REPORTED) {
    const frame = stack.pop() as Frame;
    const { element, inObject, signed } = frame;
    let index = 0;
    for (const c of element.children) {
      if (c.kind !== 'element') continue;
      ++index;
      const object = inObject || (c.namespaceURI === DSIG_NS && c.localName === 'Object');
      const childSigned = signed || (object && isSigned(c));
      if (inObject && !childSigned && c.namespaceURI === namespace) {
        found.push({ path: framePath({ element: c, parent: frame, index }), pos: c.pos });
        continue;
      }
      stack.push({ element: c, parent: frame, index, inObject: object, signed: childSigned });
    }
  }
  return found;
}

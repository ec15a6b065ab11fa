import type { XmlDocument, XmlElement } from '../xml/dom.js';
import { memo, MemoKey } from '../xml/memo.js';
import { XINCLUDE_NAMESPACES } from './ids.js';

const FOUND = new MemoKey<XmlElement[]>('xinclude-elements');

/**
 * XInclude elements (`xi:include`, `xi:fallback`) anywhere in the document, in document
 * order. corridor never processes XInclude, but a receiver whose parser does would read
 * content (a local file, a URL) the signer never signed, so their mere presence is refused.
 * Computed once per parsed document.
 */
export function xincludeElements(doc: XmlDocument): XmlElement[] {
  return memo(doc, FOUND, () => findXIncludes(doc));
}

function findXIncludes(doc: XmlDocument): XmlElement[] {
  const elements: XmlElement[] = [];
  const stack: XmlElement[] = [doc.root];
  while (stack.length > 0) {
    const element = stack.pop() as XmlElement;
    if (element.namespaceURI !== null && XINCLUDE_NAMESPACES.includes(element.namespaceURI)) {
      elements.push(element);
    }
    for (let i = element.children.length - 1; i >= 0; i--) {
      const child = element.children[i];
      if (child?.kind === 'element') stack.push(child);
    }
  }
  return elements;
}

import { scanDocument } from '../signature/dsig-elements.js';
import type { XmlDocument, XmlElement } from '../xml/dom.js';

/**
 * XInclude elements (`xi:include`, `xi:fallback`) anywhere in the document, in document
 * order. corridor never processes XInclude, but a receiver whose parser does would read
 * content (a local file, a URL) the signer never signed, so their mere presence is refused.
 * Found in the walk that also finds the signatures, once per parsed document.
 */
export function xincludeElements(doc: XmlDocument): XmlElement[] {
  return scanDocument(doc).xincludes;
}

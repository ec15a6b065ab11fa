import type { XmlElement } from '../xml/dom.js';

const XENC_NS = 'http://www.w3.org/2001/04/xmlenc#';

function childOf(element: XmlElement, localName: string): XmlElement | undefined {
  return element.children.find(
    (c): c is XmlElement =>
      c.kind === 'element' && c.namespaceURI === XENC_NS && c.localName === localName,
  );
}

/**
 * An EncryptedData that can have replaced content: it names its data algorithm and carries a
 * non-empty CipherValue or a CipherReference. An empty one encrypts nothing and counts for
 * nothing (issue #15: a dummy element made every document rule "not evaluated").
 */
export function isRealEncryptedData(element: XmlElement): boolean {
  const method = childOf(element, 'EncryptionMethod');
  if (!method?.attributes.some((a) => a.localName === 'Algorithm' && !a.prefix && a.value))
    return false;
  const cipherData = childOf(element, 'CipherData');
  if (!cipherData) return false;
  if (childOf(cipherData, 'CipherReference')) return true;
  const value = childOf(cipherData, 'CipherValue');
  return value?.children.some((c) => c.kind === 'text' && c.value.trim().length > 0) === true;
}

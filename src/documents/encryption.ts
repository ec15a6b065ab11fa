import type { XmlDocument, XmlElement } from '../xml/dom.js';
import type { EncryptionInfo } from './model.js';
import { DSIG_NS, XENC_NS } from './xml-model.js';
import { framePath, type PathFrame } from './path-frame.js';

/**
 * Reads XML Encryption metadata: the data algorithm and key-transport algorithms per
 * EncryptedData; `replacing` are those the model reader found to replace document content.
 */
export function readEncryption(
  doc: XmlDocument,
  replacing: ReadonlySet<XmlElement> = new Set(),
): EncryptionInfo[] {
  const found: EncryptionInfo[] = [];
  // Paths are spelled only for what is found: most documents have no EncryptedData, and a
  // path string per element was most of this walk's cost.
  const stack: PathFrame[] = [{ element: doc.root, parent: undefined, index: 0 }];
  while (stack.length > 0) {
    const frame = stack.pop() as PathFrame;
    const { element } = frame;
    if (element.namespaceURI === XENC_NS && element.localName === 'EncryptedData') {
      found.push({
        path: framePath(frame),
        pos: element.pos,
        dataAlgorithm: algorithmOf(child(element, XENC_NS, 'EncryptionMethod')),
        keyTransport: encryptedKeys(element).map(
          (key) => algorithmOf(child(key, XENC_NS, 'EncryptionMethod')) ?? '',
        ),
        replacesContent: replacing.has(element),
      });
      continue;
    }
    let index = 0;
    for (const c of element.children) {
      if (c.kind === 'element') stack.push({ element: c, parent: frame, index: ++index });
    }
  }
  return found.sort((a, b) => (a.pos?.offset ?? 0) - (b.pos?.offset ?? 0));
}

function child(element: XmlElement, ns: string, localName: string): XmlElement | undefined {
  return element.children.find(
    (c): c is XmlElement =>
      c.kind === 'element' && c.namespaceURI === ns && c.localName === localName,
  );
}

function algorithmOf(element: XmlElement | undefined): string | null {
  return element?.attributes.find((a) => a.localName === 'Algorithm' && !a.prefix)?.value ?? null;
}

function encryptedKeys(encryptedData: XmlElement): XmlElement[] {
  const keyInfo = child(encryptedData, DSIG_NS, 'KeyInfo');
  if (!keyInfo) return [];
  return keyInfo.children.filter(
    (c): c is XmlElement =>
      c.kind === 'element' && c.namespaceURI === XENC_NS && c.localName === 'EncryptedKey',
  );
}

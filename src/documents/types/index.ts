import type { DocumentType } from '../model.js';
import { customsDeclaration } from './customs-declaration.js';
import type { DocumentTypeDefinition } from './definition.js';
import { licence } from './licence.js';

/** Every document type corridor reads: add a type with one file and one line here. */
export const DOCUMENT_TYPE_DEFINITIONS: readonly DocumentTypeDefinition[] = [
  customsDeclaration,
  licence,
];

export function definitionByNamespace(namespace: string | null, localName: string) {
  return DOCUMENT_TYPE_DEFINITIONS.find(
    (d) => d.namespace === namespace && d.rootElement === localName,
  );
}

export function definitionByType(type: DocumentType): DocumentTypeDefinition {
  const found = DOCUMENT_TYPE_DEFINITIONS.find((d) => d.type === type);
  if (!found) throw new Error(`no definition for document type ${type}`);
  return found;
}

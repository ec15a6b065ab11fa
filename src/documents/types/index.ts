import type { DocumentType } from '../model.js';
import { shippedDoctypes } from '../../doctypes/load.js';
import type { Doctype } from '../../doctypes/types.js';
import type { DocumentTypeDefinition } from './definition.js';

/**
 * corridor's own formats, whose element names are the model: now data in doctypes/
 * (corridor-customs-declaration.json, corridor-licence.json), seen here in the shape the
 * element-name reader, the JSON reader and the fixture writer use.
 */
export function elementNameDefinition(doctype: Doctype): DocumentTypeDefinition | undefined {
  if (!doctype.elementNames || doctype.kind === 'envelope' || doctype.match.namespace.includes('*'))
    return undefined;
  const root = Array.isArray(doctype.match.localName)
    ? doctype.match.localName[0]
    : doctype.match.localName;
  return {
    type: doctype.kind,
    title: doctype.title,
    namespace: doctype.match.namespace,
    rootElement: root as string,
    arrays: doctype.elementNames.arrays,
    leafAttributes: doctype.elementNames.leafAttributes,
    issuingCountryKey: doctype.issuingCountryKey ?? 'issuingCountry',
  };
}

let definitions: readonly DocumentTypeDefinition[] | undefined;

/** corridor's own formats (the shipped element-name definitions). */
export function documentTypeDefinitions(): readonly DocumentTypeDefinition[] {
  definitions ??= shippedDoctypes()
    .doctypes.map(elementNameDefinition)
    .filter((d): d is DocumentTypeDefinition => d !== undefined);
  return definitions;
}

export function definitionByType(type: DocumentType): DocumentTypeDefinition {
  const found = documentTypeDefinitions().find((d) => d.type === type);
  if (!found) throw new Error(`no definition for document type ${type}`);
  return found;
}

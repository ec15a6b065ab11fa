import type { DocumentTypeDefinition } from './definition.js';

/** Import/export licence with the EAEU licence fields. */
export const licence: DocumentTypeDefinition = {
  type: 'licence',
  title: 'Import/export licence',
  namespace: 'urn:corridor:licence:1',
  rootElement: 'Licence',
  arrays: { Goods: 'goods' },
  leafAttributes: { taxpayerId: ['scheme'] },
  issuingCountryKey: 'issuingCountry',
};

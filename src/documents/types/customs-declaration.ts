import type { DocumentTypeDefinition } from './definition.js';

/** Goods declaration modelled on the EAEU ESADout_CU / WCO data model core fields. */
export const customsDeclaration: DocumentTypeDefinition = {
  type: 'customs-declaration',
  title: 'Customs (goods) declaration',
  namespace: 'urn:corridor:customs-declaration:1',
  rootElement: 'CustomsDeclaration',
  arrays: { GoodsItem: 'goodsItems', PresentedDocument: 'presentedDocuments' },
  leafAttributes: { taxpayerId: ['scheme'] },
  issuingCountryKey: 'issuingCountry',
};

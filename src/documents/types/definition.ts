import type { DocumentType } from '../model.js';

/**
 * How one document type is written in XML and JSON. The generic readers map XML element
 * names to camelCase model keys; `arrays` names the repeatable elements and their model key.
 */
export interface DocumentTypeDefinition {
  type: DocumentType;
  title: string;
  namespace: string;
  rootElement: string;
  /** XML element local name → model key of the array it accumulates into. */
  arrays: Record<string, string>;
  /**
   * Leaf model keys whose XML element carries attributes: `taxpayerId: ['scheme']` means
   * `<TaxpayerId scheme="INN">…</TaxpayerId>` ↔ `taxpayerId` + `taxpayerIdScheme`.
   */
  leafAttributes: Record<string, string[]>;
  /** Model key holding the issuing (sending) country. */
  issuingCountryKey: string;
}

import type { MatrixResult } from '../../src/engine/types.js';
import { documentIds, matrixResult } from './fixture.js';

/**
 * The report fixture with the waybill issued in KG and sent under the KZ profile, as a union
 * profile speaks for its member states (EU for DE): its pairs and its `documents[]` entry carry
 * `senderCountry`, every other document has its own profile and none.
 */
export const MEMBER_DOCUMENT = documentIds.DOC_WB;

export const memberResult: MatrixResult = {
  ...matrixResult,
  documents: Array.from(matrixResult.documents, (document) =>
    document.document === MEMBER_DOCUMENT ? { ...document, senderCountry: 'KG' } : document,
  ),
  pairs: matrixResult.pairs.map((pair) =>
    pair.document === MEMBER_DOCUMENT ? { ...pair, senderCountry: 'KG' } : pair,
  ),
};

export const memberCheckResult: MatrixResult = { ...memberResult, kind: 'check' };

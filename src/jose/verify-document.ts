import type { ParsedDocument } from '../documents/model.js';
import type { SignatureVerification } from '../signature/types.js';
import { uncheckedJwsVerification, verifyJwsCt, type JwsVerifyOptions } from './jws-ct-verify.js';
import { JWS_RULES } from './problems.js';

/**
 * Verifies the JWS/CT signatures the reader found in a JSON document, one result per
 * SignatureInfo. Bounds were applied while reading (the JWS is sized before it is decoded);
 * a failure inside verification is reported against the signature, never thrown.
 */
export function verifyJsonDocument(
  document: ParsedDocument,
  options: JwsVerifyOptions = {},
): SignatureVerification[] {
  return document.signatures.map((info) => {
    try {
      // A JWS/CT signature signs the whole document but its own member (JCS of the rest).
      return { ...verifyJwsCt(info, options), scope: { kind: 'document', paths: ['/'], uris: [] } };
    } catch (error) {
      return uncheckedJwsVerification(info, [
        {
          ruleId: JWS_RULES.internalError,
          message: `could not be checked: ${error instanceof Error ? error.message : String(error)}`,
        },
      ]);
    }
  });
}

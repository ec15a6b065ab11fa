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
      return verifyJwsCt(info, options);
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

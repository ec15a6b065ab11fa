import type { ParsedDocument } from '../documents/model.js';
import { verifyJsonDocument } from '../jose/verify-document.js';
import type { DocumentLimits } from '../limits.js';
import { verifyWithinLimits } from '../security/verify.js';
import type { ExplicitKey } from '../signature/key-selection.js';
import type { SignatureVerification } from '../signature/types.js';
import { withRevocation, type RevocationOptions } from './revocation-check.js';

export interface DocumentVerifyOptions extends RevocationOptions {
  asOf: Date;
  limits?: Partial<DocumentLimits> | undefined;
  /** Keys the caller vouches for (`verify --key`); when given, keys in the document are not used. */
  keys?: readonly ExplicitKey[] | undefined;
  /** Untrusted certificates (`--certs`): signers KeyInfo names, and intermediates. */
  certificates?: readonly Uint8Array[] | undefined;
  /** Detached content the user supplied (`--content uri=file`), by Reference URI. */
  content?: ReadonlyMap<string, Uint8Array> | undefined;
}

/**
 * The one verification step of `check`, `matrix` and `verify`: every signature the reader found
 * in a document, XMLDSig behind the security gates or JWS/CT, in reader order. Independent of
 * profiles and of the as-of date (trust is judged later, per receiver).
 */
export function verifyParsedDocument(
  document: ParsedDocument,
  options: DocumentVerifyOptions,
): SignatureVerification[] {
  const keys = options.keys && options.keys.length > 0 ? options.keys : undefined;
  if (document.xml) {
    const verifications = verifyWithinLimits(
      document.xml,
      {
        asOf: options.asOf,
        limits: options.limits,
        ...(keys ? { keys } : {}),
        ...(options.certificates?.length ? { certificates: options.certificates } : {}),
        ...(options.content ? { content: options.content } : {}),
      },
      {
        signatures: document.signatures,
        count: document.signatureCount ?? document.signatures.length,
      },
    );
    return withRevocation(verifications, options, options.asOf);
  }
  if (document.json !== undefined) {
    return withRevocation(
      verifyJsonDocument(document, keys ? { keys } : {}),
      options,
      options.asOf,
    );
  }
  return [];
}

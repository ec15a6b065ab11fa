import type { SignatureFormat } from '../signature/types.js';
import { defineRule } from './define.js';
import { signatureLocation } from './signature-facts.js';

/** How each syntax is named in findings, and what a signer must produce to use it. */
const FORMATS: Record<SignatureFormat, { name: string; produce: string }> = {
  xmldsig: { name: 'XMLDSig (ds:Signature)', produce: 'sign the XML form of the document' },
  jws: {
    name: 'JWS (JWS/CT "signature" member)',
    produce: 'sign the JSON form of the document with a JWS/CT signature',
  },
};

/**
 * The signature syntax comes before every algorithm question: a receiver whose systems read
 * only ds:Signature cannot use a JWS, whatever algorithm it names. A receiver without a list
 * of formats does not restrict them.
 */
export const signatureFormatAccepted = defineRule({
  id: 'signature/format-accepted',
  defaultSeverity: 'error',
  meta: {
    description: 'The signature syntax (XMLDSig or JWS) is one the receiver accepts.',
    messages: { notAccepted: '{{format}} signature; {{receiver}} accepts {{accepted}}' },
  },
  check: ({ document, receiver }) => {
    const listed = receiver.signature?.formats;
    if (!listed) return [];
    const accepted = [...new Set(listed.map((entry) => entry.format))];
    const names = accepted.map((format) => FORMATS[format].name);
    const acceptedText =
      names.length === 0
        ? 'no signature format'
        : `${names.join(' or ')}${names.length === 1 ? ' only' : ''}`;
    const remedy =
      accepted.length === 0
        ? 'its profile lists no signature format (an empty list accepts nothing)'
        : accepted.map((format) => FORMATS[format].produce).join(', or ');
    return document.signatures
      .filter((signature) => !accepted.includes(signature.format))
      .map((signature) => ({
        messageId: 'notAccepted' as const,
        data: {
          format: FORMATS[signature.format].name,
          receiver: receiver.id,
          accepted: acceptedText,
        },
        location: signatureLocation(signature),
        hint: `${receiver.id} accepts ${acceptedText}; ${remedy}.`,
      }));
  },
});

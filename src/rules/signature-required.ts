import type { SignatureFormat } from '../signature/types.js';
import { defineRule } from './define.js';

export const signatureRequired = defineRule({
  id: 'signature/required',
  defaultSeverity: 'error',
  meta: {
    description: 'A signature is present when the receiver requires one.',
    messages: { missing: '{{receiver}} requires a signed document; this one carries no signature' },
  },
  check: ({ document, receiver }) => {
    if (!document.type || !receiver.signature?.required || document.signatures.length > 0)
      return [];
    return [
      {
        messageId: 'missing',
        data: { receiver: receiver.id },
        location: document.locate(''),
        hint: howToSign(
          document.format === 'json' ? 'jws' : 'xmldsig',
          receiver.signature.formats?.map((entry) => entry.format),
        ),
      },
    ];
  },
});

/** The signature this document can carry, unless the receiver takes only the other syntax. */
function howToSign(native: SignatureFormat, accepted: SignatureFormat[] | undefined): string {
  const algorithm = 'with an algorithm the receiver accepts';
  if (accepted?.length === 0)
    return 'The receiver’s profile lists no signature format: an empty list accepts nothing.';
  if (accepted && !accepted.includes(native)) {
    return accepted.includes('xmldsig')
      ? `The receiver accepts XMLDSig only: sign the XML form of the document ${algorithm} (enveloped XMLDSig).`
      : `The receiver accepts JWS only: sign the JSON form of the document ${algorithm} (JWS/CT "signature" member).`;
  }
  return native === 'xmldsig'
    ? `Sign the document ${algorithm} (enveloped XMLDSig).`
    : `Sign the document ${algorithm} (a JWS/CT "signature" member).`;
}

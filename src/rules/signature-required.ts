import type { Rule } from './types.js';

export const signatureRequired: Rule = {
  id: 'signature/required',
  description: 'A signature is present when the receiver requires one.',
  defaultSeverity: 'error',
  check: ({ document, receiver }) => {
    if (!document.type || !receiver.signature?.required || document.signatures.length > 0)
      return [];
    return [
      {
        message: `${receiver.id} requires a signed document; this one carries no XML signature`,
        location: document.locate(''),
        hint: 'Sign the document with an algorithm the receiver accepts (enveloped XMLDSig).',
      },
    ];
  },
};

import type { Rule } from './types.js';
import { signatureLocation } from './signature-facts.js';

export const signaturePlacement: Rule = {
  id: 'signature/placement',
  description:
    'The signature is placed (enveloped / enveloping / detached) as the receiver requires.',
  defaultSeverity: 'error',
  check: ({ document, receiver }) => {
    const allowed = receiver.signature?.placement;
    if (!allowed) return [];
    return document.signatures
      .filter((signature) => !allowed.includes(signature.placement))
      .map((signature) => ({
        message: `${signature.placement} signature; ${receiver.id} requires ${allowed.join(' or ')}`,
        location: signatureLocation(signature),
        hint: `Produce an ${allowed[0]} signature.`,
      }));
  },
};

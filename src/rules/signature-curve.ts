import { signatureAspectRule } from './signature-aspect-rule.js';
import { signatureLocation } from './signature-facts.js';

export const signatureCurve = signatureAspectRule({
  id: 'signature/curve',
  description: 'The signing key’s curve / parameter set is one the receiver allows.',
  aspect: 'curve',
  report: (failure, { rule, algorithm, signature }) => ({
    message: `${algorithm.name} key on ${failure.actual} is not an allowed parameter set for ${rule.receiver.id} (allowed: ${failure.curves.join(', ')})`,
    location: signatureLocation(signature, 'KeyInfo'),
    hint: 'Issue the signing key on one of the allowed curves.',
  }),
});

import { signatureAspectRule } from './signature-aspect-rule.js';
import { signatureLocation } from './signature-facts.js';

export const signatureKeySize = signatureAspectRule({
  id: 'signature/key-size',
  description: 'The signing key is at least the receiver’s minimum size for the algorithm.',
  aspect: 'key-size',
  report: (failure, { rule, algorithm, signature }) => ({
    message: `${algorithm.name} key of ${failure.actualBits} bits is below ${rule.receiver.id}'s minimum of ${failure.minKeyBits}`,
    location: signatureLocation(signature, 'KeyInfo'),
    hint: `Sign with a key of at least ${failure.minKeyBits} bits.`,
  }),
});

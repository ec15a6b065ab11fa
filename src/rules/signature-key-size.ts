import { signatureAspectRule } from './signature-aspect-rule.js';
import { signatureLocation } from './signature-facts.js';

export const signatureKeySize = signatureAspectRule({
  id: 'signature/key-size',
  description: 'The signing key is at least the receiver’s minimum size for the algorithm.',
  messages: {
    tooSmall: "{{algorithm}} key of {{bits}} bits is below {{receiver}}'s minimum of {{minBits}}",
  },
  aspect: 'key-size',
  report: (failure, { rule, algorithm, signature }) => ({
    messageId: 'tooSmall',
    data: {
      algorithm: algorithm.name,
      bits: failure.actualBits,
      receiver: rule.receiver.id,
      minBits: failure.minKeyBits,
    },
    location: signatureLocation(signature, 'KeyInfo'),
    hint: `Sign with a key of at least ${failure.minKeyBits} bits.`,
  }),
});

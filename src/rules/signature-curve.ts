import { signatureAspectRule } from './signature-aspect-rule.js';
import { signatureLocation } from './signature-facts.js';

export const signatureCurve = signatureAspectRule({
  id: 'signature/curve',
  description: 'The signing key’s curve / parameter set is one the receiver allows.',
  messages: {
    curve:
      '{{algorithm}} key on {{curve}} is not an allowed parameter set for {{receiver}} (allowed: {{allowed}})',
  },
  aspect: 'curve',
  report: (failure, { rule, algorithm, signature }) => ({
    messageId: 'curve',
    data: {
      algorithm: algorithm.name,
      curve: failure.actual,
      receiver: rule.receiver.id,
      allowed: failure.curves.join(', '),
    },
    location: signatureLocation(signature, 'KeyInfo'),
    hint: 'Issue the signing key on one of the allowed curves.',
  }),
});

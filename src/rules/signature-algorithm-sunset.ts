import { signatureAspectRule } from './signature-aspect-rule.js';
import { signatureLocation } from './signature-facts.js';

export const signatureAlgorithmSunset = signatureAspectRule({
  id: 'signature/algorithm-sunset',
  description:
    'The signature algorithm is inside the receiver’s validity window on the as-of date.',
  aspect: 'date',
  report: (failure, { rule, algorithm, signature }) => {
    const window = [
      failure.notBefore && `from ${failure.notBefore}`,
      failure.notAfter && `until ${failure.notAfter}`,
    ]
      .filter(Boolean)
      .join(' ');
    return {
      message: `${rule.receiver.id} accepts ${algorithm.name} only ${window}; as of ${rule.asOf.toISOString().slice(0, 10)} it does not`,
      location: signatureLocation(signature, 'SignedInfo/SignatureMethod'),
      hint: 'Move to an algorithm the receiver accepts on that date.',
    };
  },
});

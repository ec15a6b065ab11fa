import { signatureAspectRule } from './signature-aspect-rule.js';
import { signatureLocation } from './signature-facts.js';
import { signingDayOf, signingWindowMessage } from './signing-day.js';

export const signatureAlgorithmSunset = signatureAspectRule({
  id: 'signature/algorithm-sunset',
  description:
    'The signature algorithm is inside the receiver’s validity window on the as-of date, and was used while its signing window was open (signed signing time, else the as-of date).',
  aspect: 'date',
  report: (failure, { rule, algorithm, signature, verification }) => {
    const location = signatureLocation(signature, 'SignedInfo/SignatureMethod');
    const accepts = `${rule.receiver.id} accepts ${algorithm.name}`;
    if (failure.window === 'signing') {
      const signing = signingDayOf(signature, verification);
      return {
        message: signingWindowMessage(accepts, failure, signing),
        location,
        hint:
          failure.judgedOn === 'signing-time'
            ? 'The signature was made outside the window: re-sign with an algorithm the receiver accepts.'
            : 'If it was made inside the window, let the signature carry its signing time (a signed XAdES SigningTime or JWS sigT); otherwise re-sign with an algorithm the receiver accepts.',
      };
    }
    const window = [
      failure.notBefore && `from ${failure.notBefore}`,
      failure.notAfter && `until ${failure.notAfter}`,
    ]
      .filter(Boolean)
      .join(' ');
    return {
      message: `${accepts} only ${window}; as of ${rule.asOf.toISOString().slice(0, 10)} it does not`,
      location,
      hint: 'Move to an algorithm the receiver accepts on that date.',
    };
  },
});

import { signatureAspectRule } from './signature-aspect-rule.js';
import { signatureLocation } from './signature-facts.js';
import {
  dateWindow,
  signingDayOf,
  signingWindowMessages,
  signingWindowReport,
} from './signing-day.js';
import { isoDay } from './as-of.js';

export const signatureAlgorithmSunset = signatureAspectRule({
  id: 'signature/algorithm-sunset',
  description:
    'The signature algorithm is inside the receiver’s validity window on the as-of date, and was used while its signing window was open (signed signing time, else the as-of date).',
  messages: {
    outsideWindow: '{{receiver}} accepts {{algorithm}} only {{window}}; as of {{asOf}} it does not',
    ...signingWindowMessages('{{receiver}} accepts {{algorithm}}'),
  },
  aspect: 'date',
  report: (failure, { rule, algorithm, signature, verification }) => {
    const location = signatureLocation(signature, 'SignedInfo/SignatureMethod');
    const accepts = { receiver: rule.receiver.id, algorithm: algorithm.name };
    if (failure.window === 'signing') {
      const signing = signingDayOf(signature, verification);
      const { messageId, data } = signingWindowReport(failure, signing);
      return {
        messageId,
        data: { ...accepts, ...data },
        location,
        hint:
          failure.judgedOn === 'signing-time'
            ? 'The signature was made outside the window: re-sign with an algorithm the receiver accepts.'
            : 'If it was made inside the window, let the signature carry its signing time (a signed XAdES SigningTime or JWS sigT); otherwise re-sign with an algorithm the receiver accepts.',
      };
    }
    return {
      messageId: 'outsideWindow',
      data: {
        ...accepts,
        window: dateWindow(failure.notBefore, failure.notAfter),
        asOf: isoDay(rule.asOf),
      },
      location,
      hint: 'Move to an algorithm the receiver accepts on that date.',
    };
  },
});

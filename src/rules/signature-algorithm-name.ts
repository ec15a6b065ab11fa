import { signatureAspectRule } from './signature-aspect-rule.js';
import { signatureLocation } from './signature-facts.js';
import { clipQuoted } from '../util/clip.js';

/** Same algorithm, different URI: a receiver that matches URIs as strings rejects it. */
export const signatureAlgorithmName = signatureAspectRule({
  id: 'signature/algorithm-name',
  description: 'The SignatureMethod URI is the name the receiver knows the algorithm by.',
  messages: {
    otherName: '{{receiver}} knows {{algorithm}} as {{acceptedUris}}, not {{uri}}',
    // The registry says where an alias comes from, so the message can say whose name it is.
    otherNameAlias:
      '{{receiver}} knows {{algorithm}} as {{acceptedUris}}, not {{uri}} (alias: {{alias}})',
  },
  aspect: 'name',
  report: (failure, { rule, algorithm, signature }) => ({
    messageId: algorithm.aliases?.[signature.signatureMethod] ? 'otherNameAlias' : 'otherName',
    data: {
      receiver: rule.receiver.id,
      algorithm: algorithm.name,
      acceptedUris: failure.acceptedUris.join(' or '),
      uri: clipQuoted(signature.signatureMethod),
      alias: algorithm.aliases?.[signature.signatureMethod] ?? '',
    },
    location: signatureLocation(signature, 'SignedInfo/SignatureMethod'),
    hint: `Same algorithm, different name: emit Algorithm="${failure.acceptedUris[0]}".`,
  }),
});

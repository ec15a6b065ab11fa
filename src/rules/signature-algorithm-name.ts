import { signatureAspectRule } from './signature-aspect-rule.js';
import { signatureLocation } from './signature-facts.js';
import { clipQuoted } from '../util/clip.js';

/** Same algorithm, different URI: a receiver that matches URIs as strings rejects it. */
export const signatureAlgorithmName = signatureAspectRule({
  id: 'signature/algorithm-name',
  description: 'The SignatureMethod URI is the name the receiver knows the algorithm by.',
  aspect: 'name',
  report: (failure, { rule, algorithm, signature }) => ({
    // The registry says where an alias comes from, so the message can say whose name it is.
    message: `${rule.receiver.id} knows ${algorithm.name} as ${failure.acceptedUris.join(' or ')}, not ${clipQuoted(signature.signatureMethod)}${usedBy(algorithm.aliases?.[signature.signatureMethod])}`,
    location: signatureLocation(signature, 'SignedInfo/SignatureMethod'),
    hint: `Same algorithm, different name: emit Algorithm="${failure.acceptedUris[0]}".`,
  }),
});

function usedBy(where: string | undefined): string {
  return where ? ` (alias: ${where})` : '';
}

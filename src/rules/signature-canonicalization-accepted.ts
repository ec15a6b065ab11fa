import { algorithmListRule } from './algorithm-list-rule.js';

export const signatureCanonicalizationAccepted = algorithmListRule({
  id: 'signature/canonicalization-accepted',
  kind: 'canonicalization',
  noun: 'canonicalization',
  description:
    'CanonicalizationMethod and canonicalization transforms are accepted by the receiver.',
});

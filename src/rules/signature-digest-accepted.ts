import { algorithmListRule } from './algorithm-list-rule.js';

export const signatureDigestAccepted = algorithmListRule({
  id: 'signature/digest-accepted',
  kind: 'digest',
  noun: 'digest',
  description: 'Every Reference DigestMethod is accepted by the receiver.',
});

import { algorithmListRule } from './algorithm-list-rule.js';

export const signatureTransformAccepted = algorithmListRule({
  id: 'signature/transform-accepted',
  kind: 'transform',
  noun: 'transform',
  description: 'Every Reference transform is accepted by the receiver.',
});

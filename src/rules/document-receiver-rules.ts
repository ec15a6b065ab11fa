import { constraintRule } from './constraint-rule.js';

export const documentReceiverRules = constraintRule({
  id: 'document/receiver-rules',
  side: 'receiver',
  description:
    'The document satisfies the receiver’s rules for its type (formats, required fields, code lengths).',
});

import { constraintRule } from './constraint-rule.js';

export const documentSenderRules = constraintRule({
  id: 'document/sender-rules',
  side: 'sender',
  description:
    'The document satisfies its own jurisdiction’s rules (a document must be valid where it was made).',
});

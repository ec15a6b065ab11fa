import type { Rule } from './types.js';

export const documentTypeAccepted: Rule = {
  id: 'document/type-accepted',
  description: 'The receiver accepts documents of this type.',
  defaultSeverity: 'error',
  check: ({ document, receiver }) => {
    if (!document.type) return [];
    const policy = receiver.documents?.[document.type];
    if (policy?.accepted !== false && policy !== undefined) return [];
    const accepted = Object.entries(receiver.documents ?? {})
      .filter(([, p]) => p?.accepted !== false)
      .map(([type]) => type);
    return [
      {
        message: `${receiver.id} does not accept ${document.type} documents${accepted.length ? ` (accepts: ${accepted.join(', ')})` : ''}`,
        location: document.locate(''),
        hint: 'Check whether the receiver expects this document through another channel or document type.',
      },
    ];
  },
};

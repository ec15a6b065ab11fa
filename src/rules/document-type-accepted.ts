import { defineRule } from './define.js';

export const documentTypeAccepted = defineRule({
  id: 'document/type-accepted',
  defaultSeverity: 'error',
  meta: {
    description: 'The receiver accepts documents of this type.',
    messages: {
      notAccepted: '{{receiver}} does not accept {{type}} documents (accepts: {{accepted}})',
      acceptsNone: '{{receiver}} does not accept {{type}} documents',
    },
  },
  check: ({ document, receiver }) => {
    if (!document.type) return [];
    const policy = receiver.documents?.[document.type];
    if (policy?.accepted !== false && policy !== undefined) return [];
    const accepted = Object.entries(receiver.documents ?? {})
      .filter(([, p]) => p?.accepted !== false)
      .map(([type]) => type);
    return [
      {
        messageId: accepted.length ? 'notAccepted' : 'acceptsNone',
        data: { receiver: receiver.id, type: document.type, accepted: accepted.join(', ') },
        location: document.locate(''),
        hint: 'Check whether the receiver expects this document through another channel or document type.',
      },
    ];
  },
});

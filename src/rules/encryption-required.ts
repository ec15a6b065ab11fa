import type { Rule } from './types.js';

export const encryptionRequired: Rule = {
  id: 'encryption/required',
  description: 'Documents the receiver requires encrypted carry XML Encryption.',
  defaultSeverity: 'error',
  check: ({ document, receiver }) => {
    const required = receiver.encryption?.requiredFor ?? [];
    if (!document.type || !required.includes(document.type) || document.encryption.length > 0)
      return [];
    return [
      {
        message: `${receiver.id} requires ${document.type} documents to be encrypted; this one is not`,
        location: document.locate(''),
        hint: 'Encrypt the confidential parts with XML Encryption using an algorithm the receiver accepts.',
      },
    ];
  },
};

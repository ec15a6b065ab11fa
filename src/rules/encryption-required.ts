import type { EncryptionInfo } from '../documents/model.js';
import type { AlgorithmPolicyEntry, ResolvedProfile } from '../profiles/types.js';
import { matchAlgorithm } from './policy-match.js';
import { defineRule } from './define.js';

/**
 * Encryption that counts: an EncryptedData that replaced document content (not an empty
 * dummy, not one inside ds:Object or beside plain text), whose cipher the receiver accepts and,
 * when the receiver lists key transports, with a key transported in one of them.
 */
function counts(encrypted: EncryptionInfo, receiver: ResolvedProfile, asOf: Date): boolean {
  if (!encrypted.replacesContent || !encrypted.dataAlgorithm) return false;
  const policy = receiver.encryption;
  const accepted = (uri: string, list: AlgorithmPolicyEntry[] | undefined) =>
    !list || matchAlgorithm(uri, list, asOf).outcome === 'accepted';
  if (!accepted(encrypted.dataAlgorithm, policy?.dataAlgorithms)) return false;
  if (!policy?.keyTransport) return true;
  return encrypted.keyTransport.some((uri) => uri !== '' && accepted(uri, policy.keyTransport));
}

export const encryptionRequired = defineRule({
  id: 'encryption/required',
  defaultSeverity: 'error',
  meta: {
    description:
      'Documents the receiver requires encrypted carry XML Encryption that replaced their content, with a cipher and key transport the receiver accepts.',
    messages: {
      notEncrypted: '{{receiver}} requires {{type}} documents to be encrypted; this one is not',
      encryptionNotCounted:
        '{{receiver}} requires {{type}} documents to be encrypted; no EncryptedData here replaced document content with a cipher and key transport {{receiver}} accepts',
    },
  },
  check: ({ document, receiver, asOf }) => {
    const required = receiver.encryption?.requiredFor ?? [];
    if (!document.type || !required.includes(document.type)) return [];
    if (document.encryption.some((encrypted) => counts(encrypted, receiver, asOf))) return [];
    const present = document.encryption.length > 0;
    return [
      {
        messageId: present ? 'encryptionNotCounted' : 'notEncrypted',
        data: { receiver: receiver.id, type: document.type },
        location: document.locate(''),
        hint: 'Encrypt the confidential parts with XML Encryption using an algorithm the receiver accepts.',
      },
    ];
  },
});

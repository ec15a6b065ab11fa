import type { AlgorithmPolicyEntry } from '../profiles/types.js';
import type { RuleReport } from './types.js';
import { defineRule } from './define.js';
import { acceptedList, matchAlgorithm } from './policy-match.js';

const messages = {
  noMethod: 'EncryptedData without an EncryptionMethod ({{noun}})',
  notAccepted: '{{receiver}} cannot decrypt {{noun}} {{algorithm}} (accepts: {{accepted}})',
};

export const encryptionAlgorithmAccepted = defineRule({
  id: 'encryption/algorithm-accepted',
  defaultSeverity: 'error',
  meta: {
    description:
      'XML Encryption data and key-transport algorithms are ones the receiver can decrypt.',
    messages,
  },
  check: ({ document, receiver, asOf }) => {
    const policy = receiver.encryption;
    const reports: RuleReport<keyof typeof messages>[] = [];
    for (const encrypted of document.encryption) {
      const location = { path: encrypted.path, pos: encrypted.pos };
      const pairs: Array<{
        uri: string | null;
        list: AlgorithmPolicyEntry[] | undefined;
        noun: string;
      }> = [
        { uri: encrypted.dataAlgorithm, list: policy?.dataAlgorithms, noun: 'data encryption' },
        ...encrypted.keyTransport.map((uri) => ({
          uri,
          list: policy?.keyTransport,
          noun: 'key transport',
        })),
      ];
      for (const { uri, list, noun } of pairs) {
        if (!uri) {
          reports.push({
            messageId: 'noMethod',
            data: { noun },
            location,
          });
          continue;
        }
        if (!list) continue;
        const match = matchAlgorithm(uri, list, asOf);
        if (match.outcome === 'accepted') continue;
        const name = match.outcome === 'unknown-uri' ? uri : match.algorithm.name;
        reports.push({
          messageId: 'notAccepted',
          data: { receiver: receiver.id, noun, algorithm: name, accepted: acceptedList(list) },
          location,
          hint: `Encrypt for ${receiver.id} with ${acceptedList(list)}.`,
        });
      }
    }
    return reports;
  },
});

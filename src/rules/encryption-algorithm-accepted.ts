import type { AlgorithmPolicyEntry } from '../profiles/types.js';
import type { Rule, RuleReport } from './types.js';
import { acceptedList, matchAlgorithm } from './policy-match.js';

export const encryptionAlgorithmAccepted: Rule = {
  id: 'encryption/algorithm-accepted',
  description:
    'XML Encryption data and key-transport algorithms are ones the receiver can decrypt.',
  defaultSeverity: 'error',
  check: ({ document, receiver, asOf }) => {
    const policy = receiver.encryption;
    const reports: RuleReport[] = [];
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
            message: `EncryptedData without an EncryptionMethod (${noun})`,
            location,
          });
          continue;
        }
        if (!list) continue;
        const match = matchAlgorithm(uri, list, asOf);
        if (match.outcome === 'accepted') continue;
        const name = match.outcome === 'unknown-uri' ? uri : match.algorithm.name;
        reports.push({
          message: `${receiver.id} cannot decrypt ${noun} ${name} (accepts: ${acceptedList(list)})`,
          location,
          hint: `Encrypt for ${receiver.id} with ${acceptedList(list)}.`,
        });
      }
    }
    return reports;
  },
};

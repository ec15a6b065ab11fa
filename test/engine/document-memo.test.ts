import { describe, expect, it } from 'vitest';
import { evaluatePair } from '../../src/engine/evaluate.js';
import { findDocuments, loadDocument, run, selectReceivers } from '../../src/engine/run.js';
import { resolveProfileCode } from '../../src/profiles/members.js';
import { loadProfiles } from '../../src/profiles/load.js';
import { generatedCorpus } from '../helpers/generated-corpus.js';

describe('per-document memo', () => {
  it('a matrix whose pairs share each document’s work finds what pairs evaluated alone find', () => {
    const { out, profilesDir } = generatedCorpus();
    const profiles = loadProfiles(profilesDir);
    const asOf = new Date('2026-12-01T00:00:00Z');
    const files = findDocuments(`${out}/documents`);
    const shared = run({ kind: 'matrix', profiles, files, asOf, receivers: 'all' });
    const receivers = selectReceivers(profiles, 'all');
    const alone = files.flatMap((file) => {
      const { document, verifications } = loadDocument(file, undefined, asOf);
      const resolved = resolveProfileCode(profiles.profiles, document.issuingCountry ?? '');
      const subject = {
        document,
        verifications,
        senderId: resolved?.profile.id ?? document.issuingCountry ?? 'unknown',
        ...(resolved ? { sender: resolved.profile } : {}),
        ...(resolved?.country ? { senderCountry: resolved.country } : {}),
      };
      return receivers.map((receiver) => evaluatePair(subject, receiver, asOf));
    });
    expect(shared.pairs.length).toBeGreaterThan(100);
    expect(shared.pairs.some((pair) => pair.findings.length > 0)).toBe(true);
    expect(shared.pairs).toEqual(alone);
  });
});

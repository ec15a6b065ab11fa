import { describe, expect, it } from 'vitest';
import { allAlgorithms } from '../../src/algorithms/registry.js';
import { isDigestSupported } from '../../src/crypto/digests.js';
import { SCHEMES, keyCodecForFamily, schemeFor } from '../../src/crypto/schemes/index.js';

describe('the algorithm registry agrees with the registered schemes', () => {
  it('every scheme algorithm id is a signature method in the catalogue', () => {
    const ids = new Set(allAlgorithms('signature').map((a) => a.id));
    for (const scheme of SCHEMES) {
      for (const id of scheme.algorithmIds) expect(ids.has(id), id).toBe(true);
    }
  });

  it('a signature method is verifiable exactly when a scheme handles it (HMAC never)', () => {
    for (const entry of allAlgorithms('signature')) {
      const expected = entry.family !== 'hmac' && schemeFor(entry.id) !== undefined;
      expect(entry.verifiable, entry.id).toBe(expected);
    }
    expect(allAlgorithms('signature').find((a) => a.id === 'kz-gost34310')?.verifiable).toBe(false);
  });

  it('a digest is verifiable exactly when it can be computed', () => {
    for (const entry of allAlgorithms('digest')) {
      expect(entry.verifiable, entry.id).toBe(isDigestSupported(entry.id));
    }
  });

  it('each scheme family has a key codec, so keys of it can be read and issued', () => {
    for (const scheme of SCHEMES) {
      for (const family of scheme.families) expect(keyCodecForFamily(family), family).toBeDefined();
    }
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/engine/run.js';
import type { Finding } from '../../src/engine/types.js';
import { loadProfiles } from '../../src/profiles/load.js';

const NEGATIVE = fileURLToPath(new URL('../../fixtures/negative/', import.meta.url));
const profiles = loadProfiles();

function findings(file: string): Finding[] {
  const result = run({
    kind: 'check',
    profiles,
    files: [NEGATIVE + file],
    asOf: new Date('2026-12-01T00:00:00Z'),
    receivers: 'all',
  });
  return result.pairs.flatMap((pair) => pair.findings);
}

/** Line and column of the first `<name` start tag in the file (1-based). */
function positionOf(file: string, name: string): { line: number; column: number } {
  const text = readFileSync(NEGATIVE + file, 'utf8');
  const offset = text.indexOf(`<${name}`);
  expect(offset).toBeGreaterThan(0);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

describe('XMLDSig findings point at the element they are about', () => {
  it.each([
    [
      'sha1.xml',
      'signature/digest-accepted',
      'ds:DigestMethod',
      '/ds:SignedInfo/ds:Reference/ds:DigestMethod',
    ],
    [
      'sha1.xml',
      'signature/method-accepted',
      'ds:SignatureMethod',
      '/ds:SignedInfo/ds:SignatureMethod',
    ],
    ['sha1.xml', 'signature/trusted', 'ds:KeyInfo', '/ds:KeyInfo'],
    [
      'expired-certificate.xml',
      'signature/certificate-validity',
      'ds:X509Certificate',
      '/ds:KeyInfo/ds:X509Data/ds:X509Certificate[1]',
    ],
    [
      'tampered-content.xml',
      'signature/valid',
      'ds:DigestValue',
      '/ds:SignedInfo/ds:Reference/ds:DigestValue',
    ],
  ])('%s: %s at %s', (file, ruleId, element, suffix) => {
    const found = findings(file).filter((f) => f.ruleId === ruleId);
    expect(found.length).toBeGreaterThan(0);
    const { line, column } = positionOf(file, element);
    for (const finding of found) {
      expect(finding.location.path).toMatch(
        new RegExp(`/ds:Signature${suffix.replace(/[[\]]/g, '\\$&')}$`),
      );
      expect([finding.location.line, finding.location.column]).toEqual([line, column]);
    }
  });
});

// Kazakhstan GOST 34.10-2015 512 (issue #11): a document signed by the NCA's Kalkan library,
// from a public repository (test/vectors/kalkan/README.md), verifies; a changed character fails.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { algorithmById } from '../../src/algorithms/registry.js';
import { verifyWithinLimits } from '../../src/security/verify.js';
import { parseXml } from '../../src/xml/parse.js';

const xml = readFileSync(
  new URL('../vectors/kalkan/kalkan-gost2015-512.xml', import.meta.url),
  'utf8',
);
const asOf = new Date('2024-06-01T00:00:00Z');
const verify = (text: string) => verifyWithinLimits(parseXml(text), { asOf })[0]!;

describe('Kalkan GOST 34.10-2015 512', () => {
  it('the public Kalkan-signed sample verifies with its KeyInfo certificate', () => {
    const v = verify(xml);
    expect(v.problems).toEqual([]);
    expect(v.valid).toBe(true);
    expect(v.keySource).toBe('x509');
    expect(v.signer?.subject).toContain('ТЕСТОВ');
  });

  it('a changed character of the content or of the SignatureValue fails', () => {
    expect(xml).toContain('<xml>test<');
    const content = verify(xml.replace('<xml>test<', '<xml>tesT<'));
    expect(content.valid).toBe(false);
    expect(content.problems.map((p) => p.ruleId)).toContain('xmldsig/digest-mismatch');
    const value = verify(xml.replace('ea8GGutdBw7Z', 'ea8GGutdBw7A'));
    expect(value.valid).toBe(false);
    expect(value.problems.map((p) => p.ruleId)).toContain('xmldsig/signature-mismatch');
  });

  it('the 512-bit method and digest are verifiable; the 256-bit ones stay recognised only', () => {
    expect(algorithmById('kz-gost2015-512')?.verifiable).toBe(true);
    expect(algorithmById('kz-gost34112015-512')?.verifiable).toBe(true);
    expect(algorithmById('kz-gost2015-256')?.verifiable).toBe(false);
    expect(algorithmById('kz-gost34112015-256')?.verifiable).toBe(false);
  });
});

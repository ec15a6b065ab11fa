/**
 * Security rules beside the per-receiver rules: untrusted KeyInfo speaks only where
 * signature/trusted cannot (no anchors), so one weakness is reported once; size parsing.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseByteSize } from '../../src/security/limits.js';
import { limitsFromOptions } from '../../src/security/options.js';
import { RULES } from '../../src/rules/index.js';
import { runCli } from '../helpers/cli.js';
import { tempTree } from '../helpers/tmp.js';

const ROOT = join(import.meta.dirname, '../..');
const control = join(ROOT, 'test/hostile/cases/control-IN-customs-declaration.xml');

function profileSet(withAnchors: boolean): string {
  const dir = tempTree({});
  mkdirSync(join(dir, 'anchors'));
  writeFileSync(
    join(dir, 'anchors/in.pem'),
    readFileSync(join(ROOT, 'profiles/anchors/IN-test-ca.pem')),
  );
  writeFileSync(
    join(dir, 'XA.json'),
    JSON.stringify({
      id: 'XA',
      name: 'Test A',
      kind: 'jurisdiction',
      version: '1',
      signature: {
        methods: [{ algorithm: 'rsa-sha256' }],
        ...(withAnchors ? { trustAnchors: [{ file: 'anchors/in.pem' }] } : {}),
      },
    }),
  );
  return dir;
}

async function ruleIds(dir: string, file = control): Promise<string[]> {
  const run = await runCli(['check', file, '--profiles', dir, '--to', 'XA', '-f', 'json']);
  expect([0, 1]).toContain(run.code);
  const output = JSON.parse(run.stdout) as {
    pairs: Array<{ findings: Array<{ ruleId: string }> }>;
  };
  return output.pairs.flatMap((p) => p.findings.map((f) => f.ruleId));
}

describe('security/untrusted-keyinfo', () => {
  it('speaks when the receiver has no anchors to judge the KeyInfo certificate', async () => {
    const ids = await ruleIds(profileSet(false));
    expect(ids).toContain('security/untrusted-keyinfo');
    expect(ids).not.toContain('signature/trusted');
  });

  it('stays silent where signature/trusted judges the chain (trusted here)', async () => {
    const ids = await ruleIds(profileSet(true));
    expect(ids).not.toContain('security/untrusted-keyinfo');
    expect(ids).not.toContain('signature/trusted');
  });

  it('stays silent where signature/trusted reports the untrusted signer', async () => {
    const eu = join(ROOT, 'fixtures/documents/EU/licence.xml');
    const ids = await ruleIds(profileSet(true), eu);
    expect(ids).toContain('signature/trusted');
    expect(ids).not.toContain('security/untrusted-keyinfo');
  });

  it('does not speak for a signature that does not verify (signature/valid does)', async () => {
    const tampered = join(ROOT, 'test/hostile/cases/tampered-content-IN-customs-declaration.xml');
    const ids = await ruleIds(profileSet(false), tampered);
    expect(ids).toContain('signature/valid');
    expect(ids).not.toContain('security/untrusted-keyinfo');
  });
});

describe('security rules are registered and documented', () => {
  it('has every security rule id once, each with a description naming its attack', () => {
    const security = RULES.filter((r) => r.id.startsWith('security/'));
    expect(security.map((r) => r.id).sort()).toEqual([
      'security/dtd',
      'security/external-reference',
      'security/hmac',
      'security/keyvalue-only',
      'security/limit',
      'security/multiple-signedinfo',
      'security/prototype-pollution',
      'security/signature-wrapping',
      'security/untrusted-keyinfo',
      'security/value-tampering',
    ]);
    for (const rule of security) expect(rule.meta.description.length).toBeGreaterThan(30);
  });
});

describe('sizes', () => {
  it.each([
    ['52428800', 52428800],
    ['50m', 50 * 1024 ** 2],
    ['50MB', 50 * 1024 ** 2],
    ['512k', 512 * 1024],
    ['1g', 1024 ** 3],
  ])('%s is %i bytes', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it.each(['', 'lots', '-1', '0', '1.5m', '10q', '99999999999999999999'])(
    'refuses "%s"',
    (text) => {
      expect(parseByteSize(text)).toBeUndefined();
    },
  );

  it('keeps the text limit within the size limit', () => {
    expect(limitsFromOptions({ maxBytes: '1k' })).toEqual({ maxBytes: 1024, maxTextLength: 1024 });
    expect(limitsFromOptions({})).toEqual({});
    expect(() => limitsFromOptions({ maxBytes: 'x' })).toThrow(/--max-bytes expects a size/);
  });
});

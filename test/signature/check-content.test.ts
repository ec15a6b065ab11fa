// `corridor check --content uri=file`: a declaration signed by xmlsec1 over itself (enveloped)
// and over a detached attachment by URI. check never fetches it: without --content that
// Reference cannot be checked; with the right bytes the signature verifies; with other bytes
// it does not.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { unsignedDeclaration } from '../helpers/documents.js';
import { hasXmlsec1, selfSignedRsa } from '../helpers/xmlsec1.js';

const DS = 'http://www.w3.org/2000/09/xmldsig#';
const SIGNATURE = `<ds:Signature xmlns:ds="${DS}"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><ds:Reference URI=""><ds:Transforms><ds:Transform Algorithm="${DS}enveloped-signature"/><ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference><ds:Reference URI="attachment.txt"><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data><ds:X509Certificate/></ds:X509Data></ds:KeyInfo></ds:Signature>`;

interface Finding {
  ruleId: string;
  message: string;
}

/** Every finding of a check JSON result, whatever its nesting. */
function findingsOf(json: string): Finding[] {
  const found: Finding[] = [];
  JSON.parse(json, (_key, value: unknown) => {
    const v = value as Partial<Finding> | null;
    if (v && typeof v === 'object' && typeof v.ruleId === 'string' && typeof v.message === 'string')
      found.push({ ruleId: v.ruleId, message: v.message });
    return value;
  });
  return found;
}

describe.runIf(hasXmlsec1() || Boolean(process.env.CI))('check --content uri=file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-check-content-'));
  const { key, cert } = selfSignedRsa('/CN=Content Test Signer/C=DE');
  const attachment = join(dir, 'attachment.txt');
  writeFileSync(attachment, 'the attached invoice, line 1\n');
  const other = join(dir, 'other.txt');
  writeFileSync(other, 'the attached invoice, line 2\n');
  const template = join(dir, 'template.xml');
  writeFileSync(
    template,
    unsignedDeclaration('0101210000').replace(
      '</CustomsDeclaration>',
      `${SIGNATURE}</CustomsDeclaration>`,
    ),
  );
  const signed = join(dir, 'signed.xml');
  // xmlsec1 resolves the relative URI against its working directory: it reads attachment.txt.
  const run = spawnSync(
    'xmlsec1',
    ['sign', '--privkey-pem', `${key},${cert}`, '--output', signed, template],
    { cwd: dir, encoding: 'utf8' },
  );
  const asOf = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

  const check = async (...extra: string[]) => {
    const result = await runCli([
      'check',
      signed,
      '--to',
      'DE',
      '--as-of',
      asOf,
      '--format',
      'json',
      ...extra,
    ]);
    return findingsOf(result.stdout).filter((f) => f.ruleId === 'signature/valid');
  };

  it('xmlsec1 signed the declaration and the attachment', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(signed, 'utf8')).toContain('URI="attachment.txt"');
  });

  it('verifies the detached Reference over the bytes given, and only those', async () => {
    const given = await check('--content', `attachment.txt=${attachment}`);
    expect(given).toEqual([]);

    const missing = await check();
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.map((f) => f.message).join('\n')).toMatch(
      /not verifiable here: Reference URI 'attachment\.txt' is outside the document and is never fetched/,
    );

    const wrong = await check('--content', `attachment.txt=${other}`);
    expect(wrong.length).toBeGreaterThan(0);
    expect(wrong.map((f) => f.message).join('\n')).toMatch(
      /digest of Reference URI="attachment\.txt" does not match/,
    );
  });

  it('refuses a malformed --content with a usage error', async () => {
    const result = await runCli(['check', signed, '--content', 'attachment.txt']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--content expects <uri>=<file>');
  });
});

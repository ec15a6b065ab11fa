/**
 * Hostile inputs too large to commit, made at test time: 100 000-level nesting, attribute and
 * element floods, megabytes of base64, hundreds of signatures, a 10 GB sparse file, and the
 * time budget. Each is a finding for its document, never a crash, and the run goes on.
 */
import { closeSync, openSync, readFileSync, ftruncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDocument, readDocumentFile } from '../../src/documents/read.js';
import { signJwsCt } from '../../src/jose/jws-ct-sign.js';
import { loadPrivateKey } from '../../src/pki/keys.js';
import { pemBlocks } from '../../src/pki/pem.js';
import { runCli } from '../helpers/cli.js';
import { tempTree } from '../helpers/tmp.js';
import { AS_OF, CASES_DIR, RECEIVER, evaluateBytes, securityIds, trustArgs } from './corpus.js';

const signed = readFileSync(join(CASES_DIR, 'control-IN-customs-declaration.xml'), 'utf8');
const control = join(CASES_DIR, 'control-IN-customs-declaration.xml');
const SIGNATURE_RE = /<ds:Signature[\s>][\s\S]*?<\/ds:Signature>/;

function insertBeforeIssueDate(markup: string): string {
  return signed.replace('<IssueDate>', `${markup}<IssueDate>`);
}

describe('generated hostile inputs', () => {
  it('100 000 levels of nesting: a depth-limit finding, no stack overflow', () => {
    const deep = insertBeforeIssueDate(`${'<n>'.repeat(100_000)}${'</n>'.repeat(100_000)}`);
    const outcome = evaluateBytes('deep.xml', Buffer.from(deep));
    expect(outcome.valid).toBeNull();
    const limit = outcome.findings.find((f) => f.ruleId === 'security/limit');
    expect(limit?.message).toMatch(/nesting deeper than 256/);
    expect(outcome.findings.map((f) => f.ruleId)).toContain('document/readable');
  });

  it('100 000 levels of JSON nesting are read without recursion', () => {
    const json = `{"$type":"urn:corridor:customs-declaration:1","goodsItems":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const outcome = evaluateBytes('deep.json', Buffer.from(json));
    expect(outcome.verifications).toEqual([]);
    expect(outcome.findings.map((f) => f.ruleId)).toContain('signature/required');
  });

  it('an attribute flood of 100 000 attributes stops at the per-element limit', () => {
    const attrs = Array.from({ length: 100_000 }, (_, i) => ` a${i}="x"`).join('');
    const outcome = evaluateBytes('attrs.xml', Buffer.from(insertBeforeIssueDate(`<F${attrs}/>`)));
    expect(outcome.valid).toBeNull();
    expect(outcome.findings.find((f) => f.ruleId === 'security/limit')?.message).toMatch(
      /more than 256 attributes/,
    );
  });

  it('an element flood stops at the element-count limit', () => {
    const flood = insertBeforeIssueDate('<e/>'.repeat(20_000));
    const outcome = evaluateBytes('flood.xml', Buffer.from(flood), {
      limits: { maxElements: 10_000 },
    });
    expect(securityIds(outcome.findings.map((f) => f.ruleId))).toEqual(['security/limit']);
    expect(outcome.findings.find((f) => f.ruleId === 'security/limit')?.message).toMatch(
      /more than 10000 elements/,
    );
    // The same flood within the default limits is read (and fails its digest, nothing more).
    expect(evaluateBytes('flood.xml', Buffer.from(flood)).valid).toBe(false);
  });

  it.each([
    ['SignatureValue', 2_000_000],
    ['DigestValue', 1_000_000],
    ['X509Certificate', 4_000_000],
  ])('a %s of %i base64 characters is refused before verification', (name, length) => {
    const huge = signed.replace(
      new RegExp(`<ds:${name}>[^<]*<`),
      `<ds:${name}>${'QUJD'.repeat(length / 4)}<`,
    );
    const outcome = evaluateBytes('huge.xml', Buffer.from(huge));
    expect(outcome.valid).toBe(false);
    const limit = outcome.findings.find((f) => f.ruleId === 'security/limit');
    expect(limit?.message).toContain(`${name} of ${length} characters`);
  });

  it('400 signatures: one limit finding, and findings stay bounded by the limit', () => {
    const signature = SIGNATURE_RE.exec(signed)?.[0] ?? '';
    const many = signed.replace(signature, signature.repeat(400));
    const outcome = evaluateBytes('many.xml', Buffer.from(many));
    expect(outcome.verifications).toHaveLength(16);
    expect(outcome.verifications.every((v) => v.valid === false)).toBe(true);
    const limits = outcome.findings.filter((f) => f.ruleId === 'security/limit');
    expect(limits).toHaveLength(1);
    expect(limits[0]?.message).toMatch(/400 signatures in the document, above the limit of 16/);
    expect(outcome.findings.length).toBeLessThan(16 * 10);
    // Under a higher limit every copy is verified, and each fails its digest (the others
    // are inside what it signs): no limit finding.
    const forty = signed.replace(signature, signature.repeat(40));
    const relaxed = evaluateBytes('forty.xml', Buffer.from(forty), {
      limits: { maxSignatures: 40 },
    });
    expect(relaxed.verifications).toHaveLength(40);
    expect(relaxed.valid).toBe(false);
    expect(securityIds(relaxed.findings.map((f) => f.ruleId))).toEqual([]);
  });

  it('the time budget is checked after parsing: an exhausted budget verifies nothing', () => {
    const outcome = evaluateBytes('slow.xml', Buffer.from(signed), {
      limits: { timeBudgetMs: 0 },
    });
    expect(outcome.valid).toBeNull();
    expect(outcome.findings.find((f) => f.ruleId === 'security/limit')).toMatchObject({
      messageId: 'security/limit',
      data: { detail: expect.stringMatching(/^time budget of 0 ms used up/) as unknown },
    });
    expect(evaluateBytes('fast.xml', Buffer.from(signed)).valid).toBe(true);
  });

  it('a 10 GB sparse file is refused from its size, without being read', async () => {
    const dir = tempTree({});
    const big = join(dir, 'ten-gigabytes.xml');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 10 * 1024 ** 3);
    closeSync(fd);
    // Refused from its size: reading it would take 10 GB (no timed assertion; speed is bench/).
    const document = readDocumentFile(big);
    expect(document.problems[0]?.message).toMatch(
      /10737418240 bytes exceeds the limit of 52428800/,
    );

    // check: a finding for the big file, and the next document is still evaluated.
    const check = await runCli([
      'check',
      big,
      control,
      '--to',
      RECEIVER,
      '--as-of',
      AS_OF,
      '-f',
      'json',
    ]);
    expect(check.code, check.stderr).toBe(1);
    const output = JSON.parse(check.stdout) as {
      pairs: Array<{ document: string; findings: Array<{ ruleId: string }> }>;
    };
    const bigIds = output.pairs[0]?.findings.map((f) => f.ruleId);
    expect(bigIds).toEqual(expect.arrayContaining(['document/readable', 'security/limit']));
    expect(output.pairs[1]?.document).toBe(control);
    expect(output.pairs[1]?.findings.map((f) => f.ruleId)).not.toContain('signature/valid');

    const verify = await runCli(['verify', big, '--format', 'json']);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain('document/limit');
  });

  it('--max-bytes on check, matrix and verify; a bad value is a usage error', async () => {
    const dir = tempTree({});
    writeFileSync(join(dir, 'doc.xml'), signed);
    const check = await runCli([
      'check',
      control,
      '--max-bytes',
      '1k',
      '--to',
      RECEIVER,
      '-f',
      'json',
    ]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('exceeds the limit of 1024 bytes');
    const matrix = await runCli(['matrix', '--docs', dir, '--max-bytes', '2k', '-f', 'json']);
    expect(matrix.code).toBe(0);
    expect(matrix.stdout).toContain('exceeds the limit of 2048 bytes');
    const verify = await runCli(['verify', control, '--max-bytes', '1024']);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain('exceeds the limit of 1024 bytes');
    expect((await runCli(['verify', control, '--max-bytes', '1m'])).code).toBe(0);
    for (const bad of ['lots', '-1', '0', '1.5m']) {
      const run = await runCli(['check', control, '--max-bytes', bad]);
      expect(run.code, bad).toBe(2);
      expect(run.stderr).toContain('--max-bytes expects a size');
    }
  });

  it('readDocument applies the size limit to bytes it is given, too', () => {
    const document = readDocument('x.xml', Buffer.from(signed), { limits: { maxBytes: 100 } });
    expect(document.problems[0]?.ruleId).toBe('document/limit');
  });
});

describe('generated hostile JSON', () => {
  const signedJson = readFileSync(
    join(CASES_DIR, 'json-control-IN-customs-declaration.json'),
    'utf8',
  );
  const value = JSON.parse(signedJson) as Record<string, unknown>;
  const { signature, ...payload } = value;
  const keys = join(CASES_DIR, '../../../fixtures/keys/IN');
  const der = (file: string): Uint8Array => {
    const block = pemBlocks(readFileSync(join(keys, file), 'utf8')).find(
      (b) => b.label === 'CERTIFICATE',
    );
    if (!block) throw new Error(`${file}: no certificate`);
    return block.der;
  };
  const chain = [der('signer-rsa2048.cert.pem'), der('ca.cert.pem')];
  const privateKey = loadPrivateKey(readFileSync(join(keys, 'signer-rsa2048.key.pem'), 'utf8'));
  const signIn = (header: Record<string, unknown>) =>
    JSON.stringify(
      signJwsCt(payload, {
        signatureAlgorithm: 'rsa-sha256',
        privateKey,
        certificates: chain,
        header,
      }),
    );
  const withSignature = (jws: string) =>
    signedJson.replace(JSON.stringify(signature), JSON.stringify(jws));

  it('100 000 levels of nesting inside a signed object: read, canonicalized, not valid', () => {
    const deep = signedJson.replace('{', `{"note":${'['.repeat(100_000)}${']'.repeat(100_000)},`);
    const outcome = evaluateBytes('deep.json', Buffer.from(deep));
    expect(outcome.valid).toBe(false);
    expect(outcome.verifications[0]?.problems.map((p) => p.ruleId)).toContain(
      'jws/signature-mismatch',
    );
  });

  it('a 40 MB string is read within --max-bytes, and refused under a smaller limit', () => {
    const big = signedJson.replace('{', `{"note":"${'x'.repeat(40 * 1024 * 1024)}",`);
    const outcome = evaluateBytes('big.json', Buffer.from(big));
    expect(outcome.valid).toBe(false);
    expect(outcome.findings.map((f) => f.ruleId)).toContain('signature/valid');
    const limited = readDocument('big.json', Buffer.from(big), {
      limits: { maxBytes: 10 * 1024 * 1024 },
    });
    expect(limited.problems.map((p) => p.ruleId)).toEqual(['document/limit']);
  });

  it('a protected header of 300 000 characters is refused before it is decoded', () => {
    const outcome = evaluateBytes(
      'header.json',
      Buffer.from(withSignature(`eyJ${'A'.repeat(300_000)}..AAAA`)),
    );
    expect(outcome.valid).toBe(false);
    expect(securityIds(outcome.findings.map((f) => f.ruleId))).toEqual(['security/limit']);
  });

  it('an x5c of 10 000 entries is one limit finding, not 10 000 certificate findings', () => {
    const x5c = Array.from({ length: 10_000 }, () => 'AA==');
    const outcome = evaluateBytes('x5c.json', Buffer.from(signIn({ x5c })));
    expect(outcome.valid).toBe(false);
    const problems = outcome.verifications[0]?.problems ?? [];
    expect(problems.filter((p) => p.ruleId === 'security/limit')).toHaveLength(1);
    expect(problems.filter((p) => p.ruleId === 'jws/bad-certificate')).toHaveLength(0);
    expect(outcome.findings.length).toBeLessThan(20);
  });

  it('an x5c that repeats leaf and CA (a loop, 16 entries) ends in a verdict and a trusted chain', async () => {
    const x5c = Array.from({ length: 16 }, (_, i) =>
      Buffer.from(chain[i % 2] as Uint8Array).toString('base64'),
    );
    const text = signIn({ x5c });
    expect(evaluateBytes('loop.json', Buffer.from(text)).valid).toBe(true);
    const dir = tempTree({ 'loop.json': text });
    const run = await runCli([
      'verify',
      join(dir, 'loop.json'),
      '--format',
      'json',
      '--as-of',
      AS_OF,
      ...trustArgs(),
    ]);
    expect(run.code, run.stderr).toBe(0);
    const output = JSON.parse(run.stdout) as {
      results: Array<{ signatures: Array<{ valid: boolean | null; trusted: boolean | null }> }>;
    };
    expect(output.results[0]?.signatures[0]).toMatchObject({ valid: true, trusted: true });
  });

  it('a 3 MB "signature" string is malformed, never decoded', () => {
    const outcome = evaluateBytes('sig.json', Buffer.from(withSignature('A'.repeat(3_000_000))));
    expect(outcome.valid).toBe(false);
    expect(outcome.verifications[0]?.problems.map((p) => p.ruleId)).toEqual(['jws/malformed']);
  });
});

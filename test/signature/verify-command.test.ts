import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerVerifyCommand } from '../../src/cli/commands/verify.js';
import { runVerify, type VerifyOutput } from '../../src/cli/actions/verify.js';
import { tempTree } from '../helpers/tmp.js';

const vector = (name: string) =>
  fileURLToPath(new URL(`../vectors/xmlsec/${name}`, import.meta.url));
const schema = JSON.parse(
  readFileSync(new URL('../../schemas/verify-output.schema.json', import.meta.url), 'utf8'),
) as object;
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

const EC = vector('keys/ec-prime256v1-pubkey.pem');
const RSA = vector('keys/rsa-4096-pubkey.pem');
const GOST = vector('enveloped-gost2012-256.xml');
const ECDSA = vector('enveloped-sha256-ecdsa-sha256.xml');
const PSS = vector('enveloped-sha256-rsa-pss-sha256.xml');
const SHA1 = vector('enveloped-sha1-rsa-sha1.xml');

function json(files: string[], options: Parameters<typeof runVerify>[1] = {}) {
  const run = runVerify(files, { ...options, format: 'json' });
  const output = JSON.parse(run.output) as VerifyOutput;
  expect(validate(output), JSON.stringify(validate.errors)).toBe(true);
  return { exitCode: run.exitCode, output };
}

describe('corridor verify', () => {
  it('verifies the key-file vectors, JSON output matching the schema, exit 0', () => {
    const { exitCode, output } = json([ECDSA, PSS, SHA1], { key: [EC, RSA], asOf: '2026-06-01' });
    expect(exitCode).toBe(0);
    expect(output.results.map((r) => r.signatures.map((s) => s.valid))).toEqual([
      [true],
      [true],
      [true],
    ]);
    const [ecdsa] = output.results[0]?.signatures ?? [];
    expect(ecdsa).toMatchObject({
      signatureMethod: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256',
      digestMethods: ['http://www.w3.org/2001/04/xmlenc#sha256'],
      canonicalization: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
      keySource: 'key-file',
      signer: { keyAlgorithm: 'ecdsa', keyBits: 256, curve: 'P-256' },
      trusted: null,
      problems: [],
    });
  });

  it('verifies the GOST vector with its certificate and trusts it to the xmlsec root', () => {
    const trustedRun = json([GOST], { trust: [vector('keys/cacert.pem')], asOf: '2026-06-01' });
    expect(trustedRun.exitCode).toBe(0);
    const [gost] = trustedRun.output.results[0]?.signatures ?? [];
    expect(gost).toMatchObject({
      valid: true,
      keySource: 'x509',
      signer: { keyAlgorithm: 'gost2012-256', keyBits: 256 },
      trusted: true,
    });
    expect(gost?.signer?.subject).toMatch(/Test Key gost-2012-256/);
    // Before the certificates were issued: valid, but not trusted, so exit 1.
    const early = json([GOST], { trust: [vector('keys/cacert.pem')], asOf: '2025-01-01' });
    expect(early.exitCode).toBe(1);
    expect(early.output.results[0]?.signatures[0]).toMatchObject({ valid: true, trusted: false });
    expect(early.output.results[0]?.signatures[0]?.problems.length).toBeGreaterThan(0);
  });

  it('exits 1 for an invalid signature, and for a document without one', () => {
    const dir = tempTree({
      'tampered.xml': readFileSync(ECDSA, 'utf8').replace('Hello', 'Jello'),
      'unsigned.xml': '<a>no signature</a>',
    });
    const { exitCode, output } = json([`${dir}/tampered.xml`, `${dir}/unsigned.xml`], {
      key: [EC],
    });
    expect(exitCode).toBe(1);
    expect(output.results[0]?.signatures[0]?.valid).toBe(false);
    expect(output.results[0]?.signatures[0]?.problems.map((p) => p.ruleId)).toEqual([
      'xmldsig/digest-mismatch',
    ]);
    expect(output.results[1]).toEqual({
      file: `${dir}/unsigned.xml`,
      signatures: [],
      problems: [{ ruleId: 'xmldsig/no-signature', message: 'the document has no ds:Signature' }],
    });
  });

  it('exits 1 when a signature cannot be verified (no key)', () => {
    const { exitCode, output } = json([ECDSA]);
    expect(exitCode).toBe(1);
    expect(output.results[0]?.signatures[0]).toMatchObject({ valid: null, keySource: 'none' });
  });

  it('exits 2 with a clear message on usage errors and unreadable files', () => {
    const cases: Array<[string[], Parameters<typeof runVerify>[1], RegExp]> = [
      [['/nonexistent/x.xml'], {}, /cannot read document: \/nonexistent\/x.xml/],
      [[ECDSA], { format: 'yaml' }, /--format expects text or json/],
      [[ECDSA], { asOf: '2026-13-45' }, /--as-of/],
      [[ECDSA], { key: ['/nonexistent/k.pem'] }, /cannot read --key file/],
      [[ECDSA], { key: [ECDSA] }, /--key .*: /],
      [[ECDSA], { trust: [EC] }, /no CERTIFICATE PEM block/],
      [[], {}, /no files/],
    ];
    for (const [files, options, message] of cases) {
      const run = runVerify(files, options);
      expect(run.exitCode).toBe(2);
      expect(run.output).toMatch(message);
      expect(run.output).not.toMatch(/\n\s+at /); // no stack trace
    }
  });

  it('reports a file that is not XML as a file-level problem', () => {
    const dir = tempTree({ 'bad.xml': '<a><b></a>' });
    const { exitCode, output } = json([`${dir}/bad.xml`]);
    expect(exitCode).toBe(1);
    expect(output.results[0]?.problems?.[0]?.ruleId).toBe('document/well-formed');
  });

  it('prints one line per signature with indented problems in text format', () => {
    const dir = tempTree({ 'tampered.xml': readFileSync(ECDSA, 'utf8').replace('Hello', 'Jello') });
    const run = runVerify([ECDSA, `${dir}/tampered.xml`], { key: [EC] });
    const lines = run.output.split('\n');
    expect(lines[0]).toMatch(
      /enveloped-sha256-ecdsa-sha256\.xml signature 1: VALID ecdsa-sha256, key from key-file/,
    );
    expect(lines[1]).toMatch(/tampered\.xml signature 1: INVALID ecdsa-sha256/);
    expect(lines[2]).toMatch(/^ {2}xmldsig\/digest-mismatch: /);
    expect(run.exitCode).toBe(1);
  });

  it('registers a commander command that reports its exit code', async () => {
    let exitCode = -1;
    const program = new Command().exitOverride();
    registerVerifyCommand(program, (result) => {
      exitCode = result.exitCode;
    });
    const writes: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => {
      writes.push(chunk);
      return true;
    }) as typeof process.stdout.write;
    try {
      await program.parseAsync(['verify', ECDSA, '--key', EC, '--key', RSA, '--format', 'json'], {
        from: 'user',
      });
    } finally {
      process.stdout.write = original;
    }
    expect(exitCode).toBe(0);
    expect((JSON.parse(writes.join('')) as VerifyOutput).results[0]?.signatures[0]?.valid).toBe(
      true,
    );
  });
});

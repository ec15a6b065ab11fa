import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { VerifyOutput } from '../../src/cli/actions/verify.js';
import { toPem } from '../../src/pki/pem.js';
import { runCli } from '../helpers/cli.js';
import { RECEIVER_PROFILES } from '../helpers/documents.js';
import { tempTree } from '../helpers/tmp.js';
import { declaration, signedDeclaration, signer } from './helpers.js';

const schema = JSON.parse(
  readFileSync(new URL('../../schemas/verify-output.schema.json', import.meta.url), 'utf8'),
) as object;
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

function setup() {
  const good = signedDeclaration(signer('rsa-pss'), 'rsa-pss-sha256', {}, declaration('AA'));
  const dir = tempTree({
    ...Object.fromEntries(Object.entries(RECEIVER_PROFILES).map(([k, v]) => [`profiles/${k}`, v])),
    'docs/good.json': good,
    'docs/tampered.json': { ...good, currency: 'USD' },
    'docs/hmac.json': {
      ...good,
      signature: `${Buffer.from('{"alg":"HS256"}').toString('base64url')}..AAAA`,
    },
    'docs/unsigned.json': declaration('AA'),
    'docs/duplicate.json': JSON.stringify(good, null, 2).replace(
      '"currency": "EUR",',
      '"currency": "EUR",\n  "currency": "USD",',
    ),
    'docs/remote.json': signedDeclaration(
      signer('rsa-pss'),
      'rsa-pss-sha256',
      { header: { x5u: 'https://example.test/signer.pem' } },
      declaration('AA'),
    ),
    'docs/broken.json': '{"signature": ',
    'keys/signer.pem': toPem('CERTIFICATE', signer('rsa-pss').certificate),
    'keys/other.pem': toPem('CERTIFICATE', signer('rsa').certificate),
  });
  return {
    p: join(dir, 'profiles'),
    doc: (name: string) => join(dir, 'docs', name),
    key: (name: string) => join(dir, 'keys', name),
  };
}

async function verifyJson(args: string[]) {
  const run = await runCli(['verify', '--format', 'json', ...args]);
  const output = JSON.parse(run.stdout) as VerifyOutput;
  expect(validate(output), JSON.stringify(validate.errors)).toBe(true);
  return { code: run.code, output };
}

describe('corridor verify on JSON documents', () => {
  it('a JWS/CT document verifies (exit 0), a tampered one does not (exit 1)', async () => {
    const { doc } = setup();
    const ok = await runCli(['verify', doc('good.json')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(
      /signature 1: VALID rsa-pss-sha256, key from x509: CN=corridor JWS test/,
    );
    const bad = await runCli(['verify', doc('tampered.json')]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/INVALID rsa-pss-sha256[\s\S]*jws\/signature-mismatch/);
  });

  it('JSON output matches the schema; HMAC, unsigned and broken files are findings', async () => {
    const { doc } = setup();
    const { code, output } = await verifyJson([
      doc('good.json'),
      doc('hmac.json'),
      doc('unsigned.json'),
      doc('broken.json'),
    ]);
    expect(code).toBe(1);
    const [good, hmac, unsigned, broken] = output.results;
    expect(good?.signatures[0]).toMatchObject({
      valid: true,
      signatureMethod: 'PS256',
      canonicalization: 'urn:ietf:rfc:8785',
      digestMethods: [],
    });
    expect(hmac?.signatures[0]?.valid).toBe(false);
    expect(hmac?.signatures[0]?.problems.map((p) => p.ruleId)).toContain('jws/hmac-refused');
    expect(unsigned?.problems?.map((p) => p.ruleId)).toEqual(['jws/no-signature']);
    expect(broken?.problems?.map((p) => p.ruleId)).toEqual(['document/well-formed']);
  });

  it('--key is strict and --trust judges the x5c chain', async () => {
    const { doc, key } = setup();
    expect((await verifyJson([doc('good.json'), '--key', key('signer.pem')])).code).toBe(0);
    const other = await verifyJson([doc('good.json'), '--key', key('other.pem')]);
    expect(other.code).toBe(1);
    expect(other.output.results[0]?.signatures[0]?.keySource).toBe('key-file');
    const trusted = await verifyJson([
      doc('good.json'),
      '--trust',
      key('signer.pem'),
      '--as-of',
      '2026-12-01',
    ]);
    expect(trusted.output.results[0]?.signatures[0]?.trusted).toBe(true);
    const untrusted = await verifyJson([
      doc('good.json'),
      '--trust',
      key('other.pem'),
      '--as-of',
      '2026-12-01',
    ]);
    expect(untrusted.code).toBe(1);
    expect(untrusted.output.results[0]?.signatures[0]?.trusted).toBe(false);
  });

  it('--max-bytes refuses a large JSON document unread', async () => {
    const { doc } = setup();
    const { output } = await verifyJson([doc('good.json'), '--max-bytes', '100']);
    expect(output.results[0]?.problems?.map((p) => p.ruleId)).toEqual(['document/limit']);
  });
});

describe('corridor check on JSON documents', () => {
  it('a receiver requiring a signature accepts the signed JSON and fails the tampered one at its line', async () => {
    const { p, doc } = setup();
    const ok = await runCli(['check', doc('good.json'), '--to', 'BB', '--profiles', p]);
    expect(ok.stdout).not.toMatch(/signature\/(valid|required)/);
    const bad = await runCli(['check', doc('tampered.json'), '--to', 'BB', '--profiles', p]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/\d+:3\s+error\s+signature does not verify[\s\S]*signature\/valid/);
    const hmac = await runCli(['check', doc('hmac.json'), '--to', 'BB', '--profiles', p]);
    expect(hmac.stdout).toMatch(/HMAC instead of a signature[\s\S]*security\/hmac/);
  });

  it('JSON attacks are named by the security rules', async () => {
    const { p, doc } = setup();
    const duplicate = await runCli(['check', doc('duplicate.json'), '--to', 'BB', '--profiles', p]);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stdout).toMatch(
      /6:3\s+error[^\n]*\/currency appears more than once[\s\S]*security\/signature-wrapping/,
    );
    const remote = await runCli(['check', doc('remote.json'), '--to', 'BB', '--profiles', p]);
    expect(remote.stdout).toMatch(/"x5u"[^\n]*never fetched[\s\S]*security\/external-reference/);
  });

  it('corridor check x.json --to EU (shipped profiles) reports the JWS verdict', async () => {
    const { doc } = setup();
    const good = await runCli(['check', doc('good.json'), '--to', 'EU', '--as-of', '2026-12-01']);
    expect(good.stderr).toBe('');
    expect(good.stdout).toContain('→ EU');
    expect(good.stdout).not.toMatch(/signature\/valid/);
    const bad = await runCli([
      'check',
      doc('tampered.json'),
      '--to',
      'EU',
      '--as-of',
      '2026-12-01',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/jws\/signature-mismatch[\s\S]*signature\/valid/);
  });
});

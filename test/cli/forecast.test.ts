import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ForecastResult } from '../../src/engine/forecast.js';
import { issueCertificate } from '../../src/pki/issue.js';
import { signEnveloped } from '../../src/signature/sign.js';
import { runCli } from '../helpers/cli.js';
import { tempTree } from '../helpers/tmp.js';

const UNSIGNED = `<?xml version="1.0" encoding="UTF-8"?>
<CustomsDeclaration xmlns="urn:corridor:customs-declaration:1">
  <DeclarationNumber>D-1</DeclarationNumber>
  <IssuingCountry>AA</IssuingCountry>
  <Currency>EUR</Currency>
  <GoodsItem>
    <CommodityCode>12345678</CommodityCode>
  </GoodsItem>
</CustomsDeclaration>
`;

/** An RSA-2048 / SHA-256 signed declaration whose self-signed certificate ends mid-2028. */
function signedDeclaration(): string {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKey = { family: 'rsa' as const, keyObject: pair.privateKey };
  const certificate = issueCertificate({
    subject: 'CN=forecast test signer,C=AA',
    issuerKey: privateKey,
    subjectPublicKey: new Uint8Array(pair.publicKey.export({ type: 'spki', format: 'der' })),
    notBefore: new Date('2025-01-01T00:00:00Z'),
    notAfter: new Date('2028-06-30T12:00:00Z'),
    isCA: false,
    serial: 7n,
  });
  return signEnveloped(UNSIGNED, {
    signatureAlgorithm: 'rsa-sha256',
    digestAlgorithm: 'sha256',
    privateKey,
    certificates: [certificate],
  });
}

const accepts = { 'customs-declaration': { accepted: true } };

/** RR accepts RSA-SHA256 only until 2027-12-31, and (for another profile) Ed25519 from 2030. */
function setup() {
  const dir = tempTree({
    'profiles/AA.json': {
      id: 'AA',
      name: 'A',
      kind: 'jurisdiction',
      version: '1',
      documents: accepts,
    },
    'profiles/RR.json': {
      id: 'RR',
      name: 'R',
      kind: 'jurisdiction',
      version: '1',
      signature: {
        methods: [
          { algorithm: 'rsa-sha256', notAfter: '2027-12-31' },
          { algorithm: 'ed25519', notBefore: '2030-01-01' },
        ],
      },
      documents: accepts,
    },
    'docs/a.xml': signedDeclaration(),
  });
  return ['--profiles', join(dir, 'profiles'), '--docs', join(dir, 'docs')];
}

describe('corridor forecast', () => {
  it('finds the day a cell fails, and why: algorithm sunset, then certificate expiry', async () => {
    const args = setup();
    const run = await runCli([
      'forecast',
      ...args,
      '--from',
      '2026-01-01',
      '--until',
      '2030-12-31',
      '-f',
      'json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as ForecastResult;
    // The day after notAfter, the notBefore, and the day after the certificate's notAfter.
    expect(result.candidates).toEqual(
      expect.arrayContaining(['2028-01-01', '2028-07-01', '2030-01-01']),
    );
    const sunset = result.changes.find((c) => c.sender === 'AA' && c.receiver === 'RR');
    expect(sunset).toMatchObject({ date: '2028-01-01', after: 'fail' });
    expect(sunset?.before).not.toBe('fail');
    expect(sunset?.reasons.join('\n')).toContain(
      'signature/algorithm-sunset: RR accepts RSA PKCS#1 v1.5 with SHA-256 only until 2027-12-31',
    );
    // AA → RR is already failing when the certificate expires: no second change for it.
    expect(result.changes.filter((c) => c.receiver === 'RR')).toHaveLength(1);
    const expiry = result.changes.find((c) => c.sender === 'AA' && c.receiver === 'AA');
    expect(expiry).toMatchObject({ date: '2028-07-01', after: 'fail' });
    expect(expiry?.reasons[0]).toMatch(
      /^signature\/certificate-validity: signer certificate expired on 2028-06-30/,
    );
  });

  it('a window that ends after --until is not a change; text and markdown say so', async () => {
    const args = setup();
    const quiet = await runCli([
      'forecast',
      ...args,
      '--from',
      '2026-01-01',
      '--until',
      '2027-12-31',
    ]);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toContain('No cell changes status in this period.');

    const text = await runCli([
      'forecast',
      ...args,
      '--from',
      '2026-01-01',
      '--until',
      '2028-03-01',
    ]);
    expect(text.stdout).toMatch(
      /AA → RR: (ok|warn) → fail from 2028-01-01 — signature\/algorithm-sunset: RR accepts RSA/,
    );
    const md = await runCli([
      'forecast',
      ...args,
      '--from',
      '2026-01-01',
      '--until',
      '2028-03-01',
      '-f',
      'markdown',
    ]);
    expect(md.stdout).toMatch(
      /\| 2028-01-01 \| AA → RR \| (ok|warn) \| fail \| signature\/algorithm-sunset/,
    );
  });

  it('defaults --until to five years after --from', async () => {
    const args = setup();
    const run = await runCli(['forecast', ...args, '--from', '2023-02-01', '-f', 'json']);
    const result = JSON.parse(run.stdout) as ForecastResult;
    expect(result.until).toBe('2028-02-01');
    expect(result.candidates).not.toContain('2028-07-01');
  });

  it('bad dates and formats are exit 2 with a message', async () => {
    const args = setup();
    const bad = await runCli(['forecast', ...args, '--until', '2027-13-01']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--until: not a calendar date');
    const reversed = await runCli([
      'forecast',
      ...args,
      '--from',
      '2027-01-01',
      '--until',
      '2026-01-01',
    ]);
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toContain('--until is before --from');
    const format = await runCli(['forecast', ...args, '-f', 'sarif']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('unknown --format "sarif" for forecast');
  });

  it('--fail-on error exits 1 when a cell will start failing by --until, naming it on stderr', async () => {
    const args = setup();
    const period = ['--from', '2026-01-01', '--until', '2030-12-31'];
    const run = await runCli(['forecast', ...args, ...period, '-f', 'json', '--fail-on', 'error']);
    expect(run.code).toBe(1);
    // The report is still written in full; the gate only sets the exit code.
    const result = JSON.parse(run.stdout) as ForecastResult;
    expect(result.changes.length).toBeGreaterThan(0);
    expect(run.stderr).toContain('reach --fail-on error by 2030-12-31');
    expect(run.stderr).toMatch(/ {2}AA → RR: (ok|warn) → fail from 2028-01-01\n/);
    expect(run.stderr).toMatch(/ {2}AA → AA: (ok|warn) → fail from 2028-07-01\n/);

    const never = await runCli(['forecast', ...args, ...period, '--fail-on', 'never']);
    expect(never.code).toBe(0);
    const unset = await runCli(['forecast', ...args, ...period]);
    expect(unset.code).toBe(0);
    expect(unset.stderr).toBe('');
  });

  it('--fail-on passes when the break falls after --until, or the cell already fails', async () => {
    const args = setup();
    const before = await runCli([
      'forecast',
      ...args,
      '--from',
      '2026-01-01',
      '--until',
      '2027-12-31',
      '--fail-on',
      'warning',
    ]);
    expect(before.code).toBe(0);
    expect(before.stderr).toBe('');
    // From 2028-08-01 both cells already fail: that is matrix --fail-on's business.
    const already = await runCli([
      'forecast',
      ...args,
      '--from',
      '2028-08-01',
      '--until',
      '2031-12-31',
      '-f',
      'json',
      '--fail-on',
      'error',
    ]);
    expect(already.code).toBe(0);
    expect(already.stderr).toBe('');
    const result = JSON.parse(already.stdout) as ForecastResult;
    expect(result.changes.filter((c) => c.after === 'fail')).toEqual([]);
  });

  it('a bad --fail-on is exit 2 before any work; --help documents the gate', async () => {
    const args = setup();
    const bad = await runCli(['forecast', ...args, '--fail-on', 'fail']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--fail-on expects error, warning or never, got "fail"');
    expect(bad.stdout).toBe('');
    const help = await runCli(['forecast', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain(
      '--fail-on <level> exit 1 when a cell gets worse by --until and reaches this level',
    );
  });
});

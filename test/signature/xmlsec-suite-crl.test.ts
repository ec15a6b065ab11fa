// xmlsec's testDSig.sh CRL cases (rsa-2048-cert-revoked-crl: ca2 revokes the rsa-2048 signer
// of enveloped-x509-missing-cert; valid 2026-03-15 .. 2026-04-14), through `corridor verify
// --crl`. A revoked signer is refused: no false accepts. xmlsec's --verify-crls is
// corridor's --require-revocation.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pemBlocks } from '../../src/pki/pem.js';
import { runCli } from '../helpers/cli.js';
import { scratchFile } from '../helpers/xmlsec1.js';

const DIR = new URL('../vectors/xmlsec/', import.meta.url).pathname;
const at = (name: string) => `${DIR}${name}`;
const REVOKED = at('aleksey-xmldsig-01/enveloped-x509-missing-cert.xml');
const GOOD = at('aleksey-xmldsig-01/enveloped-x509-subjectname.xml');
const CRL = at('keys/rsa-2048-cert-revoked-crl.pem');
const CHAIN = ['--certs', at('keys/ca2cert.pem'), '--trust', at('keys/cacert.pem')];

async function verify(file: string, asOf: string, args: string[]) {
  const run = await runCli(['verify', file, '--as-of', asOf, '--format', 'json', ...args]);
  const output = JSON.parse(run.stdout) as {
    results: Array<{
      signatures: Array<{
        valid: boolean;
        trusted: boolean | null;
        problems: Array<{ ruleId: string }>;
      }>;
    }>;
  };
  const signature = output.results[0]!.signatures[0]!;
  return {
    code: run.code,
    trusted: signature.trusted,
    ids: signature.problems.map((p) => p.ruleId),
  };
}

describe('offline CRLs (xmlsec CRL cases)', () => {
  it('a revoked signer is refused while the CRL is current', async () => {
    const v = await verify(REVOKED, '2026-03-20', [...CHAIN, '--crl', CRL]);
    expect(v.code).toBe(1);
    expect(v.trusted).toBe(false);
    expect(v.ids).toContain('xmldsig/certificate-revoked');
  });

  it('a CRL past its nextUpdate is reported and still proves the revocation', async () => {
    const v = await verify(REVOKED, '2026-05-01', [...CHAIN, '--crl', CRL]);
    expect(v.code).toBe(1);
    expect(v.ids).toEqual(
      expect.arrayContaining(['xmldsig/crl-expired', 'xmldsig/certificate-revoked']),
    );
  });

  it('a CRL not valid yet is reported and not used', async () => {
    const v = await verify(REVOKED, '2026-03-10', [...CHAIN, '--crl', CRL]);
    expect([v.code, v.trusted]).toEqual([0, true]);
    expect(v.ids).toEqual(['xmldsig/crl-not-yet-valid']);
  });

  it('the same CRL does not touch another signer; --require-revocation wants current CRLs', async () => {
    const certs = ['--certs', at('keys/rsa-4096-cert.pem'), ...CHAIN];
    const fine = await verify(GOOD, '2026-03-20', [...certs, '--crl', CRL]);
    expect([fine.code, fine.trusted, fine.ids]).toEqual([0, true, []]);
    const stale = await verify(GOOD, '2026-05-01', [
      ...certs,
      '--crl',
      CRL,
      '--require-revocation',
    ]);
    expect(stale.code).toBe(1);
    expect(stale.ids).toContain('xmldsig/revocation-unknown');
  });

  it('a CRL whose signature does not verify is not believed', async () => {
    const der = pemBlocks(readFileSync(CRL, 'utf8'))[0]!.der;
    const forged = Uint8Array.from(der);
    forged[forged.length - 5]! ^= 0x01;
    const file = scratchFile('forged.crl', forged);
    const v = await verify(REVOKED, '2026-03-20', [...CHAIN, '--crl', file]);
    expect(v.ids).not.toContain('xmldsig/certificate-revoked');
    const required = await verify(REVOKED, '2026-03-20', [
      ...CHAIN,
      '--crl',
      file,
      '--require-revocation',
    ]);
    expect(required.code).toBe(1);
    expect(required.ids).toContain('xmldsig/revocation-unknown');
  });

  it('a file that is not a CRL is a usage error', async () => {
    const run = await runCli(['verify', REVOKED, '--crl', at('keys/cacert.pem')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--crl .*no X509 CRL/);
  });
});

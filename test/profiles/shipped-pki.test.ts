// A profile's own PKI material (issue #11): intermediates beside its anchors, shipped CRLs and
// requireRevocation, each reaching only that receiver. Built on xmlsec's CRL case: ca2 (under
// cacert) issued the rsa-2048 signer of enveloped-x509-missing-cert, and its CRL (current
// 2026-03-15 .. 2026-04-14) revokes that signer.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadProfiles, ProfileError } from '../../src/profiles/load.js';
import { runCli } from '../helpers/cli.js';
import { tempTree } from '../helpers/tmp.js';

const KEYS = new URL('../vectors/xmlsec/keys/', import.meta.url).pathname;
const DOC = new URL(
  '../vectors/xmlsec/aleksey-xmldsig-01/enveloped-x509-missing-cert.xml',
  import.meta.url,
).pathname;
const read = (name: string) => readFileSync(`${KEYS}${name}`, 'utf8');

const profile = (id: string, signature: Record<string, unknown>) => ({
  id,
  name: id,
  kind: 'jurisdiction',
  version: '1',
  signature: { trustAnchors: [{ file: 'pki/root.pem' }], ...signature },
});

const dir = tempTree({
  'AA.json': profile('AA', {}),
  'BB.json': profile('BB', { intermediates: [{ file: 'pki/ca2.pem' }] }),
  'CC.json': profile('CC', {
    intermediates: [{ file: 'pki/ca2.pem' }],
    crls: [{ file: 'pki/ca2.crl' }],
  }),
  'DD.json': profile('DD', { intermediates: [{ file: 'pki/ca2.pem' }], requireRevocation: true }),
  'pki/root.pem': read('cacert.pem'),
  'pki/ca2.pem': read('ca2cert.pem'),
  'pki/ca2.crl': read('rsa-2048-cert-revoked-crl.pem'),
});

async function findings(asOf: string, extra: string[] = []) {
  const run = await runCli([
    'check',
    DOC,
    '--to',
    'AA,BB,CC,DD',
    '--profiles',
    dir,
    '--as-of',
    asOf,
    '--format',
    'json',
    ...extra,
  ]);
  const out = JSON.parse(run.stdout) as {
    cells: Array<{ receiver: string; findings: Record<string, number>; topReasons: string[] }>;
  };
  const by: Record<string, string[]> = {};
  const reasons: Record<string, string> = {};
  for (const c of out.cells) {
    by[c.receiver] = Object.keys(c.findings);
    reasons[c.receiver] = c.topReasons.join('\n');
  }
  return { by, reasons };
}

describe('profile-shipped intermediates, CRLs and requireRevocation', () => {
  it('each reaches only its receiver', async () => {
    const { by, reasons } = await findings('2026-03-20');
    // Without the intermediate no path reaches the root; with it the chain builds.
    expect(by.AA).toContain('signature/trusted');
    expect(by.BB).not.toContain('signature/trusted');
    expect(by.BB).not.toContain('signature/revoked');
    // CC's CRL revokes the signer: for CC only.
    expect(by.CC).toContain('signature/revoked');
    expect(reasons.CC).toMatch(/revoked on .*\[xmldsig\/certificate-revoked\]/);
    expect(by.AA).not.toContain('signature/revoked');
    // DD requires revocation data and ships none.
    expect(by.DD).toContain('signature/revoked');
    expect(reasons.DD).toMatch(
      /no current CRL .*requireRevocation.*\[xmldsig\/revocation-unknown\]/,
    );
    expect(by.BB).not.toContain('signature/revoked');
  });
});

describe("a profile that requires revocation counts the run's --crl", () => {
  it('--crl satisfies DD for the signer; a revocation both prove is reported once', async () => {
    const crl = `${KEYS}rsa-2048-cert-revoked-crl.pem`;
    const { reasons } = await findings('2026-03-20', ['--crl', crl]);
    const lines = (id: string, pattern: RegExp) =>
      reasons[id]!.split('\n').filter((l) => pattern.test(l));
    // Run-level: the CRL's issuer ca2 is known through the profiles' intermediates.
    for (const id of ['AA', 'BB', 'CC', 'DD'])
      expect(lines(id, /certificate-revoked/)).toHaveLength(1);
    // DD's requirement: the signer has its CRL now; ca2 (under cacert, which gave none) has not.
    expect(lines('DD', /revocation-unknown/)).toEqual([
      expect.stringMatching(/issuer of '.*Second level CA.*' was given \(DD's requireRevocation\)/),
    ]);
  });
});

describe('profile-shipped CRLs are read at load like the anchors', () => {
  it('a CRL file that is not a CRL stops loading, with file and pointer', () => {
    const bad = tempTree({
      'EE.json': profile('EE', { crls: [{ file: 'pki/not.crl' }] }),
      'pki/root.pem': read('cacert.pem'),
      'pki/not.crl': 'not a CRL',
    });
    let problems: string[] = [];
    try {
      loadProfiles(bad);
    } catch (error) {
      if (!(error instanceof ProfileError)) throw error;
      problems = error.problems.map((p) => `${p.file.split('/').pop()}#${p.pointer}`);
    }
    expect(problems).toEqual(['EE.json#/signature/crls']);
  });
});

import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runVerify, type VerifyOutput } from '../../src/cli/actions/verify.js';
import { pemBlocks } from '../../src/pki/pem.js';
import { signEnveloped } from '../../src/signature/sign.js';
import { verifyDocument } from '../../src/signature/verify.js';
import { parseXml } from '../../src/xml/parse.js';

/** A CA and an ECDSA leaf it issued, made by the openssl CLI (independent of corridor). */
function makePki() {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-x509-'));
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const days = ['-days', '3650'];
  for (const name of ['ca', 'other-ca']) {
    run(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.pem`,
      '-subj',
      `/CN=Test ${name}`,
      ...days,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign',
    );
  }
  run(
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    'leaf.key',
    '-out',
    'leaf.csr',
    '-subj',
    '/CN=Test signer',
  );
  writeFileSync(join(dir, 'leaf.ext'), 'keyUsage=critical,digitalSignature\n');
  run(
    'x509',
    '-req',
    '-in',
    'leaf.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'leaf.pem',
    ...days,
    '-extfile',
    'leaf.ext',
  );
  const der = (name: string) =>
    pemBlocks(readFileSync(join(dir, name), 'utf8'))[0]?.der ?? new Uint8Array();
  return {
    dir,
    ca: der('ca.pem'),
    leaf: der('leaf.pem'),
    leafKey: createPrivateKey(readFileSync(join(dir, 'leaf.key'))),
  };
}

describe('signatures carrying X.509 certificates', () => {
  const pki = makePki();
  const unsigned = '<doc xmlns="urn:test"><v>42</v></doc>';
  // KeyInfo in "wrong" order (CA first): the verifier must still find the leaf.
  const signed = signEnveloped(unsigned, {
    signatureAlgorithm: 'ecdsa-sha256',
    digestAlgorithm: 'sha256',
    privateKey: { family: 'ecdsa', keyObject: pki.leafKey },
    certificates: [pki.ca, pki.leaf],
  });

  it('verifies with the leaf certificate from KeyInfo and orders the chain leaf first', () => {
    const [v] = verifyDocument(parseXml(signed), { asOf: new Date() });
    expect(v?.valid).toBe(true);
    expect(v?.keySource).toBe('x509');
    expect(v?.signer).toMatchObject({
      subject: 'CN=Test signer',
      keyAlgorithm: 'ecdsa',
      keyBits: 256,
    });
    expect(v?.certificateChain).toEqual([pki.leaf, pki.ca]);
  });

  it('does not let a KeyInfo certificate stand in for an explicit key that does not match', () => {
    const wrongKey = join(pki.dir, 'wrong.pem');
    execFileSync('openssl', [
      'genpkey',
      '-algorithm',
      'EC',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-out',
      wrongKey,
    ]);
    const pub = createPublicKey(readFileSync(wrongKey)).export({ type: 'spki', format: 'pem' });
    writeFileSync(`${wrongKey}.pub`, pub);
    writeFileSync(join(pki.dir, 'signed.xml'), signed);
    const run = runVerify([join(pki.dir, 'signed.xml')], {
      key: [`${wrongKey}.pub`],
      format: 'json',
    });
    expect(run.exitCode).toBe(1);
    const output = JSON.parse(run.output) as VerifyOutput;
    expect(output.results[0]?.signatures[0]).toMatchObject({ valid: false, keySource: 'key-file' });
  });

  it('is trusted only to the CA that issued the leaf', () => {
    // The certificates were issued a moment ago; --as-of is a whole day, so judge tomorrow.
    const asOf = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const file = join(pki.dir, 'signed.xml');
    writeFileSync(file, signed);
    const trusted = runVerify([file], { trust: [join(pki.dir, 'ca.pem')], asOf, format: 'json' });
    expect(trusted.exitCode).toBe(0);
    expect((JSON.parse(trusted.output) as VerifyOutput).results[0]?.signatures[0]?.trusted).toBe(
      true,
    );
    const other = runVerify([file], {
      trust: [join(pki.dir, 'other-ca.pem')],
      asOf,
      format: 'json',
    });
    expect(other.exitCode).toBe(1);
    const signature = (JSON.parse(other.output) as VerifyOutput).results[0]?.signatures[0];
    expect(signature?.valid).toBe(true);
    expect(signature?.trusted).toBe(false);
    expect(signature?.problems.length).toBeGreaterThan(0);
  });
});

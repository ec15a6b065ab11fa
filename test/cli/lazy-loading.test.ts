import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { COMPILED_CLI_ENTRY } from '../helpers/compiled-cli.js';
import { resolveProbeImport } from '../helpers/resolve-probe.js';

/**
 * `check`, `verify` and `matrix` load the GOST, SM2 and bign code and libxml2 only when a
 * document needs them (src/util/lazy.ts): the first pass that meets one is discarded and the work
 * (matrix: that document's) is done again.
 * Here, in fresh processes of the compiled CLI where nothing is loaded, their output must be
 * exactly what this test process prints from the source with every family loaded up front
 * (test/setup/eager-crypto.ts), and the probe must see which packages each run loaded.
 */
function freshCli(args: string[]): { code: number; stdout: string; packages: Set<string> } {
  // An inline script beside an `--import`: the pool's workers must start without them
  // (engine/worker-exec-argv.ts).
  const script = `
    const { main } = await import(${JSON.stringify(COMPILED_CLI_ENTRY)});
    const code = await main(['node', 'corridor', ...${JSON.stringify(args)}]);
    process.stderr.write('CODE ' + code + '\\n');
  `;
  const run = spawnSync(
    process.execPath,
    ['--import', resolveProbeImport('URL', 'url'), '--input-type=module', '-e', script],
    { encoding: 'utf8', env: { ...process.env, CI: '1' }, maxBuffer: 64 << 20 },
  );
  const packages = new Set(
    [...run.stderr.matchAll(/^URL \S*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)].map((m) => m[1]!),
  );
  return { code: Number(/^CODE (\d+)$/m.exec(run.stderr)?.[1]), stdout: run.stdout, packages };
}

const FAMILY_CODE = ['sm-crypto-v2', '@noble/curves', 'libxml2-wasm'];
const AS_OF = ['--as-of', '2026-12-01'];

describe('lazily loaded algorithm families give the same results', () => {
  it.each([
    ['RSA-signed', 'EU/customs-declaration.xml', []],
    ['GOST-signed', 'RU/customs-declaration.xml', ['@noble/curves']],
    // SM2 verifies on @noble/curves' arithmetic (src/crypto/sm2/verify.ts), e = SM3(Z ‖ M) by sm-crypto-v2.
    ['SM2-signed', 'CN/customs-declaration.xml', ['sm-crypto-v2', '@noble/curves']],
    ['bign-signed', 'BY/customs-declaration.xml', ['@noble/curves']],
    ['XSD-validated', 'EU/dec-dms.xml', ['libxml2-wasm']],
  ])('check of %s documents loads only what it needs', async (_family, file, needed) => {
    const args = ['check', `fixtures/documents/${file}`, '--to', 'all', '-f', 'json', ...AS_OF];
    const fresh = freshCli(args);
    const eager = await runCli(args);
    expect(fresh.code).toBe(eager.code);
    expect(fresh.stdout).toBe(eager.stdout);
    expect(JSON.parse(fresh.stdout)).toHaveProperty('cells');
    for (const name of FAMILY_CODE)
      expect(fresh.packages.has(name), name).toBe(needed.includes(name));
  });

  it.each([
    ['RSA and ECDSA documents only', 'fixtures/documents/IN', []],
    ['documents of every family', 'fixtures/documents', FAMILY_CODE],
  ])('matrix of %s loads only what they need', async (_corpus, docs, needed) => {
    const args = ['matrix', '--docs', docs, '--jobs', '1', '-f', 'json', ...AS_OF];
    const fresh = freshCli(args);
    const eager = await runCli(args);
    expect(fresh.code).toBe(eager.code);
    expect(fresh.stdout).toBe(eager.stdout);
    expect(JSON.parse(fresh.stdout).documents.length).toBeGreaterThan(0);
    for (const name of FAMILY_CODE)
      expect(fresh.packages.has(name), name).toBe(needed.includes(name));
  });

  // A matrix's worker (engine/matrix-worker.ts) loads lazily too. Which thread meets which
  // document depends on timing, so only the bytes are compared here; the worker's static imports
  // are held by test/architecture/lazy-imports.test.ts.
  it('matrix on worker threads and its forecast give the eager results', async () => {
    for (const args of [
      ['matrix', '--docs', 'fixtures/documents/RU', '--jobs', '2', '-f', 'json', ...AS_OF],
      ['matrix', '--docs', 'fixtures/documents', '--jobs', '2', '-f', 'json', ...AS_OF],
      [
        'matrix',
        '--docs',
        'fixtures/documents/RU',
        '--until',
        '2031-01-01',
        '-f',
        'json',
        ...AS_OF,
      ],
    ]) {
      const fresh = freshCli(args);
      // Eagerly on one thread: test/cli/matrix-jobs.test.ts holds two threads to one thread's
      // bytes, and this process's own pool would start its workers under tsx.
      const eager = await runCli(args.map((arg, i) => (args[i - 1] === '--jobs' ? '1' : arg)));
      expect(fresh.code, args.join(' ')).toBe(eager.code);
      expect(fresh.stdout, args.join(' ')).toBe(eager.stdout);
    }
  });

  // check and matrix start without pkijs (cli/program.ts): an anchor or a CRL only pkijs reads
  // loads it, in the main thread and in each worker.
  it('check and matrix read a trust anchor and a CRL only pkijs reads, on one thread or several', async () => {
    // A copy of the shipped profiles whose KZ anchors file also holds a CA with a CRL
    // distribution point, which the plain DER reader leaves to pkijs.
    const profiles = mkdtempSync(join(tmpdir(), 'corridor-crl-dp-profiles-'));
    cpSync('profiles', profiles, { recursive: true });
    const pem = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n?/.exec(
      readFileSync('test/cli/data/crl-dp-ca.pem', 'utf8'),
    )?.[0];
    appendFileSync(join(profiles, 'anchors/KZ-test-ca.pem'), `\n${pem}`);
    const crl = ['--crl', 'test/vectors/xmlsec/keys/rsa-2048-cert-revoked-crl.pem'];
    const matrix = ['matrix', '--profiles', profiles, '--docs', 'fixtures/documents/IN'];
    const check = [
      'check',
      '--profiles',
      profiles,
      'fixtures/documents/IN/customs-declaration.xml',
    ];
    try {
      for (const [args, eagerArgs] of [
        [
          [...matrix, '--jobs', '2'],
          [...matrix, '--jobs', '1'],
        ],
        [
          [...matrix, '--jobs', '1', ...crl],
          [...matrix, '--jobs', '1', ...crl],
        ],
        [
          [...check, '--to', 'all'],
          [...check, '--to', 'all'],
        ],
        [
          [...check, '--to', 'all', ...crl],
          [...check, '--to', 'all', ...crl],
        ],
      ]) {
        const fresh = freshCli([...args!, '-f', 'json', ...AS_OF]);
        const eager = await runCli([...eagerArgs!, '-f', 'json', ...AS_OF]);
        expect(fresh.code, args!.join(' ')).toBe(eager.code);
        expect(fresh.code, args!.join(' ')).toBeLessThan(2);
        expect(fresh.stdout, args!.join(' ')).toBe(eager.stdout);
      }
    } finally {
      rmSync(profiles, { recursive: true, force: true });
    }
  });

  it('verify of documents of every family, with their anchors as trust and keys', async () => {
    const files = ['RU', 'CN', 'BY', 'EU'].map((c) => `fixtures/documents/${c}/licence.xml`);
    const trust = ['RU', 'CN', 'BY'].flatMap((c) => [
      '--trust',
      `profiles/anchors/${c}-test-ca.pem`,
    ]);
    for (const args of [
      ['verify', ...files, '-f', 'json', ...AS_OF],
      ['verify', ...files, ...trust, '-f', 'json', ...AS_OF],
      ['verify', files[0]!, '--key', 'profiles/anchors/RU-test-ca.pem', '-f', 'json', ...AS_OF],
    ]) {
      const fresh = freshCli(args);
      const eager = await runCli(args);
      expect(fresh.code, args.join(' ')).toBe(eager.code);
      expect(fresh.stdout, args.join(' ')).toBe(eager.stdout);
    }
  });

  it('verify loads pkijs only for a CRL or a certificate the plain DER reader leaves to it', async () => {
    const xmlsec = 'test/vectors/xmlsec';
    const revoked = `${xmlsec}/aleksey-xmldsig-01/enveloped-x509-missing-cert.xml`;
    const chain = ['--certs', `${xmlsec}/keys/ca2cert.pem`, '--trust', `${xmlsec}/keys/cacert.pem`];
    const crl = ['--crl', `${xmlsec}/keys/rsa-2048-cert-revoked-crl.pem`];
    for (const [args, needed] of [
      [['verify', 'fixtures/documents/EU/licence.xml', '-f', 'json', ...AS_OF], false],
      [['verify', revoked, '--as-of', '2026-03-20', '-f', 'json', ...chain], false],
      [['verify', revoked, '--as-of', '2026-03-20', '-f', 'json', ...chain, ...crl], true],
    ] as const) {
      const fresh = freshCli([...args]);
      const eager = await runCli([...args]);
      expect(fresh.code, args.join(' ')).toBe(eager.code);
      expect(fresh.stdout, args.join(' ')).toBe(eager.stdout);
      expect(fresh.packages.has('pkijs'), args.join(' ')).toBe(needed);
    }
  });
});

/**
 * Runs corridor over the XMLDSig verify cases of xmlsec's `tests/testDSig.sh` and prints how
 * many come out as xmlsec expects, and how many xmlsec expects to fail but corridor calls valid
 * (false accepts, which must be 0). Not a test: xmlsec's suite is not vendored; give the path
 * of an xmlsec checkout's `tests` folder (github.com/lsh123/xmlsec):
 *
 *   node --import tsx scripts/xmlsec-testdsig.ts /path/to/xmlsec/tests [--list]
 *
 * Each `execDSigTest` verifies `<folder>/<name>.xml` with its first parameter set; corridor gets
 * the certificates and public keys named there (`--trusted-*`, `--untrusted-*` → `--certs`,
 * `--pubkey-*` → `--key`). Left out, by design: HMAC cases (corridor refuses shared-secret
 * MACs) and documents with a DTD (refused before anything is read); also cases whose document
 * is not there (sign-only templates). Nothing is fetched.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Everything loaded up front, as the library entry does: this script calls the data path directly.
import '../src/crypto/eager.js';
import { verifyFiles } from '../src/cli/actions/verify.js';

const [testsDir, ...flags] = process.argv.slice(2);
if (!testsDir || !existsSync(join(testsDir, 'testDSig.sh'))) {
  console.error('usage: node --import tsx scripts/xmlsec-testdsig.ts <xmlsec>/tests [--list]');
  process.exit(2);
}
const list = flags.includes('--list');
const scratch = mkdtempSync(join(tmpdir(), 'corridor-testdsig-'));

const VARS: Record<string, string> = {
  topfolder: testsDir,
  cert_format: 'pem',
  file_format: 'pem',
  priv_key_format: 'p12',
  priv_key_option: '--pkcs12',
  // testrun.sh with OpenSSL: public keys are given as DER certificates.
  pub_key_option: '--pubkey-cert-der',
  pub_key_format: 'crt',
  res_success: 'success',
  res_fail: 'fail',
};

interface Case {
  expected: 'success' | 'fail';
  folder: string;
  name: string;
  transforms: string;
  params: string;
}

/** The execDSigTest calls of the script, with shell words unquoted and variables expanded. */
function readCases(script: string): Case[] {
  const cases: Case[] = [];
  const lines = script.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*execDSigTest(WithCryptoConfig)?\b/.test(lines[i] ?? '')) continue;
    let call = '';
    for (; i < lines.length; i++) {
      const line = lines[i] ?? '';
      call += line.replace(/\\$/, ' ');
      if (!line.trimEnd().endsWith('\\')) break;
    }
    const words = [...call.matchAll(/"([^"]*)"|(\S+)/g)].map((m) =>
      (m[1] ?? m[2] ?? '').replace(/\$\{?(\w+)\}?/g, (_all, v: string) => VARS[v] ?? ''),
    );
    const [, expected, folder, name, transforms, , params] = words;
    if (expected !== 'success' && expected !== 'fail') continue;
    cases.push({
      expected,
      folder: folder ?? '',
      name: name ?? '',
      transforms: transforms ?? '',
      params: params ?? '',
    });
  }
  return cases;
}

/** corridor arguments for the keys and certificates xmlsec's parameters name. */
function keyArguments(params: string): {
  key: string[];
  certs: string[];
  trust: string[];
  crl: string[];
  requireRevocation: boolean;
  asOf?: string;
} {
  const crl: string[] = [];
  const key: string[] = [];
  const certs: string[] = [];
  const trust: string[] = [];
  const time = /--verification-gmt-time\s+"?(\d{4}-\d{2}-\d{2})/.exec(params)?.[1];
  const words = params.split(/\s+/);
  words.forEach((word, index) => {
    const file = words[index + 1];
    if (!file || !existsSync(file)) return;
    if (/^--trusted-(pem|der)/.test(word)) trust.push(file);
    else if (/^--untrusted-(pem|der)/.test(word)) certs.push(file);
    else if (/^--crl-(pem|der)/.test(word)) crl.push(file);
    else if (/^--pubkey-(cert-)?pem/.test(word)) key.push(file);
    else if (/^--pubkey-(cert-)?der/.test(word)) {
      const pem = join(scratch, `${index}-${file.replace(/\W/g, '_')}.pem`);
      const label = word.includes('cert') ? 'CERTIFICATE' : 'PUBLIC KEY';
      const b64 = readFileSync(file).toString('base64').replace(/.{64}/g, '$&\n');
      writeFileSync(pem, `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`);
      key.push(pem);
    }
  });
  // xmlsec's --verify-crls is corridor's --require-revocation.
  const requireRevocation = params.includes('--verify-crls');
  return { key, certs, trust, crl, requireRevocation, ...(time ? { asOf: time } : {}) };
}

const cases = readCases(readFileSync(join(testsDir, 'testDSig.sh'), 'utf8'));
const counts = {
  cases: cases.length,
  hmac: 0,
  dtd: 0,
  missing: 0,
  run: 0,
  matched: 0,
  falseAccepts: 0,
  crl: 0,
};
for (const c of cases) {
  const file = join(testsDir, c.folder, `${c.name}.xml`);
  if (/hmac/i.test(c.transforms) || c.params.includes('--hmackey')) {
    counts.hmac++;
    continue;
  }
  if (!existsSync(file)) {
    counts.missing++;
    continue;
  }
  if (/<!DOCTYPE/i.test(readFileSync(file, 'latin1'))) {
    counts.dtd++;
    continue;
  }
  counts.run++;
  // xmlsec accepts an X.509 signer only through a chain to its --trusted certificates (unless
  // --insecure); corridor's equivalent is valid and trusted under the same anchors.
  const insecure = c.params.includes('--insecure');
  let valid: boolean | null;
  try {
    const args = keyArguments(c.params);
    const output = verifyFiles([file], {
      ...args,
      ...(args.trust.length > 0 ? {} : { trust: undefined }),
    });
    const signature = output.results[0]?.signatures[0];
    valid = signature?.valid ?? null;
    // --verify-keys: the given key's certificate must chain to the trusted ones too.
    const mustChain = signature?.keySource === 'x509' || c.params.includes('--verify-keys');
    if (valid === true && mustChain && !insecure && signature?.trusted !== true) {
      valid = null;
    }
    const revocation = ['xmldsig/certificate-revoked', 'xmldsig/revocation-unknown'];
    if (
      valid === true &&
      !insecure &&
      signature?.problems.some((p) => revocation.includes(p.ruleId))
    ) {
      valid = null;
    }
  } catch {
    valid = null; // a usage error (unreadable key) counts as not verified
  }
  const ok = c.expected === 'success' ? valid === true : valid !== true;
  if (ok) counts.matched++;
  if (c.expected === 'fail' && valid === true) {
    counts.falseAccepts++;
    // Revocation needs the CRL xmlsec is given (--crl-*): report which ones need it.
    if (c.params.includes('--verify-crls') || /--crl-/.test(c.params)) counts.crl++;
  }
  if (list)
    console.log(
      `${ok ? 'match' : 'DIFF '} ${c.expected.padEnd(7)} ${String(valid).padEnd(5)} ${c.folder}/${c.name}`,
    );
}
console.log(
  `xmlsec testDSig.sh verify cases: ${counts.cases}; left out: ${counts.hmac} HMAC, ${counts.dtd} DTD, ${counts.missing} without a document`,
);
console.log(
  `run: ${counts.run}; as xmlsec expects: ${counts.matched}; false accepts (xmlsec: fail, corridor: valid): ${counts.falseAccepts} (of which ${counts.crl} need the revocation list xmlsec is given)`,
);

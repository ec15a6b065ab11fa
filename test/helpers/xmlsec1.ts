/**
 * Test helper: runs `xmlsec1 --verify` (Debian package xmlsec1, the C reference implementation
 * of XMLDSig) on a document written to a temp dir, as an independent verdict.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let availability: boolean | undefined;
let scratch: string | undefined;
let counter = 0;

/** True when an `xmlsec1` binary can be run. */
export function hasXmlsec1(): boolean {
  availability ??= spawnSync('xmlsec1', ['--version']).status === 0;
  return availability;
}

/** Writes text to a new file in this process's scratch directory and returns its path. */
export function scratchFile(name: string, content: string | Uint8Array): string {
  scratch ??= mkdtempSync(join(tmpdir(), 'corridor-xmlsec1-'));
  const path = join(scratch, `${++counter}-${name}`);
  writeFileSync(path, content);
  return path;
}

export interface Xmlsec1Verdict {
  /** true: "OK" and exit 0; false: "FAIL"/"ERROR" and exit 1. */
  valid: boolean;
  /** What xmlsec1 printed, for failure messages. */
  output: string;
}

/**
 * `xmlsec1 --verify <keyArgs> <file>`. keyArgs name the key, e.g. `['--pubkey-pem', path]` or
 * `['--trusted-pem', ca]`. Throws when xmlsec1 cannot be started or says something else.
 */
export function xmlsec1Verify(xml: string, keyArgs: readonly string[]): Xmlsec1Verdict {
  const file = scratchFile('signed.xml', xml);
  const run = spawnSync('xmlsec1', ['--verify', ...keyArgs, file], { encoding: 'utf8' });
  if (run.error) throw run.error;
  const output = `${run.stdout}${run.stderr}`;
  if (run.status === 0 && /^OK$/m.test(output)) return { valid: true, output };
  if (run.status === 1 && /^(FAIL|ERROR)$/m.test(output)) return { valid: false, output };
  throw new Error(`xmlsec1 exited ${String(run.status)}: ${output}`);
}

/** A throwaway RSA-2048 key and self-signed certificate (PEM files) for xmlsec1 to sign with. */
export function selfSignedRsa(subject: string): { key: string; cert: string } {
  const key = scratchFile('key.pem', '');
  const cert = scratchFile('cert.pem', '');
  const made = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '30',
      '-subj',
      subject,
    ],
    { stdio: 'ignore' },
  );
  if (made.status !== 0) throw new Error(`openssl req failed for ${subject}`);
  return { key, cert };
}

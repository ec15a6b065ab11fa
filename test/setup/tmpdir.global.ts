/**
 * vitest globalSetup: a test run's temporary files (the suites' own folders, the CLI processes,
 * OpenSSL and xmlsec1 they spawn) all go under one folder, removed when the run ends. Suites
 * that leave their folders behind otherwise filled the system's tmp: ~170 per run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const previous = process.env['TMPDIR'];
  const root = mkdtempSync(join(tmpdir(), 'corridor-vitest-'));
  // Read by os.tmpdir() in the test processes (forked after this) and in what they spawn.
  process.env['TMPDIR'] = root;
  return () => {
    if (previous === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = previous;
    rmSync(root, { recursive: true, force: true });
  };
}

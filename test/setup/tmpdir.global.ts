/**
 * vitest globalSetup: a test run's temporary files (the suites' own folders, the CLI processes,
 * OpenSSL, xmlsec1 and Chromium they spawn) all go under one folder, removed when the run ends.
 * Suites that leave their folders behind otherwise filled the system's tmp: ~170 per run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Set while a run's folder exists: the setup runs once per project, and the folder is one. */
const MARK = 'CORRIDOR_TEST_TMPDIR';

export default function setup(): () => void {
  if (process.env[MARK]) return () => {};
  const previous = process.env['TMPDIR'];
  // Short: Chromium's singleton socket lives below it, and socket paths stop at 107 bytes.
  const root = mkdtempSync(join(tmpdir(), 'cv-'));
  process.env[MARK] = root;
  // Read by os.tmpdir() in the test processes (forked after this) and in what they spawn.
  process.env['TMPDIR'] = root;
  return () => {
    delete process.env[MARK];
    if (previous === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = previous;
    rmSync(root, { recursive: true, force: true });
  };
}

/**
 * A run that stops on a user error, or whose report cannot be written, leaves no temporary
 * pair spool behind: the folder goes with the error, not only at process exit.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const LICENCE = fileURLToPath(new URL('../../fixtures/documents/AM/licence.xml', import.meta.url));

let saved: string | undefined;
let scratch = '';
beforeEach(() => {
  saved = process.env.TMPDIR;
  scratch = mkdtempSync(join(tmpdir(), 'corridor-spool-test-'));
  process.env.TMPDIR = scratch;
});
afterEach(() => {
  if (saved === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = saved;
});

describe('pair spool cleanup', () => {
  it('check and matrix remove their spool on success and on every error path', async () => {
    const runs = [
      ['check', LICENCE, '--to', 'RU', '-f', 'json', '--no-config'],
      ['check', LICENCE, '--to', 'RU', '--from', 'XX', '-f', 'json', '--no-config'],
      // Stops inside the run, after the first document's pairs were spooled.
      ['check', LICENCE, join(scratch, 'missing.xml'), '--to', 'RU', '-f', 'json', '--no-config'],
      [
        'check',
        LICENCE,
        '--to',
        'RU',
        '-f',
        'json',
        '-o',
        join(scratch, 'no', 'such', 'dir', 'x.json'),
        '--no-config',
      ],
      [
        'matrix',
        '--docs',
        join(LICENCE, '..'),
        '-f',
        'sarif',
        '-o',
        join(scratch, 'no', 'such', 'x.sarif'),
        '--no-config',
      ],
    ];
    const codes: number[] = [];
    for (const args of runs) codes.push((await runCli(args)).code);
    expect(codes[0]).not.toBe(2);
    expect(codes.slice(1)).toEqual([2, 2, 2, 2]);
    expect(readdirSync(scratch).filter((name) => name.startsWith('corridor-pairs-'))).toEqual([]);
  });
});

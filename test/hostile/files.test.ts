/**
 * Issue #15, item 7: the smaller ones. A trust anchor may only be a regular file under a size
 * cap (`/dev/zero` ate 2.7 GB); a doubled UTF-8 BOM is refused; a symlink under --docs that
 * points outside it is not read unless --follow-symlinks; a FIFO or dangling link under --docs
 * is one document/readable finding and the run goes on (it stopped the matrix with exit 2).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/documents/read.js';
import { runCli } from '../helpers/cli.js';
import { tempTree } from '../helpers/tmp.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLE = join(ROOT, 'fixtures/documents/RU/customs-declaration.xml');

interface Json {
  pairs: Array<{
    document: string;
    receiver: string;
    status: string;
    findings: Array<{ ruleId: string; message: string }>;
  }>;
}

const messagesFor = (json: Json, file: string) =>
  json.pairs
    .filter((p) => p.document.endsWith(file))
    .flatMap((p) => p.findings.map((f) => f.message));

function profileWithAnchor(file: string): string {
  return tempTree({
    'AA.json': {
      id: 'AA',
      name: 'AA',
      kind: 'jurisdiction',
      version: '1',
      signature: { trustAnchors: [{ file }] },
    },
  });
}

describe('files corridor reads', () => {
  it('a trust anchor that is /dev/zero is refused at load, unread', async () => {
    const run = await runCli(['profiles', 'list', '--profiles', profileWithAnchor('/dev/zero')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /AA\.json#\/signature\/trustAnchors\/0\/file: .*not found or unreadable: zero/,
    );
  });

  it('a trust anchor over 1 MiB is refused at load', async () => {
    const big = join(tempTree({}), 'big.pem');
    writeFileSync(big, Buffer.alloc(2 * 1024 * 1024, 0x41));
    const run = await runCli(['profiles', 'list', '--profiles', profileWithAnchor(big)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/big\.pem is 2097152 bytes, over the 1048576-byte limit/);
  });

  it('a doubled UTF-8 byte-order mark is refused (one is fine)', () => {
    const xml = readFileSync(SAMPLE);
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const once = readDocument('one.xml', Buffer.concat([bom, xml]));
    expect(once.problems).toEqual([]);
    const twice = readDocument('two.xml', Buffer.concat([bom, bom, xml]));
    expect(twice.problems.map((p) => p.message)).toEqual([
      'a second byte-order mark (U+FEFF) before the document',
    ]);
  });

  it('under --docs: a FIFO, a dangling link and a link out are findings; the run goes on', async () => {
    const outside = tempTree({});
    copyFileSync(SAMPLE, join(outside, 'secret.xml'));
    const docs = tempTree({});
    copyFileSync(SAMPLE, join(docs, 'good.xml'));
    execFileSync('mkfifo', [join(docs, 'pipe.xml')]);
    symlinkSync(join(outside, 'gone.xml'), join(docs, 'dangling.xml'));
    symlinkSync(join(outside, 'secret.xml'), join(docs, 'out.xml'));
    symlinkSync(join(docs, 'good.xml'), join(docs, 'in.xml')); // inside: read
    const args = ['matrix', '--docs', docs, '--as-of', '2026-12-01', '-f', 'json'];
    const run = await runCli(args);
    expect(run.code, run.stderr).toBe(0); // matrix fails on nothing by default
    const json = JSON.parse(run.stdout) as Json;
    expect(messagesFor(json, 'pipe.xml')[0]).toMatch(/pipe\.xml is not a regular file \(a FIFO/);
    expect(messagesFor(json, 'dangling.xml')[0]).toMatch(/dangling\.xml cannot be read \(ENOENT\)/);
    expect(messagesFor(json, 'out.xml')[0]).toMatch(
      /out\.xml is a symbolic link to a file outside .*: not followed \(--follow-symlinks reads it\)/,
    );
    for (const file of ['pipe.xml', 'dangling.xml', 'out.xml']) {
      const pair = json.pairs.find((p) => p.document.endsWith(file));
      expect(pair?.status, file).toBe('fail');
      expect(
        pair?.findings.map((f) => f.ruleId),
        file,
      ).toEqual(['document/readable']);
    }
    const inside = json.pairs.find((p) => p.document.endsWith('in.xml') && p.receiver === 'RU');
    expect(inside?.status).toBe('ok');

    const followed = JSON.parse((await runCli([...args, '--follow-symlinks'])).stdout) as Json;
    const out = followed.pairs.find((p) => p.document.endsWith('out.xml') && p.receiver === 'RU');
    expect(out?.status).toBe('ok');
  });
});

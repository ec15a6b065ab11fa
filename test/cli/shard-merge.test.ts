import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fnv1a, selectShard, shardOf } from '../../src/engine/shard.js';
import type { MatrixResult } from '../../src/engine/types.js';
import { runCli } from '../helpers/cli.js';
import { tempTree } from '../helpers/tmp.js';
import { unsignedDeclaration } from '../helpers/documents.js';

const declaration = (country: string, code: string) => unsignedDeclaration(code, { country });

const accepts = { 'customs-declaration': { accepted: true } };
const profiles = (version = '1') => ({
  'profiles/AA.json': { id: 'AA', name: 'A', kind: 'jurisdiction', version, documents: accepts },
  'profiles/BB.json': {
    id: 'BB',
    name: 'B',
    kind: 'jurisdiction',
    version: '1',
    signature: { required: true, methods: [{ algorithm: 'rsa-sha256' }] },
    documents: accepts,
  },
  'profiles/CC.json': {
    id: 'CC',
    name: 'C',
    kind: 'jurisdiction',
    version: '1',
    documents: {
      'customs-declaration': {
        accepted: true,
        constraints: [
          {
            id: 'hs-8',
            severity: 'warning',
            schema: {
              properties: {
                goodsItems: { items: { properties: { commodityCode: { pattern: '^[0-9]{8}$' } } } },
              },
            },
          },
        ],
      },
    },
  },
  'profiles/GW.json': {
    id: 'GW',
    name: 'Gateway',
    kind: 'gateway',
    version: '1',
    documents: accepts,
    gateway: { reissues: [{ algorithm: 'rsa-sha256' }] },
  },
});

/** Twelve documents from two senders, some failing CC's code-length rule. */
function corpus() {
  const docs: Record<string, string> = {};
  for (let i = 0; i < 12; i++) {
    docs[`docs/${i % 2 ? 'AA' : 'CC'}/decl-${i}.xml`] = declaration(
      i % 2 ? 'AA' : 'CC',
      i % 3 ? '12345678' : '123',
    );
  }
  const dir = tempTree({ ...profiles(), ...docs });
  return { dir, p: join(dir, 'profiles'), docs: join(dir, 'docs') };
}

const parse = (text: string) => JSON.parse(text) as MatrixResult;

describe('shards', () => {
  it('hash is FNV-1a 32 of the relative path, stable across runs', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
    expect(shardOf('/x/docs/RU/a.xml', 4, '/x/docs')).toBe(
      shardOf('/y/z/docs/RU/a.xml', 4, '/y/z/docs'),
    );
    expect(shardOf('/x/docs/RU/a.xml', 4, '/x/docs')).toBe((fnv1a('RU/a.xml') % 4) + 1);
  });

  it('shards partition the documents', () => {
    const files = Array.from({ length: 50 }, (_, i) => `/d/f${i}.xml`);
    const parts = [1, 2, 3].map((index) => selectShard(files, { index, count: 3 }, '/d'));
    expect(parts.flat().sort()).toEqual([...files].sort());
    for (const part of parts) expect(part.length).toBeGreaterThan(5);
  });

  it('merged shards 1/3 + 2/3 + 3/3 equal the unsharded run (pairs and cells)', async () => {
    const { dir, p, docs } = corpus();
    const base = ['matrix', '--profiles', p, '--docs', docs, '--as-of', '2026-06-01', '-f', 'json'];
    const whole = await runCli(base);
    expect(whole.code).toBe(0);
    const shardFiles: string[] = [];
    const seen: string[] = [];
    for (const i of [1, 2, 3]) {
      const out = join(dir, `shard-${i}.json`);
      const run = await runCli([...base, '--shard', `${i}/3`, '-o', out]);
      expect(run.code).toBe(0);
      const shard = parse(readFileSync(out, 'utf8'));
      seen.push(...Array.from(shard.documents, (d) => d.document));
      shardFiles.push(out);
    }
    expect(seen).toHaveLength(12);
    const merged = await runCli(['merge', ...shardFiles, '--profiles', p, '-f', 'json']);
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    const expected = parse(whole.stdout);
    const actual = parse(merged.stdout);
    expect(actual.pairs).toEqual(expected.pairs);
    expect(actual.cells).toEqual(expected.cells);
    expect(actual.documents).toEqual(expected.documents);
    expect(expected.cells.some((cell) => cell.route === 'gateway')).toBe(true);
    // A single shard is not the whole: its cells count fewer documents.
    const one = parse(readFileSync(shardFiles[0] as string, 'utf8'));
    expect(one.pairs.length).toBeLessThan(expected.pairs.length);

    const text = await runCli(['merge', ...shardFiles, '--profiles', p]);
    expect(text.stdout).toContain('corridor matrix');
  });

  it('refuses different dates, profile versions, overlapping shards, and foreign JSON', async () => {
    const { dir, p, docs } = corpus();
    const base = ['matrix', '--profiles', p, '--docs', docs, '-f', 'json'];
    const write = async (name: string, args: string[]) => {
      const out = join(dir, name);
      await runCli([...base, ...args, '-o', out]);
      return out;
    };
    const a = await write('a.json', ['--as-of', '2026-06-01', '--shard', '1/2']);
    const b = await write('b.json', ['--as-of', '2026-06-02', '--shard', '2/2']);
    const dates = await runCli(['merge', a, b, '--profiles', p]);
    expect(dates.code).toBe(2);
    expect(dates.stderr).toContain('different dates');

    const other = tempTree({ ...profiles('2'), 'docs/x.xml': declaration('AA', '1') });
    const c = join(dir, 'c.json');
    await runCli([
      'matrix',
      '--profiles',
      join(other, 'profiles'),
      '--docs',
      join(other, 'docs'),
      '--as-of',
      '2026-06-01',
      '-f',
      'json',
      '-o',
      c,
    ]);
    const versions = await runCli(['merge', a, c, '--profiles', p]);
    expect(versions.code).toBe(2);
    expect(versions.stderr).toContain('different profile versions: AA 1 vs 2');

    const overlap = await runCli(['merge', a, a, '--profiles', p]);
    expect(overlap.code).toBe(2);
    expect(overlap.stderr).toContain('shards overlap');

    const wrongProfiles = await runCli(['merge', a, '--profiles', join(other, 'profiles')]);
    expect(wrongProfiles.code).toBe(2);
    expect(wrongProfiles.stderr).toContain('not the ones the results were produced with');

    writeFileSync(join(dir, 'junk.json'), '{"kind": "matrix"}');
    const junk = await runCli(['merge', join(dir, 'junk.json')]);
    expect(junk.code).toBe(2);
    expect(junk.stderr).toContain('not a corridor JSON result');
    expect(junk.stderr).not.toContain('    at ');
  });
  it('reads shards as a stream: any member order or layout, pairs checked one by one', async () => {
    const { dir, p, docs } = corpus();
    const base = ['matrix', '--profiles', p, '--docs', docs, '--as-of', '2026-06-01', '-f', 'json'];
    const shards = [1, 2].map((i) => join(dir, `shard-${i}.json`));
    for (const [i, out] of shards.entries())
      expect((await runCli([...base, '--shard', `${i + 1}/2`, '-o', out])).code).toBe(0);
    const merged = await runCli(['merge', ...shards, '--profiles', p, '-f', 'json']);
    expect(merged.code).toBe(0);

    // The same results with their pairs first, on one line: the same merge.
    const [a, b] = shards.map((file) => parse(readFileSync(file, 'utf8')));
    const reordered = join(dir, 'reordered.json');
    const { pairs, ...rest } = a as MatrixResult;
    writeFileSync(reordered, JSON.stringify({ pairs, ...rest }));
    const again = await runCli(['merge', reordered, shards[1]!, '--profiles', p, '-f', 'json']);
    expect(again.stdout).toBe(merged.stdout);

    // A pair of a document the result does not list, a pair the schema refuses, a member
    // named __proto__: each is a result corridor did not write.
    const write = (name: string, value: unknown) => {
      writeFileSync(join(dir, name), JSON.stringify(value));
      return join(dir, name);
    };
    const stray = write('stray.json', {
      ...b,
      pairs: [...b!.pairs, { ...b!.pairs[0]!, document: 'elsewhere.xml' }],
    });
    const badPair = write('bad-pair.json', { ...b, pairs: [b!.pairs[0], { document: 1 }] });
    const proto = join(dir, 'proto.json');
    writeFileSync(proto, JSON.stringify(b).replace(/^\{/, '{"__proto__": {"kind": "check"},'));
    for (const [file, message] of [
      [stray, 'pairs of elsewhere.xml, which is not in documents'],
      [badPair, '(/pairs/1'],
      [proto, 'not a corridor JSON result (/ must NOT have additional properties)'],
    ] as const) {
      const run = await runCli(['merge', shards[0]!, file, '--profiles', p]);
      expect(run.code, file).toBe(2);
      expect(run.stderr, file).toContain(message);
      expect(run.stderr).not.toContain('    at ');
    }
    writeFileSync(join(dir, 'cut.json'), readFileSync(shards[0]!, 'utf8').slice(0, 500));
    const cut = await runCli(['merge', join(dir, 'cut.json')]);
    expect(cut.code).toBe(2);
    expect(cut.stderr).toContain('cut.json: not valid JSON');
  });
});

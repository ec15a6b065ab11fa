import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { MatrixCell, MatrixResult } from '../../src/engine/types.js';
import { runCli } from '../helpers/cli.js';
import { tempTree } from '../helpers/tmp.js';
import { unsignedDeclaration } from '../helpers/documents.js';

const declaration = (code = '12345678') => unsignedDeclaration(code);

const accepts = { 'customs-declaration': { accepted: true } };
const profile = (id: string, extra: object = {}) => ({
  id,
  name: id,
  kind: 'jurisdiction',
  version: '1',
  documents: accepts,
  ...extra,
});

/**
 * AA sends unsigned documents. RR requires RSA-SHA256 signatures (≥ 3000 bits until 2030), so
 * AA → RR fails on signature/required. GW accepts unsigned documents from AA and re-signs with
 * RSA-SHA256 on a 3072-bit key. ED requires Ed25519 only: no gateway re-signs with it.
 */
const baseProfiles = {
  'AA.json': profile('AA'),
  'RR.json': profile('RR', {
    signature: {
      required: true,
      methods: [{ algorithm: 'rsa-sha256', minKeyBits: 3000, notAfter: '2030-12-31' }],
    },
  }),
  'ED.json': profile('ED', {
    signature: { required: true, methods: [{ algorithm: 'ed25519' }] },
  }),
  'GW.json': {
    ...profile('GW'),
    kind: 'gateway',
    gateway: { serves: ['AA'], reissues: [{ algorithm: 'rsa-sha256', minKeyBits: 3072 }] },
  },
};

async function matrix(files: Record<string, object | string>, extra: string[] = []) {
  const dir = tempTree(files);
  const run = await runCli([
    'matrix',
    '--profiles',
    join(dir, 'profiles'),
    '--docs',
    join(dir, 'docs'),
    '--as-of',
    '2026-06-01',
    ...extra,
  ]);
  return run;
}

const tree = (profiles: Record<string, object>, doc = declaration()) => ({
  ...Object.fromEntries(Object.entries(profiles).map(([k, v]) => [`profiles/${k}`, v])),
  'docs/a.xml': doc,
});

const cell = (result: MatrixResult, sender: string, receiver: string): MatrixCell | undefined =>
  result.cells.find((c) => c.sender === sender && c.receiver === receiver);

describe('gateway routes', () => {
  it('a failing cell is routed via a gateway that accepts the sender and re-signs acceptably', async () => {
    const run = await matrix(tree(baseProfiles), ['-f', 'json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as MatrixResult;
    const routed = cell(result, 'AA', 'RR');
    expect(routed?.status).toBe('fail'); // status stays the direct status
    expect(routed?.route).toBe('gateway');
    expect(routed?.routes?.map((r) => r.via)).toEqual(['GW']);
    expect(routed?.routes?.[0]?.conditions).toEqual(
      expect.arrayContaining([
        'GW re-signs with RSA PKCS#1 v1.5 with SHA-256 with a 3072-bit key',
        'RR accepts RSA PKCS#1 v1.5 with SHA-256 only until 2030-12-31',
      ]),
    );
    expect(cell(result, 'AA', 'ED')).toMatchObject({ status: 'fail', route: 'none' });
    expect(cell(result, 'AA', 'ED')?.routes).toBeUndefined();
    expect(cell(result, 'AA', 'GW')?.route).toBe('direct');
    expect(cell(result, 'AA', 'AA')?.route).toBe('direct');
  });

  it('no route when the re-signing key is below the receiver’s minimum', async () => {
    const gw = {
      ...baseProfiles['GW.json'],
      gateway: { reissues: [{ algorithm: 'rsa-sha256', minKeyBits: 2048 }] },
    };
    const result = JSON.parse(
      (await matrix(tree({ ...baseProfiles, 'GW.json': gw }), ['-f', 'json'])).stdout,
    ) as MatrixResult;
    expect(cell(result, 'AA', 'RR')?.route).toBe('none');
  });

  it('no route after the receiver’s window for the re-signing algorithm closes', async () => {
    const result = JSON.parse(
      (await matrix(tree(baseProfiles), ['-f', 'json', '--as-of', '2031-01-01'])).stdout,
    ) as MatrixResult;
    expect(cell(result, 'AA', 'RR')?.route).toBe('none');
  });

  it('no route when the gateway does not serve the sender or refuses its documents', async () => {
    const notServed = {
      ...baseProfiles['GW.json'],
      gateway: { serves: ['ZZ'], reissues: [{ algorithm: 'rsa-sha256', minKeyBits: 3072 }] },
    };
    const r1 = JSON.parse(
      (await matrix(tree({ ...baseProfiles, 'GW.json': notServed }), ['-f', 'json'])).stdout,
    ) as MatrixResult;
    expect(cell(r1, 'AA', 'RR')?.route).toBe('none');

    const refuses = { ...baseProfiles['GW.json'], signature: { required: true } };
    const r2 = JSON.parse(
      (await matrix(tree({ ...baseProfiles, 'GW.json': refuses }), ['-f', 'json'])).stdout,
    ) as MatrixResult;
    expect(cell(r2, 'AA', 'GW')?.status).toBe('fail');
    expect(cell(r2, 'AA', 'RR')?.route).toBe('none');
  });

  it('no route when the receiver also refuses the content (a gateway only re-signs)', async () => {
    const rr = {
      ...baseProfiles['RR.json'],
      documents: {
        'customs-declaration': {
          accepted: true,
          constraints: [
            {
              id: 'hs-10',
              schema: {
                properties: {
                  goodsItems: {
                    items: { properties: { commodityCode: { pattern: '^[0-9]{10}$' } } },
                  },
                },
              },
            },
          ],
        },
      },
    };
    const result = JSON.parse(
      (await matrix(tree({ ...baseProfiles, 'RR.json': rr }), ['-f', 'json'])).stdout,
    ) as MatrixResult;
    expect(cell(result, 'AA', 'RR')?.route).toBe('none');
  });

  it('text, markdown and html show ↪ and the gateway', async () => {
    const text = (await matrix(tree(baseProfiles))).stdout;
    expect(text).toMatch(/↪ via GW/);
    expect(text).toContain('↪ via GW: GW re-signs with RSA PKCS#1 v1.5 with SHA-256');
    const md = (await matrix(tree(baseProfiles), ['-f', 'markdown'])).stdout;
    expect(md).toContain('| ↪️ via GW |');
    expect(md).toContain('- ↪️ via **GW** — GW re-signs with RSA PKCS\\#1 v1.5');
    const html = (await matrix(tree(baseProfiles), ['-f', 'html'])).stdout;
    expect(html).toMatch(/class="cell fail all routed"[^>]*data-route="gateway"/);
    expect(html).toContain('<span class="via">via GW</span>');
    // The AA → ED cell fails with no route: plain ✗.
    expect(html).toMatch(/data-receiver="ED" data-status="fail" data-route="none"[^>]*>.*?✗/);
  });

  it('csv, junit, sarif and github name the gateway too', async () => {
    const files = tree(baseProfiles);
    const csv = (await matrix(files, ['-f', 'csv'])).stdout.split('\r\n');
    expect(csv[0]).toMatch(/,route,via,senderCountry$/);
    expect(csv.filter((row) => row.includes(',AA,RR,fail,'))).not.toEqual([]);
    for (const row of csv.filter((r) => r.includes(',AA,RR,')))
      expect(row).toMatch(/,gateway,GW,$/);
    for (const row of csv.filter((r) => r.includes(',AA,ED,'))) expect(row).toMatch(/,none,,$/);
    const junit = (await matrix(files, ['-f', 'junit'])).stdout;
    expect(junit).toContain('<property name="routeVia" value="GW"/>');
    expect(junit).toMatch(/<failure message="[^"]*\(↪ reachable via GW\)"/);
    const sarif = JSON.parse((await matrix(files, ['-f', 'sarif'])).stdout) as {
      runs: Array<{ results: Array<{ message: { text: string }; properties: object }> }>;
    };
    const routed = sarif.runs[0]!.results.filter((r) => r.message.text.startsWith('AA → RR'));
    expect(routed.length).toBeGreaterThan(0);
    for (const result of routed) {
      expect(result.properties).toMatchObject({ route: 'gateway', routes: [{ via: 'GW' }] });
    }
    const github = (await matrix(files, ['-f', 'github'])).stdout;
    expect(github).toMatch(
      /^::error .*(::|%0A)AA → RR: .*%0A(AA → RR )?↪ via GW: GW re-signs with RSA/m,
    );
  });
});

describe('JSON output with routes and a baseline', () => {
  it('validates against schemas/matrix-output.schema.json', async () => {
    const schema = JSON.parse(
      readFileSync(new URL('../../schemas/matrix-output.schema.json', import.meta.url), 'utf8'),
    ) as object;
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
    const dir = tempTree(tree(baseProfiles));
    const args = ['--profiles', join(dir, 'profiles'), '--docs', join(dir, 'docs')];
    const baseline = join(dir, 'baseline.json');
    await runCli(['baseline', 'create', ...args, '-o', baseline]);
    // One entry nothing produces, so `baseline.stale` is not empty.
    const file = JSON.parse(readFileSync(baseline, 'utf8')) as { findings: object[] };
    file.findings.push({
      ruleId: 'x/y',
      sender: 'AA',
      receiver: 'RR',
      document: 'docs/a.xml',
      count: 1,
    });
    writeFileSync(baseline, JSON.stringify(file));

    const plain = JSON.parse(
      (await runCli(['matrix', ...args, '-f', 'json'])).stdout,
    ) as MatrixResult;
    expect(validate(plain), JSON.stringify(validate.errors)).toBe(true);
    expect(plain.cells.some((c) => c.routes?.length)).toBe(true);

    const run = await runCli(['matrix', ...args, '-f', 'json', '--baseline', baseline]);
    const gated = JSON.parse(run.stdout) as MatrixResult;
    expect(validate(gated), JSON.stringify(validate.errors)).toBe(true);
    expect(gated.baseline?.stale).toHaveLength(1);

    const broken = structuredClone(plain) as unknown as { cells: Array<{ route: string }> };
    (broken.cells[0] as { route: string }).route = 'teleport';
    expect(validate(broken)).toBe(false);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempTree } from '../helpers/tmp.js';
import { RECEIVER_PROFILES, unsignedDeclaration } from '../helpers/documents.js';

const declaration = (country: string, commodityCode: string) =>
  unsignedDeclaration(commodityCode, { country });

const profiles = RECEIVER_PROFILES;

function setup() {
  const dir = tempTree({
    ...Object.fromEntries(Object.entries(profiles).map(([k, v]) => [`profiles/${k}`, v])),
    'docs/decl.xml': declaration('AA', '1234567890'),
    'docs/decl8.xml': declaration('AA', '12345678'),
    'docs/broken.xml':
      '<CustomsDeclaration xmlns="urn:corridor:customs-declaration:1">\n  <Oops>\n</CustomsDeclaration>',
  });
  return { dir, p: join(dir, 'profiles'), doc: (name: string) => join(dir, 'docs', name) };
}

describe('corridor check exit codes', () => {
  it('0 when nothing reaches --fail-on', async () => {
    const { p, doc } = setup();
    const run = await runCli(['check', doc('decl8.xml'), '--to', 'CC', '--profiles', p]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('1 on an error finding; --fail-on never makes it 0; warnings count with --fail-on warning', async () => {
    const { p, doc } = setup();
    expect((await runCli(['check', doc('decl.xml'), '--to', 'BB', '--profiles', p])).code).toBe(1);
    expect(
      (
        await runCli([
          'check',
          doc('decl.xml'),
          '--to',
          'BB',
          '--profiles',
          p,
          '--fail-on',
          'never',
        ])
      ).code,
    ).toBe(0);
    expect((await runCli(['check', doc('decl.xml'), '--to', 'CC', '--profiles', p])).code).toBe(0);
    expect(
      (
        await runCli([
          'check',
          doc('decl.xml'),
          '--to',
          'CC',
          '--profiles',
          p,
          '--fail-on',
          'warning',
        ])
      ).code,
    ).toBe(1);
  });

  it('a malformed document is a finding with its line, not a crash', async () => {
    const { p, doc } = setup();
    const run = await runCli([
      'check',
      doc('broken.xml'),
      '--to',
      'AA',
      '--profiles',
      p,
      '--format',
      'json',
    ]);
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as {
      pairs: Array<{ findings: Array<{ ruleId: string; location: { line?: number } }> }>;
    };
    const finding = result.pairs[0]?.findings[0];
    expect(finding?.ruleId).toBe('document/readable');
    expect(finding?.location.line).toBe(3);
  });

  it('2 for usage errors, unknown profiles, bad dates and missing files — with a message, no stack', async () => {
    const { p, doc } = setup();
    const cases: Array<[string[], RegExp]> = [
      [['check', doc('missing.xml'), '--profiles', p], /cannot read document: .*missing\.xml/],
      [['check', doc('decl.xml'), '--to', 'ZZ', '--profiles', p], /unknown receiver profile: ZZ/],
      [['check', doc('decl.xml'), '--from', 'ZZ', '--profiles', p], /unknown sender profile: ZZ/],
      [['check', doc('decl.xml'), '--as-of', '2026-02-30', '--profiles', p], /not a calendar date/],
      [['check', doc('decl.xml'), '--fail-on', 'sometimes', '--profiles', p], /--fail-on expects/],
      [['check', doc('decl.xml'), '--format', 'pdf', '--profiles', p], /unknown --format "pdf"/],
      [['check', '--profiles', p], /missing required argument/],
      [['frobnicate'], /unknown command/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('2 for an invalid profile, naming the file and JSON pointer', async () => {
    const dir = tempTree({
      'profiles/BB.json': { ...profiles['BB.json'], signature: { required: 'yes' } },
      'decl.xml': declaration('AA', '1'),
    });
    const run = await runCli(['check', join(dir, 'decl.xml'), '--profiles', join(dir, 'profiles')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/BB\.json#\/signature\/required: expected boolean/);
  });

  it('help and version exit 0', async () => {
    expect((await runCli(['--help'])).code).toBe(0);
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('JSON output', () => {
  it('check and matrix output validate against schemas/matrix-output.schema.json', async () => {
    const { dir, p } = setup();
    const schema = JSON.parse(
      readFileSync(new URL('../../schemas/matrix-output.schema.json', import.meta.url), 'utf8'),
    ) as object;
    const validate = new Ajv2020({ strict: false }).compile(schema);
    for (const args of [
      ['check', join(dir, 'docs', 'decl.xml'), '--profiles', p, '--format', 'json'],
      [
        'matrix',
        '--docs',
        join(dir, 'docs'),
        '--profiles',
        p,
        '--format',
        'json',
        '--as-of',
        '2026-01-01',
      ],
    ]) {
      const run = await runCli(args);
      const output = JSON.parse(run.stdout) as unknown;
      expect(validate(output), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('matrix cells: status, document counts, findings by rule and reasons', async () => {
    const { dir, p } = setup();
    const run = await runCli([
      'matrix',
      '--docs',
      join(dir, 'docs'),
      '--profiles',
      p,
      '--format',
      'json',
    ]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as {
      profiles: string[];
      cells: Array<{
        sender: string;
        receiver: string;
        status: string;
        documents: number;
        findings: Record<string, number>;
        topReasons: string[];
      }>;
    };
    expect(result.profiles).toEqual(['AA', 'BB', 'CC']);
    const cell = (s: string, r: string) =>
      result.cells.find((c) => c.sender === s && c.receiver === r);
    // Two well-formed unsigned declarations from AA and one broken file (sender unknown).
    expect(cell('AA', 'BB')).toMatchObject({
      status: 'fail',
      documents: 2,
      findings: { 'signature/required': 2 },
    });
    expect(cell('AA', 'CC')).toMatchObject({
      status: 'warn',
      documents: 2,
      findings: { 'document/receiver-rules': 1 },
    });
    expect(cell('AA', 'AA')).toMatchObject({ status: 'ok', documents: 2 });
    expect(cell('unknown', 'AA')?.status).toBe('fail');
    expect(cell('AA', 'BB')?.topReasons[0]).toMatch(
      /^signature\/required: BB requires a signed document/,
    );
    // --fail-on makes the matrix a gate.
    expect(
      (await runCli(['matrix', '--docs', join(dir, 'docs'), '--profiles', p, '--fail-on', 'error']))
        .code,
    ).toBe(1);
  });
});

describe('a document that cannot be read', () => {
  it('is one block naming every receiver, with line and column, not one per receiver', async () => {
    const dir = tempTree({ 'bad.json': '{\n  "a": [1,]\n}\n' });
    const run = await runCli(['check', join(dir, 'bad.json'), '--as-of', '2026-12-01']);
    expect(run.code).toBe(1);
    const blocks = run.stdout.split('\n').filter((line) => line.includes('bad.json →'));
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toContain('AM, BY, CN, EU');
    expect(blocks[0]).toContain('not readable: sender and type unknown');
    expect(run.stdout).toContain('2:11  error  invalid JSON: unexpected "]"');
  });
});

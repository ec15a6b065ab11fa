import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempTree } from '../helpers/tmp.js';

/** `corridor profiles lint` lists each unconfirmed fact: profile, pointer, what, source, note. */

const BASE = {
  id: 'BASE',
  name: 'Base',
  kind: 'baseline',
  version: '1',
  sources: [{ id: 'std', title: 'A standard', url: 'https://example.org/std' }],
  signature: { methods: [{ algorithm: 'rsa-sha256', source: 'std' }] },
  documents: {
    licence: {
      constraints: [
        {
          id: 'base-guess',
          description: 'a guessed rule',
          schema: {},
          source: 'std',
          confirmed: false,
          note: 'nobody\nsaid so',
        },
      ],
    },
  },
};

const jurisdiction = (id: string, signature?: object) => ({
  id,
  name: id,
  kind: 'jurisdiction',
  version: '1',
  extends: 'BASE',
  ...(signature ? { signature } : {}),
});

function set() {
  return tempTree({
    'BASE.json': BASE,
    'XA.json': jurisdiction('XA', {
      methods: [
        { algorithm: 'rsa-sha256', source: 'std' },
        { algorithm: 'ecdsa-sha256', source: 'std', confirmed: false, note: 'modelled' },
      ],
    }),
    'XB.json': jurisdiction('XB'),
  });
}

describe('profiles lint: unconfirmed facts', () => {
  it('text: each fact once where it is stated, with its note and who inherits it', async () => {
    const { code, stdout } = await runCli(['profiles', 'lint', set()]);
    expect(code).toBe(0);
    expect(stdout.split('\n').filter((l) => l.startsWith('unconfirmed'))).toEqual([
      'unconfirmed  BASE  /documents/licence/constraints/0  base-guess (std): nobody\\nsaid so  [inherited by XA, XB]',
      'unconfirmed  XA  /signature/methods/1  ecdsa-sha256 (std): modelled',
    ]);
    expect(stdout).toContain(
      '3 profiles, 0 errors, 4 unconfirmed facts (marked "confirmed": false; 2 stated in their own files, the rest inherited)',
    );
  });

  it('--format json: every fact as each profile resolves it, inherited ones pointing at their origin', async () => {
    const { code, stdout } = await runCli(['profiles', 'lint', set(), '--format', 'json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      profiles: number;
      errors: unknown[];
      unconfirmed: Array<Record<string, unknown>>;
    };
    expect([report.profiles, report.errors]).toEqual([3, []]);
    expect(report.unconfirmed.map((f) => [f['profile'], f['pointer'], f['inheritedFrom']])).toEqual(
      [
        ['BASE', '/documents/licence/constraints/0', undefined],
        ['XA', '/signature/methods/1', undefined],
        [
          'XA',
          '/documents/licence/constraints/0',
          { profile: 'BASE', pointer: '/documents/licence/constraints/0' },
        ],
        [
          'XB',
          '/documents/licence/constraints/0',
          { profile: 'BASE', pointer: '/documents/licence/constraints/0' },
        ],
      ],
    );
    expect(report.unconfirmed[1]).toMatchObject({
      subject: 'ecdsa-sha256',
      source: 'std',
      note: 'modelled',
    });
  });

  it('refuses an unknown format', async () => {
    const { code, stderr } = await runCli(['profiles', 'lint', set(), '--format', 'xml']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/'xml' is invalid|unknown --format "xml"/);
  });

  it('the shipped profiles: every unconfirmed fact has a note saying what is unknown', async () => {
    const { stdout } = await runCli(['profiles', 'lint', '--format', 'json']);
    const report = JSON.parse(stdout) as { unconfirmed: Array<{ note?: string; pointer: string }> };
    expect(report.unconfirmed.length).toBeGreaterThan(0);
    expect(report.unconfirmed.filter((f) => !f.note).map((f) => f.pointer)).toEqual([]);
  });
});

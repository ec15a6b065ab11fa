/**
 * Rule levels in profiles (`rules`, as the config file's): they apply to the pairs where the
 * profile is the receiver, merge key by key along `extends`, and the config file's levels win
 * over them; `profiles lint` (and every load) refuses a rule id no rule has.
 */
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/engine/run.js';
import type { MatrixResult } from '../../src/engine/types.js';
import type { RuleLevel } from '../../src/engine/rule-levels.js';
import { loadProfiles } from '../../src/profiles/load.js';
import { ProfileError } from '../../src/profiles/read.js';
import { runCli } from '../helpers/cli.js';
import { jurisdiction, unsignedDeclaration } from '../helpers/documents.js';
import { tempTree } from '../helpers/tmp.js';

/** AA sends an unsigned declaration; BB and its child DD require a signature. */
function tree(levels: { bb?: object; dd?: object; ee?: object }): string {
  return tempTree({
    'p/AA.json': jurisdiction('AA'),
    'p/BB.json': jurisdiction('BB', {
      signature: { required: true },
      ...(levels.bb ? { rules: levels.bb } : {}),
    }),
    'p/DD.json': {
      ...jurisdiction('DD'),
      extends: 'BB',
      ...(levels.dd ? { rules: levels.dd } : {}),
    },
    'p/EE.json': jurisdiction('EE', {
      signature: { required: true },
      ...(levels.ee ? { rules: levels.ee } : {}),
    }),
    'a.xml': unsignedDeclaration('12345678'),
  });
}

function evaluate(dir: string, ruleLevels?: Record<string, RuleLevel>): MatrixResult {
  return run({
    kind: 'check',
    profiles: loadProfiles(join(dir, 'p')),
    files: [join(dir, 'a.xml')],
    asOf: new Date('2026-12-01T00:00:00Z'),
    receivers: 'all',
    ...(ruleLevels ? { ruleLevels } : {}),
  });
}

/** receiver → the severities of its signature/required findings, and the pair status. */
function byReceiver(result: MatrixResult): Record<string, { required: string[]; status: string }> {
  return Object.fromEntries(
    result.pairs.map((pair) => [
      pair.receiver,
      {
        required: pair.findings
          .filter((f) => f.ruleId === 'signature/required')
          .map((f) => f.severity),
        status: pair.status,
      },
    ]),
  );
}

function loadProblems(dir: string): string[] {
  try {
    loadProfiles(join(dir, 'p'));
    return [];
  } catch (error) {
    if (!(error instanceof ProfileError)) throw error;
    return error.problems.map((p) => `${basename(p.file)}#${p.pointer}: ${p.message}`);
  }
}

describe('rule levels in profiles', () => {
  it("apply to the profile's own pairs, and are inherited key by key along extends", () => {
    const dir = tree({ bb: { 'signature/required': 'warning', 'document/readable': 'error' } });
    const result = byReceiver(evaluate(dir));
    expect(result.BB).toEqual({ required: ['warning'], status: 'warn' });
    // DD extends BB: the level comes with the requirement.
    expect(result.DD).toEqual({ required: ['warning'], status: 'warn' });
    // EE requires a signature too, and has no level: the rule's own severity.
    expect(result.EE).toEqual({ required: ['error'], status: 'fail' });
  });

  it("a child's level replaces its parent's for that rule only; off drops the findings", () => {
    const dir = tree({
      bb: { 'signature/required': 'warning' },
      dd: { 'signature/required': 'off' },
    });
    const result = byReceiver(evaluate(dir));
    expect(result.BB).toEqual({ required: ['warning'], status: 'warn' });
    expect(result.DD).toEqual({ required: [], status: 'ok' });
    expect(loadProfiles(join(dir, 'p')).profiles.get('DD')?.rules).toEqual({
      'signature/required': 'off',
    });
  });

  it("the config file's levels win over the profile's, off included", () => {
    const dir = tree({ bb: { 'signature/required': 'off' }, ee: { 'signature/required': 'info' } });
    const profileOnly = byReceiver(evaluate(dir));
    expect(profileOnly.BB).toEqual({ required: [], status: 'ok' });
    expect(profileOnly.EE).toEqual({ required: ['info'], status: 'ok' });
    const config = byReceiver(evaluate(dir, { 'signature/required': 'error' }));
    expect(config.BB).toEqual({ required: ['error'], status: 'fail' });
    expect(config.EE).toEqual({ required: ['error'], status: 'fail' });
  });

  it('judge the cells of a run that keeps no pairs (the text grid) as they judge the pairs', () => {
    const dir = tree({ bb: { 'signature/required': 'warning' } });
    const grid = run({
      kind: 'matrix',
      profiles: loadProfiles(join(dir, 'p')),
      files: [join(dir, 'a.xml')],
      asOf: new Date('2026-12-01T00:00:00Z'),
      receivers: 'all',
      ruleLevels: { 'signature/required': 'info' },
      keepPairs: false,
    });
    expect(grid.pairs).toEqual([]);
    const status = Object.fromEntries(grid.cells.map((c) => [c.receiver, c.status]));
    expect(status).toMatchObject({ BB: 'ok', DD: 'ok', EE: 'ok' });
  });

  it('a rule id no rule has is refused by profiles lint and by every command that loads it', async () => {
    const dir = tree({ bb: { 'signature/requird': 'off' } });
    const lint = await runCli(['profiles', 'lint', join(dir, 'p')]);
    expect(lint.code).not.toBe(0);
    expect(lint.stderr + lint.stdout).toMatch(
      /BB\.json#\/rules\/signature~1requird: no rule "signature\/requird"/,
    );
    // Once, where it is written (BB), not again on DD, which inherits it.
    expect(loadProblems(dir)).toEqual([
      'BB.json#/rules/signature~1requird: no rule "signature/requird" (rule ids: docs/rules/)',
    ]);
    // The schema refuses a level that is none of off, info, warning, error.
    expect(loadProblems(tree({ bb: { 'signature/required': 'fatal' } }))[0]).toMatch(
      /^BB\.json#\/rules\/signature~1required: /,
    );
  });
});

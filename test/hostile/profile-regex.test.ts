/**
 * Issue #15, item 6: a profile pattern with catastrophic backtracking, `^(\w+\s?)+$`, on a
 * 35-character field hung `check` past 60 s. Profile patterns run on RE2 (linear time), and a
 * pattern RE2 cannot run (lookaround, backreferences) is refused at load with file#pointer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { readDocument } from '../../src/documents/read.js';
import { evaluatePair } from '../../src/engine/evaluate.js';
import { loadProfiles } from '../../src/profiles/load.js';
import { runCli } from '../helpers/cli.js';
import { tempTree } from '../helpers/tmp.js';

const SAMPLE = fileURLToPath(
  new URL('../../fixtures/documents/RU/customs-declaration.xml', import.meta.url),
);

function profilesWith(pattern: string): string {
  return tempTree({
    'AA.json': {
      id: 'AA',
      name: 'AA',
      kind: 'jurisdiction',
      version: '1',
      documents: {
        'customs-declaration': {
          accepted: true,
          constraints: [
            {
              id: 'evil',
              schema: { properties: { declarationNumber: { type: 'string', pattern } } },
            },
          ],
        },
      },
    },
  });
}

describe('profile regular expressions', () => {
  it('^(\\w+\\s?)+$ on a 35-character field: check finishes with the finding', async () => {
    const dir = tempTree({});
    const file = join(dir, 'doc.xml');
    // 34 word characters and a final "!": exponential backtracking for V8's engine.
    const xml = readFileSync(SAMPLE, 'utf8')
      .replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '')
      .replace(/<DeclarationNumber>[^<]*</, `<DeclarationNumber>${'a'.repeat(34)}!<`);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, xml);
    const run = await runCli([
      'check',
      file,
      '--profiles',
      profilesWith('^(\\w+\\s?)+$'),
      '--to',
      'AA',
      '--as-of',
      '2026-12-01',
      '-f',
      'json',
    ]);
    expect(run.code, run.stderr).toBe(1);
    const messages = (
      JSON.parse(run.stdout) as { pairs: Array<{ findings: Array<{ message: string }> }> }
    ).pairs.flatMap((p) => p.findings.map((f) => f.message));
    expect(messages).toContainEqual(
      expect.stringMatching(/AA rule evil: .*\/declarationNumber does not match/),
    );
  });

  it('a lookahead pattern is refused when the profiles load, with file#pointer', async () => {
    const run = await runCli(['profiles', 'list', '--profiles', profilesWith('^(?=a)a+$')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /AA\.json#\/documents: .*constraint evil has an invalid schema: Invalid regular expression "\^\(\?=a\)a\+\$" for the linear-time engine/,
    );
  });
});

describe('the per-document time budget', () => {
  it('covers rule evaluation: used up, the rules left are not run and the pair fails', () => {
    const wrongInn = fileURLToPath(
      new URL('../../fixtures/negative/wrong-taxpayer-id.xml', import.meta.url),
    );
    const document = readDocument('wrong-inn.xml', readFileSync(wrongInn));
    const profiles = loadProfiles();
    const ru = profiles.profiles.get('RU')!;
    const subject = { document, verifications: [], senderId: 'RU', sender: ru };
    const asOf = new Date('2026-12-01T00:00:00Z');
    const within = evaluatePair(subject, ru, asOf);
    expect(within.findings.map((f) => f.ruleId)).toContain('document/receiver-rules');
    // A clock that moves one second per reading: the 500 ms budget is gone at the first check.
    let now = 0;
    const clock = vi.spyOn(process.hrtime, 'bigint').mockImplementation(() => BigInt((now += 1e9)));
    const spent = evaluatePair({ ...subject, timeBudgetMs: 500 }, ru, asOf);
    clock.mockRestore();
    expect(spent.status).toBe('fail');
    expect(spent.findings.map((f) => f.ruleId)).toEqual(['security/limit']);
    expect(spent.findings[0]).toMatchObject({
      messageId: 'timeBudget',
      data: { limit: '500', rule: 'document/readable' },
    });
  });
});

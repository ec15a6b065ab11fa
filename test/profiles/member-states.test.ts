import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/engine/run.js';
import { loadProfiles, ProfileError } from '../../src/profiles/load.js';
import { resolveProfileCode } from '../../src/profiles/members.js';
import { UserError } from '../../src/util/errors.js';
import { runCli } from '../helpers/cli.js';
import { jurisdiction, unsignedDeclaration } from '../helpers/documents.js';
import { tempTree } from '../helpers/tmp.js';

/**
 * UN speaks for DE and FR and asks its own documents for a consignee (a sender rule); BB is an
 * ordinary receiver. The declarations name their issuing country only.
 */
const UNION = jurisdiction('UN', {
  sources: [{ id: 'treaty', title: 'Union treaty' }],
  memberStates: { countries: ['DE', 'FR'], source: 'treaty' },
  documents: {
    'customs-declaration': {
      accepted: true,
      constraints: [{ id: 'consignee', schema: { required: ['consignee'] } }],
    },
  },
});

function setup(extra: Record<string, object> = {}) {
  const dir = tempTree({
    'profiles/UN.json': UNION,
    'profiles/BB.json': jurisdiction('BB'),
    ...Object.fromEntries(Object.entries(extra).map(([name, p]) => [`profiles/${name}`, p])),
    'docs/de.xml': unsignedDeclaration('12345678', { country: 'DE' }),
    'docs/xx.xml': unsignedDeclaration('12345678', { country: 'XX' }),
  });
  return { dir, profiles: loadProfiles(join(dir, 'profiles')) };
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ProfileError)
      return error.problems.map((p) => `${p.file.split('/').pop()}#${p.pointer}: ${p.message}`);
    throw error;
  }
  throw new Error('expected a ProfileError');
}

const asOf = new Date('2026-11-21T00:00:00Z');

describe('member states: a country’s documents are judged by its union’s profile', () => {
  it('resolves a member code to the profile (exact id first), unknown codes to nothing', () => {
    const { profiles } = setup();
    expect(resolveProfileCode(profiles.profiles, 'DE')).toMatchObject({
      profile: { id: 'UN' },
      country: 'DE',
    });
    const exact = resolveProfileCode(profiles.profiles, 'UN');
    expect(exact?.profile.id).toBe('UN');
    expect(exact?.country).toBeUndefined();
    expect(resolveProfileCode(profiles.profiles, 'XX')).toBeUndefined();
  });

  it('a DE declaration has sender UN (country DE) and UN’s sender rules apply to it', () => {
    const { dir, profiles } = setup();
    const result = run({
      kind: 'check',
      profiles,
      files: [join(dir, 'docs', 'de.xml')],
      asOf,
      receivers: ['BB'],
    });
    expect(result.documents).toEqual([
      expect.objectContaining({ sender: 'UN', senderCountry: 'DE' }),
    ]);
    const [pair] = result.pairs;
    expect(pair).toMatchObject({ sender: 'UN', senderCountry: 'DE', receiver: 'BB' });
    // Matrix rows are keyed by profile, never by member country.
    expect(result.cells.map((c) => c.sender)).toEqual(['UN']);
    const senderRule = pair?.findings.find((f) => f.ruleId === 'document/sender-rules');
    expect(senderRule?.messageId).toBe('violation');
    expect(senderRule?.data).toMatchObject({
      profile: 'UN',
      constraint: 'consignee',
    });
    expect(senderRule?.sender).toBe('UN');
  });

  it('an unknown country keeps today’s behaviour: sender as written, no profile, no country', () => {
    const { dir, profiles } = setup();
    const result = run({
      kind: 'check',
      profiles,
      files: [join(dir, 'docs', 'xx.xml')],
      asOf,
      receivers: ['BB'],
    });
    expect([...result.documents][0]).toEqual({
      document: join(dir, 'docs', 'xx.xml'),
      documentType: 'customs-declaration',
      sender: 'XX',
    });
    expect(result.pairs[0]?.findings.some((f) => f.ruleId === 'document/sender-rules')).toBe(false);
  });

  it('a country with its own profile is judged by that profile, even if a union lists it', () => {
    const { dir, profiles } = setup({ 'DE.json': jurisdiction('DE') });
    const result = run({
      kind: 'check',
      profiles,
      files: [join(dir, 'docs', 'de.xml')],
      asOf,
      receivers: ['BB'],
    });
    expect(result.pairs[0]).toMatchObject({ sender: 'DE' });
    expect(result.pairs[0]?.senderCountry).toBeUndefined();
  });

  it('--to and --from accept a member code; a member named twice is one receiver', () => {
    const { dir, profiles } = setup();
    const files = [join(dir, 'docs', 'xx.xml')];
    const to = run({ kind: 'check', profiles, files, asOf, receivers: ['DE', 'UN', 'FR'] });
    expect(to.pairs.map((p) => p.receiver)).toEqual(['UN']);
    const from = run({ kind: 'check', profiles, files, asOf, receivers: ['BB'], from: 'FR' });
    expect(from.pairs[0]).toMatchObject({ sender: 'UN', senderCountry: 'FR' });
    expect(() => run({ kind: 'check', profiles, files, asOf, receivers: ['QQ'] })).toThrow(
      /unknown receiver profile: QQ \(neither a profile id nor a member state/,
    );
    expect(() =>
      run({ kind: 'check', profiles, files, asOf, receivers: ['BB'], from: 'QQ' }),
    ).toThrow(UserError);
  });

  it('shows "UN (DE)" in the text report and validates as JSON output', async () => {
    const { dir } = setup();
    const args = ['check', join(dir, 'docs', 'de.xml'), '--profiles', join(dir, 'profiles')];
    const text = await runCli([...args, '--to', 'BB', '--format', 'text']);
    expect(text.stdout).toContain('from UN (DE)');
    const json = await runCli([...args, '--to', 'DE,BB', '--format', 'json']);
    const output = JSON.parse(json.stdout) as { pairs: Array<{ receiver: string }> };
    expect(output.pairs.map((p) => p.receiver).sort()).toEqual(['BB', 'UN']);
    const schema = JSON.parse(
      readFileSync(new URL('../../schemas/matrix-output.schema.json', import.meta.url), 'utf8'),
    ) as object;
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate(output), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('member states: profiles show', () => {
  it('shows the union’s profile for a member code, saying so on stderr; unknown codes refused', async () => {
    const { dir } = setup();
    const shown = await runCli(['profiles', 'show', 'FR', '--profiles', join(dir, 'profiles')]);
    expect(shown.code).toBe(0);
    expect(shown.stderr).toContain('FR is a member state of UN; showing UN');
    const profile = JSON.parse(shown.stdout) as {
      id: string;
      memberStates: { countries: string[] };
    };
    expect(profile.id).toBe('UN');
    expect(profile.memberStates.countries).toEqual(['DE', 'FR']);
    const unknown = await runCli(['profiles', 'show', 'QQ', '--profiles', join(dir, 'profiles')]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('unknown profile: QQ');
  });
});

describe('member states: profiles list', () => {
  it('lists a union’s member states in text and JSON', async () => {
    const { dir } = setup();
    const args = ['profiles', 'list', '--profiles', join(dir, 'profiles')];
    const text = await runCli(args);
    expect(text.stdout).toMatch(/^UN .*\[member states: DE FR\]$/m);
    expect(text.stdout).toMatch(/^BB (?!.*member states).*$/m);
    const json = JSON.parse((await runCli([...args, '--format', 'json'])).stdout) as Array<{
      id: string;
      memberStates?: string[];
    }>;
    expect(json.find((p) => p.id === 'UN')?.memberStates).toEqual(['DE', 'FR']);
    expect(json.find((p) => p.id === 'BB')).not.toHaveProperty('memberStates');
  });
});

describe('member states: profile problems stop the load', () => {
  it('memberStates is not inherited: a profile extending a union does not claim its countries', () => {
    const child = { ...jurisdiction('XU'), extends: 'UN' };
    const { profiles } = setup({ 'XU.json': child });
    expect(profiles.profiles.get('XU')?.memberStates).toBeUndefined();
    expect(resolveProfileCode(profiles.profiles, 'DE')?.profile.id).toBe('UN');
  });

  it('refuses a country claimed by two profiles', () => {
    const other = jurisdiction('OT', { memberStates: { countries: ['PL', 'FR'] } });
    expect(() => setup({ 'OT.json': other })).toThrow(ProfileError);
    expect(problemsOf(() => setup({ 'OT.json': other }))).toEqual([
      'UN.json#/memberStates/countries/1: FR is also a member state of OT: a country’s documents must map to one profile',
    ]);
  });

  it('refuses memberStates on a baseline or a gateway, non-ISO codes and uncited sources', () => {
    const baseline = {
      id: 'BL',
      name: 'Baseline',
      kind: 'baseline',
      version: '1',
      memberStates: { countries: ['IT'] },
    };
    expect(problemsOf(() => setup({ 'BL.json': baseline }))).toEqual([
      'BL.json#/memberStates: a baseline profile cannot speak for member states (only a jurisdiction is a sender)',
    ]);
    const bad = jurisdiction('ZZ', { memberStates: { countries: ['QZ'], source: 'nowhere' } });
    expect(problemsOf(() => setup({ 'ZZ.json': bad }))).toEqual([
      'ZZ.json#/memberStates/source: source "nowhere" is not listed in "sources"',
      'ZZ.json#/memberStates/countries/0: "QZ" is not an ISO 3166-1 alpha-2 code',
    ]);
  });

  it('the schema refuses lower-case codes, duplicates and an empty list', () => {
    for (const countries of [['de'], ['IT', 'IT'], []]) {
      const profile = jurisdiction('ZZ', { memberStates: { countries } });
      expect(problemsOf(() => setup({ 'ZZ.json': profile })).join('\n')).toMatch(
        /ZZ\.json#\/memberStates/,
      );
    }
  });
});

describe('member states in the shipped profiles', () => {
  const shipped = loadProfiles();

  it('EU speaks for the 27 EU countries; DE and GR resolve to EU, EL and GB do not', () => {
    const eu = shipped.profiles.get('EU');
    expect(eu?.memberStates?.countries).toHaveLength(27);
    expect(eu?.memberStates?.source).toBe('eu-country-list');
    for (const code of ['DE', 'FR', 'GR', 'BG', 'HR', 'CY', 'CZ'])
      expect(resolveProfileCode(shipped.profiles, code)?.profile.id).toBe('EU');
    for (const code of ['EL', 'GB', 'CH', 'NO'])
      expect(resolveProfileCode(shipped.profiles, code)).toBeUndefined();
  });

  it('no other shipped profile claims member states (EAEU members have their own profiles)', () => {
    const claiming = [...shipped.profiles.values()].filter((p) => p.memberStates);
    expect(claiming.map((p) => p.id)).toEqual(['EU']);
    for (const id of shipped.profiles.get('EAEU')?.members ?? [])
      expect(resolveProfileCode(shipped.profiles, id)?.profile.id).toBe(id);
  });
});

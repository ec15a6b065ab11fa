import { describe, expect, it } from 'vitest';
import { lintProfiles } from '../../src/profiles/lint.js';
import { loadProfiles, ProfileError } from '../../src/profiles/load.js';
import type { ResolvedProfile } from '../../src/profiles/types.js';
import { runCli } from '../helpers/cli.js';
import { tempTree } from '../helpers/tmp.js';

const parent = {
  id: 'BASE',
  name: 'Baseline',
  kind: 'baseline',
  version: '1',
  sources: [{ id: 'xmldsig', title: 'XML Signature' }],
  signature: {
    required: true,
    formats: [{ format: 'xmldsig', source: 'xmldsig' }],
    methods: [{ algorithm: 'rsa-sha256', source: 'xmldsig' }],
  },
};

function jurisdiction(id: string, signature: Record<string, unknown> = {}, extra = {}) {
  return { id, name: id, kind: 'jurisdiction', version: '1', extends: 'BASE', signature, ...extra };
}

function formatsOf(profile: ResolvedProfile | undefined) {
  return profile?.signature?.formats?.map((entry) => entry.format);
}

function schemaProblems(signature: Record<string, unknown>): string[] {
  const dir = tempTree({
    'XX.json': { id: 'XX', name: 'X', kind: 'jurisdiction', version: '1', signature },
  });
  try {
    loadProfiles(dir);
  } catch (error) {
    if (error instanceof ProfileError)
      return error.problems.map((p) => `${p.pointer}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('signature.formats in the profile schema', () => {
  it('accepts xmldsig and jws entries with provenance', () => {
    expect(
      schemaProblems({
        formats: [
          { format: 'xmldsig', source: 'W3C' },
          { format: 'jws', source: 'ETSI', confirmed: false, note: 'why' },
        ],
      }),
    ).toEqual([]);
  });

  it('refuses an unknown format, a missing format and unknown properties, with their pointer', () => {
    const problems = schemaProblems({
      formats: [{ format: 'cms' }, { source: 'x' }, { format: 'jws', level: 'warning' }],
    });
    expect(problems.some((p) => p.startsWith('/signature/formats/0/format: '))).toBe(true);
    expect(problems.some((p) => p.startsWith('/signature/formats/1'))).toBe(true);
    expect(problems.some((p) => p.startsWith('/signature/formats/2') && /level/.test(p))).toBe(
      true,
    );
    expect(schemaProblems({ formats: 'xmldsig' })[0]).toMatch(/^\/signature\/formats: /);
  });
});

describe('signature.formats under extends', () => {
  it('is inherited when the child gives none, and replaced whole when it gives one', () => {
    const dir = tempTree({
      'BASE.json': parent,
      'RU.json': jurisdiction('RU', { methods: [{ algorithm: 'gost2012-256' }] }),
      'EU.json': jurisdiction('EU', { formats: [{ format: 'jws' }] }),
    });
    const set = loadProfiles(dir);
    expect(formatsOf(set.profiles.get('RU'))).toEqual(['xmldsig']);
    // Like every other list: the child's replaces the parent's, so EU now accepts JWS only.
    expect(formatsOf(set.profiles.get('EU'))).toEqual(['jws']);
    // …while the other signature keys still merge key by key.
    expect(set.profiles.get('EU')?.signature?.required).toBe(true);
    expect(set.profiles.get('EU')?.signature?.methods?.map((m) => m.algorithm)).toEqual([
      'rsa-sha256',
    ]);
  });

  it('an empty child list is kept (it accepts nothing), not replaced by the parent’s', () => {
    const dir = tempTree({ 'BASE.json': parent, 'ZZ.json': jurisdiction('ZZ', { formats: [] }) });
    expect(formatsOf(loadProfiles(dir).profiles.get('ZZ'))).toEqual([]);
  });
});

describe('profiles lint and show for signature.formats', () => {
  it('counts an unconfirmed format like any unconfirmed fact', () => {
    const dir = tempTree({
      'BASE.json': parent,
      'EU.json': jurisdiction('EU', {
        formats: [
          { format: 'xmldsig', source: 'xmldsig' },
          { format: 'jws', source: 'xmldsig', confirmed: false },
        ],
      }),
    });
    const report = lintProfiles(loadProfiles(dir));
    expect(report.errors).toEqual([]);
    expect(report.unconfirmed.map((p) => `${p.file.split('/').pop()}#${p.pointer}`)).toEqual([
      'EU.json#/signature/formats/1',
    ]);
  });

  it('refuses an unlisted source and a format listed twice (the load stops, as for any lint error)', () => {
    const dir = tempTree({
      'BASE.json': parent,
      'EU.json': jurisdiction('EU', {
        formats: [
          { format: 'xmldsig', source: 'xmldsig' },
          { format: 'jws', source: 'jades', confirmed: false },
          { format: 'jws', source: 'xmldsig' },
        ],
      }),
    });
    let problems: string[] = [];
    try {
      loadProfiles(dir);
    } catch (error) {
      if (!(error instanceof ProfileError)) throw error;
      problems = error.problems.map((p) => `${p.pointer} ${p.message}`);
    }
    expect(problems).toEqual([
      '/signature/formats/1/source source "jades" is not listed in "sources"',
      '/signature/formats/2/format format "jws" is listed twice',
    ]);
  });

  it('a clean list lints without errors', () => {
    const dir = tempTree({ 'BASE.json': parent, 'RU.json': jurisdiction('RU') });
    expect(lintProfiles(loadProfiles(dir))).toEqual({ errors: [], unconfirmed: [] });
  });

  it('profiles show prints the resolved list, inherited or own', async () => {
    const dir = tempTree({
      'BASE.json': parent,
      'RU.json': jurisdiction('RU'),
      'EU.json': jurisdiction('EU', {
        formats: [{ format: 'xmldsig' }, { format: 'jws', confirmed: false, note: 'n' }],
      }),
    });
    const show = async (id: string) => {
      const run = await runCli(['profiles', 'show', id, '--profiles', dir]);
      expect(run.code).toBe(0);
      return (JSON.parse(run.stdout) as ResolvedProfile).signature?.formats;
    };
    expect(await show('RU')).toEqual([{ format: 'xmldsig', source: 'xmldsig' }]);
    expect(await show('EU')).toEqual([
      { format: 'xmldsig' },
      { format: 'jws', confirmed: false, note: 'n' },
    ]);
  });
});

describe('shipped profiles: which signature syntaxes each receiver accepts', () => {
  const set = loadProfiles();

  it('CORE lists XMLDSig, citing W3C XML Signature', () => {
    const core = set.profiles.get('CORE');
    expect(core?.signature?.formats).toEqual([
      expect.objectContaining({ format: 'xmldsig', source: 'w3c-xmldsig' }),
    ]);
    expect(core?.signature?.formats?.[0]?.confirmed).toBeUndefined();
    expect(core?.sources?.find((s) => s.id === 'w3c-xmldsig')?.url).toBe(
      'https://www.w3.org/TR/xmldsig-core1/',
    );
  });

  it('EU adds JWS, citing JAdES (ETSI TS 119 182-1), unconfirmed with a note', () => {
    const eu = set.profiles.get('EU');
    expect(formatsOf(eu)).toEqual(['xmldsig', 'jws']);
    const jws = eu?.signature?.formats?.find((entry) => entry.format === 'jws');
    expect(jws?.source).toBe('etsi-ts-119-182-1');
    expect(jws?.confirmed).toBe(false);
    expect(jws?.note).toMatch(/not claimed to be JAdES baseline conformant/);
    expect(jws?.note).toMatch(/customs accept/);
    expect(eu?.sources?.find((s) => s.id === 'etsi-ts-119-182-1')?.title).toContain('JAdES');
  });

  it('every other profile, the TTP-EAEU gateway included, inherits XMLDSig only', () => {
    for (const profile of set.profiles.values()) {
      if (profile.id === 'EU') continue;
      expect(formatsOf(profile), profile.id).toEqual(['xmldsig']);
    }
    expect(set.profiles.get('TTP-EAEU')?.lineage).toEqual(['CORE', 'EAEU', 'TTP-EAEU']);
  });

  it('every format entry cites a source the profile lists', () => {
    for (const profile of set.profiles.values()) {
      const listed = new Set((profile.sources ?? []).map((s) => s.id));
      for (const entry of profile.signature?.formats ?? []) {
        expect(entry.source && listed.has(entry.source), `${profile.id} ${entry.format}`).toBe(
          true,
        );
      }
    }
  });
});

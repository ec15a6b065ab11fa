import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentType, ModelObject } from '../../src/documents/model.js';
import { constraintSetFor } from '../../src/constraints/constraints.js';
import { CODE_LISTS_DIR } from '../../src/constraints/code-lists.js';
import {
  JURISDICTION_SAMPLES,
  type JurisdictionSample,
  type Party,
} from '../../src/fixtures/jurisdiction-data.js';
import { sampleModels, type SampleType } from '../../src/fixtures/sample-models.js';
import { lintProfiles } from '../../src/profiles/lint.js';
import { loadProfiles, SHIPPED_PROFILES_DIR } from '../../src/profiles/load.js';
import type {
  AlgorithmPolicyEntry,
  ProfileFile,
  ResolvedProfile,
} from '../../src/profiles/types.js';
import { matchAlgorithm } from '../../src/rules/policy-match.js';

const set = loadProfiles();
const profiles = [...set.profiles.values()];
const jurisdictions = profiles.filter((p) => p.kind === 'jurisdiction');

function profile(id: string): ResolvedProfile {
  const found = set.profiles.get(id);
  if (!found) throw new Error(`no shipped profile ${id}`);
  return found;
}

function sample(id: string): JurisdictionSample {
  const found = JURISDICTION_SAMPLES[id];
  if (!found) throw new Error(`no sample for ${id}`);
  return found;
}

function rawFile(id: string): ProfileFile {
  return JSON.parse(readFileSync(join(SHIPPED_PROFILES_DIR, `${id}.json`), 'utf8')) as ProfileFile;
}

function party(p: Party): ModelObject {
  return {
    name: p.name,
    country: p.country,
    taxpayerId: p.taxpayerId,
    taxpayerIdScheme: p.taxpayerIdScheme,
    address: p.address,
  };
}

/** Constraint ids violated when `profileId` evaluates `model`. */
function violated(profileId: string, type: DocumentType, model: ModelObject): string[] {
  return constraintSetFor(profile(profileId))
    .evaluate(type, model)
    .map((v) => `${v.constraintId} ${v.pointer}`);
}

/** A deep copy of the sample's model with one change applied. */
function changed(id: string, type: SampleType, change: (model: ModelObject) => void): ModelObject {
  const model = structuredClone(sampleModels(id)[type]);
  change(model);
  return model;
}

function algorithmLists(p: ResolvedProfile): Array<[string, AlgorithmPolicyEntry[] | undefined]> {
  return [
    ['signature.methods', p.signature?.methods],
    ['signature.digests', p.signature?.digests],
    ['signature.canonicalizations', p.signature?.canonicalizations],
    ['signature.transforms', p.signature?.transforms],
    ['encryption.dataAlgorithms', p.encryption?.dataAlgorithms],
    ['encryption.keyTransport', p.encryption?.keyTransport],
    ['gateway.reissues', p.gateway?.reissues],
  ];
}

const EAEU_MEMBERS = ['RU', 'BY', 'KZ', 'AM', 'KG'];
const EXPECTED = [
  'CORE',
  'EAEU',
  ...EAEU_MEMBERS,
  'CN',
  'UZ',
  'TJ',
  'IN',
  'IR',
  'PK',
  'EU',
  'TTP-EAEU',
];

describe('shipped profiles', () => {
  it('load, and every expected profile is there', () => {
    expect([...set.profiles.keys()].sort()).toEqual([...EXPECTED].sort());
    expect(profile('TTP-EAEU').kind).toBe('gateway');
    expect(profile('EAEU').kind).toBe('baseline');
  });

  it('lint with no errors', () => {
    const report = lintProfiles(set);
    expect(report.errors).toEqual([]);
    // Unconfirmed facts are expected (and listed by lint), never silently dropped.
    expect(report.unconfirmed.length).toBeGreaterThan(0);
  });

  it('cite a listed source for every algorithm entry, constraint and data-export rule', () => {
    const missing: string[] = [];
    for (const p of profiles) {
      const listed = new Set((p.sources ?? []).map((s) => s.id));
      const check = (where: string, source: string | undefined) => {
        if (!source) missing.push(`${p.id} ${where}: no source`);
        else if (!listed.has(source)) missing.push(`${p.id} ${where}: ${source} not listed`);
      };
      for (const [list, entries] of algorithmLists(p)) {
        entries?.forEach((e, i) => check(`${list}/${i} (${e.algorithm})`, e.source));
      }
      for (const [type, policy] of Object.entries(p.documents ?? {})) {
        for (const c of policy?.constraints ?? []) check(`${type} ${c.id}`, c.source);
      }
      for (const rule of p.dataExport ?? []) check(`dataExport ${rule.id}`, rule.source);
    }
    expect(missing).toEqual([]);
  });

  it('give every constraint and data-export rule a description', () => {
    for (const p of profiles) {
      for (const policy of Object.values(p.documents ?? {})) {
        for (const c of policy?.constraints ?? []) expect(c.description, c.id).toBeTruthy();
      }
      for (const rule of p.dataExport ?? []) expect(rule.description, rule.id).toBeTruthy();
    }
  });

  it('mark corridor-defined and unsourced algorithm facts as unconfirmed, and only those', () => {
    // CN names SM2/SM3 as China e-Port does (sourced); SM4 and SM2 key transport stay corridor's.
    const sm2 = profile('CN').signature?.methods?.find((m) => m.algorithm === 'sm2-sm3');
    expect(sm2?.confirmed).toBeUndefined();
    expect(sm2?.uris).not.toContain('urn:corridor:xmldsig:sm2-sm3');
    expect(profile('CN').encryption?.dataAlgorithms?.every((e) => e.confirmed === false)).toBe(
      true,
    );
    for (const id of ['AM', 'IR', 'PK', 'TJ']) {
      expect(
        profile(id).signature?.methods?.every((m) => m.confirmed === false),
        id,
      ).toBe(true);
    }
    // KG's state CA names its algorithms: GOST 34.310-2004 / 34.311-95 and RSA, no ECDSA.
    const kg = profile('KG').signature?.methods ?? [];
    expect(kg.every((m) => m.confirmed === undefined)).toBe(true);
    expect(kg.map((m) => m.algorithm)).toContain('kz-gost34310');
    expect(kg.some((m) => m.algorithm.startsWith('ecdsa'))).toBe(false);
    expect(profile('TTP-EAEU').gateway?.reissues?.every((r) => r.confirmed === false)).toBe(true);
  });

  it('cite sources by public URL, or by a path inside the repository that exists', () => {
    const root = join(SHIPPED_PROFILES_DIR, '..');
    for (const p of profiles) {
      for (const source of p.sources ?? []) {
        if (!source.url || /^https?:\/\//.test(source.url)) continue;
        expect(
          existsSync(join(root, source.url.split('#')[0] as string)),
          `${p.id} ${source.id}`,
        ).toBe(true);
      }
    }
  });

  it('cite no file outside the repository', () => {
    for (const id of profiles.map((p) => p.id)) {
      const text = JSON.stringify(rawFile(id));
      expect(text, id).not.toMatch(
        /shared\/reference|corridor-reference|corridor-algorithms|seed-001/,
      );
    }
  });

  it('make every EAEU member extend EAEU, and the TTP serve exactly the members', () => {
    expect([...(profile('EAEU').members ?? [])].sort()).toEqual([...EAEU_MEMBERS].sort());
    for (const id of EAEU_MEMBERS) {
      expect(rawFile(id).extends, id).toBe('EAEU');
      expect(profile(id).lineage, id).toEqual(['CORE', 'EAEU', id]);
    }
    expect([...(profile('TTP-EAEU').gateway?.serves ?? [])].sort()).toEqual(
      [...EAEU_MEMBERS].sort(),
    );
  });

  it('give every jurisdiction its TEST ONLY anchor, untrusted signers being warnings', () => {
    for (const p of jurisdictions) {
      expect(p.anchors.length, p.id).toBeGreaterThan(0);
      expect(
        p.signature?.trustAnchors?.every((a) => a.confirmed === false),
        p.id,
      ).toBe(true);
      expect(p.signature?.requireTrustedSigner, p.id).toBe(false);
    }
  });

  it('let the TTP accept every member’s signature family', () => {
    const ttp = new Set(profile('TTP-EAEU').signature?.methods?.map((m) => m.algorithm));
    for (const id of EAEU_MEMBERS) {
      for (const m of profile(id).signature?.methods ?? []) {
        expect(ttp.has(m.algorithm), `${id} ${m.algorithm}`).toBe(true);
      }
    }
  });
});

describe('sample data of each jurisdiction', () => {
  it('exists for every jurisdiction profile and for nothing else', () => {
    expect(Object.keys(JURISDICTION_SAMPLES).sort()).toEqual(jurisdictions.map((p) => p.id).sort());
  });

  for (const id of Object.keys(JURISDICTION_SAMPLES)) {
    for (const type of ['customs-declaration', 'licence'] as const) {
      it(`satisfies ${id}'s own ${type} constraints`, () => {
        expect(violated(id, type, sampleModels(id)[type])).toEqual([]);
        // Carrying the representative changes data-export findings, never validity.
        const withPerson = changed(id, type, (m) => {
          const holder = (m['declarant'] ?? m['licensee']) as ModelObject;
          holder['person'] = { ...sample(id).representative };
        });
        expect(violated(id, type, withPerson)).toEqual([]);
      });
    }
  }
});

describe('deliberately wrong values', () => {
  it('RU: a 9-digit commodity code breaks the 10-digit TN VED rule', () => {
    const model = changed('RU', 'customs-declaration', (m) => {
      ((m['goodsItems'] as ModelObject[])[0] as ModelObject)['commodityCode'] = '847130000';
    });
    expect(violated('RU', 'customs-declaration', model)).toEqual([
      'commodity-code /goodsItems/0/commodityCode',
    ]);
  });

  it('RU: an 11-digit INN is refused, a 12-digit one and a 13-digit OGRN are not', () => {
    const withId = (taxpayerId: string, scheme: string) =>
      changed('RU', 'licence', (m) => {
        const licensee = m['licensee'] as ModelObject;
        licensee['taxpayerId'] = taxpayerId;
        licensee['taxpayerIdScheme'] = scheme;
      });
    expect(violated('RU', 'licence', withId('77991234567', 'INN'))).toEqual([
      'ru-taxpayer-id /licensee/taxpayerId',
    ]);
    expect(violated('RU', 'licence', withId('779912345678', 'INN'))).toEqual([]);
    expect(violated('RU', 'licence', withId('1027700000013', 'OGRN'))).toEqual([]);
    expect(violated('RU', 'licence', withId('1027700000013', 'INN'))).toEqual([
      'ru-taxpayer-id /licensee/taxpayerId',
    ]);
  });

  it('RU: a foreign party is not held to the Russian format', () => {
    const model = changed('RU', 'customs-declaration', (m) => {
      // The CN consignee's USCC (18 characters) would be no valid INN.
      expect((m['consignee'] as ModelObject)['country']).toBe('CN');
    });
    expect(violated('RU', 'customs-declaration', model)).toEqual([]);
    // …but CN, receiving it, checks the same party against the USCC format.
    const broken = changed('RU', 'customs-declaration', (m) => {
      (m['consignee'] as ModelObject)['taxpayerId'] = '9137020';
    });
    expect(violated('CN', 'customs-declaration', broken)).toContain(
      'cn-uscc /consignee/taxpayerId',
    );
  });

  it('taxpayer-ID lengths of the other jurisdictions', () => {
    const cases: Array<[string, string, string]> = [
      ['KZ', '26094000045', 'kz-bin-iin'],
      ['BY', '1900001234', 'by-unp'],
      ['AM', '0200012', 'am-tin'],
      ['KG', '0123400000012', 'kg-inn'],
      ['UZ', '30900045', 'uz-inn'],
      ['TJ', '5100001234', 'tj-tin'],
      ['CN', '91440300MA5SAMPLE', 'cn-uscc'],
      ['IN', '29AAACS0000B1Z', 'in-gstin-pan'],
      ['PK', '352020000012', 'pk-cnic'],
    ];
    for (const [id, wrong, constraint] of cases) {
      const model = changed(id, 'customs-declaration', (m) => {
        (m['declarant'] as ModelObject)['taxpayerId'] = wrong;
      });
      expect(violated(id, 'customs-declaration', model), id).toContain(
        `${constraint} /declarant/taxpayerId`,
      );
    }
  });

  it('IN: the IEC length check is separate (the IEC is the PAN since GST)', () => {
    const model = changed('IN', 'licence', (m) => {
      const licensee = m['licensee'] as ModelObject;
      licensee['taxpayerIdScheme'] = 'IEC';
      licensee['taxpayerId'] = 'AAACS00001';
    });
    expect(violated('IN', 'licence', model)).toEqual([]);
    (model['licensee'] as ModelObject)['taxpayerId'] = 'AAACS0000';
    expect(violated('IN', 'licence', model)).toEqual(['in-iec /licensee/taxpayerId']);
    const iec = profile('IN').documents?.licence?.constraints?.find((c) => c.id === 'in-iec');
    expect(iec?.confirmed).toBeUndefined();
  });

  it('commodity-code lengths: EU 8 or 10, IN 8, PK 8, CN 10, others at least 6', () => {
    const withCode = (id: string, code: string) =>
      violated(
        id,
        'customs-declaration',
        changed(id, 'customs-declaration', (m) => {
          ((m['goodsItems'] as ModelObject[])[0] as ModelObject)['commodityCode'] = code;
        }),
      ).filter((v) => v.startsWith('commodity-code'));
    expect(withCode('EU', '8471300000')).toEqual([]);
    expect(withCode('EU', '847130000')).toHaveLength(1);
    expect(withCode('IN', '8471300000')).toHaveLength(1);
    expect(withCode('PK', '847130')).toHaveLength(1);
    expect(withCode('CN', '84713000')).toHaveLength(1);
    expect(withCode('TJ', '847130')).toEqual([]);
    expect(withCode('TJ', '84713')).toHaveLength(1);
    expect(withCode('KZ', '84713000')).toHaveLength(1);
  });

  it('EAEU licence number: 16 characters with the issuing country at positions 4–5', () => {
    const withNumber = (id: string, number: string) =>
      violated(
        id,
        'licence',
        changed(id, 'licence', (m) => {
          m['licenceNumber'] = number;
        }),
      );
    expect(withNumber('RU', '001KZ26001000123')).toEqual([
      'eaeu-licence-number-country /licenceNumber',
    ]);
    expect(withNumber('RU', '001RU2600100012')).toEqual(['eaeu-licence-number /licenceNumber']);
    expect(withNumber('KZ', '003KZ26007000318')).toEqual([]);
    // A licence issued outside the EAEU keeps its own numbering, even when RU receives it.
    expect(violated('RU', 'licence', sampleModels('CN').licence)).not.toContain(
      'eaeu-licence-number /licenceNumber',
    );
  });

  it('code lists: currency, country, dates and amounts', () => {
    const decl = (change: (m: ModelObject) => void) =>
      violated('RU', 'customs-declaration', changed('RU', 'customs-declaration', change));
    expect(decl((m) => (m['currency'] = 'RUR'))).toEqual(['currency-code /currency']);
    expect(decl((m) => (m['destinationCountry'] = 'XX'))).toEqual([
      'country-codes /destinationCountry',
    ]);
    // 00 / 99 are EAEU special values: fine for RU, not for CN.
    const special = changed('RU', 'customs-declaration', (m) => {
      m['destinationCountry'] = '99';
    });
    expect(violated('RU', 'customs-declaration', special)).toEqual([]);
    expect(violated('CN', 'customs-declaration', special)).toContain(
      'country-codes /destinationCountry',
    );
    expect(decl((m) => (m['issueDate'] = '2026-13-01'))).toEqual(['dates /issueDate']);
    expect(decl((m) => (m['totalInvoicedValue'] = '125000.005'))).toEqual([
      'amounts /totalInvoicedValue',
    ]);
    expect(decl((m) => (m['totalInvoicedValue'] = '1'.repeat(21)))).toEqual([
      'amounts /totalInvoicedValue',
    ]);
    expect(decl((m) => delete m['consignee'])).toContain('eaeu-required /consignee');
    // The EU names itself with the reserved code EU; a receiver's country rule accepts it.
    expect(
      violated('RU', 'customs-declaration', sampleModels('EU')['customs-declaration']),
    ).not.toContain('country-codes /issuingCountry');
  });

  it('ship complete code lists', () => {
    const read = (name: string) =>
      JSON.parse(readFileSync(join(CODE_LISTS_DIR, name), 'utf8')) as {
        $id: string;
        enum?: string[];
      };
    const iso3166 = read('iso3166-alpha2.json');
    expect(iso3166.$id).toBe('urn:corridor:code-list:iso3166-alpha2');
    expect(iso3166.enum).toHaveLength(249);
    expect(new Set(iso3166.enum).size).toBe(249);
    expect(iso3166.enum).not.toContain('EU');
    const iso4217 = read('iso4217.json');
    expect(iso4217.$id).toBe('urn:corridor:code-list:iso4217');
    for (const code of ['RUB', 'CNY', 'EUR', 'INR', 'KZT', 'BYN', 'UZS']) {
      expect(iso4217.enum).toContain(code);
    }
    expect(iso4217.enum).not.toContain('XXX');
    expect(readdirSync(CODE_LISTS_DIR).filter((f) => f.endsWith('.json')).length).toBe(4);
  });
});

describe('algorithm windows', () => {
  const uri = {
    rsa: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    gost2001: 'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102001-gostr3411',
    gost2001W3c: 'http://www.w3.org/2001/04/xmldsig-more#gostr34102001-gostr3411',
    pss: 'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1',
  };
  it('EU: RSA PKCS#1 v1.5 until 2028-12-31 at every size, RSA-PSS >= 3000 after; RSA-1024 until 2019-09-30', () => {
    const methods = profile('EU').signature?.methods;
    const at = (day: string, bits: number, alg = uri.rsa) =>
      matchAlgorithm(alg, methods, new Date(`${day}T12:00:00Z`), { bits }).outcome;
    expect(at('2028-12-31', 2048)).toBe('accepted');
    expect(at('2029-01-01', 2048)).toBe('rejected');
    expect(at('2028-12-31', 3072)).toBe('accepted');
    expect(at('2029-01-01', 3072)).toBe('rejected');
    expect(at('2029-01-01', 3072, uri.pss)).toBe('accepted');
    expect(at('2029-01-01', 2048, uri.pss)).toBe('rejected');
    expect(at('2019-09-30', 1024)).toBe('accepted');
    expect(at('2019-10-01', 1024)).toBe('rejected');
  });

  it('EU: brainpool curves accepted, Ed25519 not (DSS leaves EdDSA out)', () => {
    const methods = profile('EU').signature?.methods;
    const ecdsa = 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256';
    for (const curveOid of [
      '1.3.36.3.3.2.8.1.1.7',
      '1.3.36.3.3.2.8.1.1.11',
      '1.3.36.3.3.2.8.1.1.13',
    ]) {
      expect(matchAlgorithm(ecdsa, methods, new Date('2026-12-01'), { curveOid }).outcome).toBe(
        'accepted',
      );
    }
    const ed = matchAlgorithm(
      'http://www.w3.org/2021/04/xmldsig-more#eddsa-ed25519',
      methods,
      new Date('2026-12-01'),
    );
    expect(ed.outcome).toBe('not-listed');
  });

  it('RU: GOST R 34.10-2001 only up to 2019-12-31, under either of its names', () => {
    const methods = profile('RU').signature?.methods;
    for (const name of [uri.gost2001, uri.gost2001W3c]) {
      const at = (day: string) =>
        matchAlgorithm(name, methods, new Date(`${day}T12:00:00Z`)).outcome;
      expect(at('2019-12-31'), name).toBe('accepted');
      expect(at('2020-01-01'), name).toBe('rejected');
    }
  });

  it('RU and TTP-EAEU: GOST 2012-256 keys on CryptoPro-XchA and XchB are accepted', () => {
    const gost = 'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102012-gostr34112012-256';
    for (const id of ['RU', 'TTP-EAEU']) {
      const methods = profile(id).signature?.methods;
      for (const curveOid of ['1.2.643.2.2.36.0', '1.2.643.2.2.36.1']) {
        expect(
          matchAlgorithm(gost, methods, new Date('2026-12-01'), { curveOid }).outcome,
          id,
        ).toBe('accepted');
      }
    }
  });

  it('IN: RSA below 2048 bits is refused', () => {
    const methods = profile('IN').signature?.methods;
    expect(matchAlgorithm(uri.rsa, methods, new Date(), { bits: 1024 }).outcome).toBe('rejected');
    expect(matchAlgorithm(uri.rsa, methods, new Date(), { bits: 2048 }).outcome).toBe('accepted');
  });
});

describe('data-export rules', () => {
  const person = (citizenship: string): ModelObject => ({
    fullName: 'Sample Person',
    citizenship,
    identityDocument: 'PASSPORT 0000 (sample)',
  });

  it('RU and KZ flag their own citizens; CN and IN flag any person, as warnings', () => {
    const rule = (id: string, ruleId: string) => {
      const found = profile(id).dataExport?.find((r) => r.id === ruleId);
      if (!found) throw new Error(`${id} has no rule ${ruleId}`);
      return found;
    };
    const ru = rule('RU', 'ru-personal-data');
    expect(ru.fields).toEqual(['/*/person']);
    expect(ru.legalBasis).toContain('152-FZ Art. 18(5)');
    const ruSet = constraintSetFor(profile('RU'));
    expect(ruSet.matches('RU', ru.id, ru.when ?? {}, person('RU'))).toBe(true);
    expect(ruSet.matches('RU', ru.id, ru.when ?? {}, person('KZ'))).toBe(false);

    const cn = rule('CN', 'cn-personal-information');
    expect(cn.when).toBeUndefined();
    expect(cn.legalBasis).toContain('PIPL Art. 38');
    // The 2024 CAC exemptions (contract with the individual, < 100,000 people…) are not visible
    // in a document: a warning, no longer an error.
    expect(cn.severity).toBe('warning');
    const india = rule('IN', 'in-dpdp-transfer');
    expect([india.severity, india.confirmed]).toEqual(['warning', false]);

    // Law 94-V Art. 12(2) is about personal data of individuals, not company data.
    const kz = rule('KZ', 'kz-personal-data');
    expect([kz.fields, kz.severity, kz.confirmed]).toEqual([['/*/person'], 'warning', undefined]);
    const kzSet = constraintSetFor(profile('KZ'));
    expect(kzSet.matches('KZ', kz.id, kz.when ?? {}, person('KZ'))).toBe(true);
    expect(kzSet.matches('KZ', kz.id, kz.when ?? {}, person('RU'))).toBe(false);
    expect(kzSet.matches('KZ', kz.id, kz.when ?? {}, party(sample('KZ').declarant))).toBe(false);
  });
});

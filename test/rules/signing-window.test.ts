import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { loadProfiles, ProfileError } from '../../src/profiles/load.js';
import { lintProfiles } from '../../src/profiles/lint.js';
import { candidateDates } from '../../src/engine/forecast.js';
import { matchAlgorithm } from '../../src/rules/policy-match.js';
import type { SignatureInfo, SigningTime } from '../../src/signature/types.js';
import type { MatrixResult } from '../../src/engine/types.js';
import { runCli } from '../helpers/cli.js';
import { unsignedDeclaration } from '../helpers/documents.js';
import { tempTree } from '../helpers/tmp.js';
import { declaration, findingsOf, profile, signature, URI, verification } from './builders.js';

const GOSTR3411 = 'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr3411';
const RU = profile({
  id: 'RU',
  signature: {
    methods: [{ algorithm: 'gost2001', signedNotAfter: '2019-12-31' }],
    digests: [{ algorithm: 'gostr3411-94', signedNotAfter: '2019-12-31' }],
  },
});

function gostSignature(signingTime?: Partial<SigningTime>): SignatureInfo {
  const base = signature({ signatureMethod: URI.gost2001Cp });
  const reference = { ...(base.references[0] as SignatureInfo['references'][number]) };
  reference.digestMethod = GOSTR3411;
  return {
    ...base,
    references: [reference],
    ...(signingTime
      ? {
          signingTime: {
            source: 'xades',
            text: '2019-06-01T10:00:00Z',
            utc: '2019-06-01T10:00:00.000Z',
            signed: true,
            ...signingTime,
          } as SigningTime,
        }
      : {}),
  };
}

function check(
  rule: string,
  signingTime: Partial<SigningTime> | undefined,
  options: { valid?: boolean | null; asOf?: string } = {},
) {
  const doc = declaration({}, { signatures: [gostSignature(signingTime)] });
  return findingsOf(rule, doc, RU, {
    asOf: options.asOf ?? '2026-11-21',
    verifications: [
      verification({
        valid: options.valid === undefined ? true : options.valid,
        signer: { keyAlgorithm: 'gost2001', keyBits: 256 },
      }),
    ],
  }).map((f) => f.message);
}

const signedAt = (day: string): Partial<SigningTime> => ({
  text: `${day}T10:00:00Z`,
  utc: `${day}T10:00:00.000Z`,
});

describe('signedNotAfter: judged on the day a signature was made', () => {
  it('a signed signing time inside the window is accepted years later', () => {
    expect(check('signature/algorithm-sunset', signedAt('2019-06-01'))).toEqual([]);
    expect(check('signature/algorithm-sunset', signedAt('2019-12-31'))).toEqual([]);
    expect(check('signature/digest-accepted', signedAt('2019-12-31'))).toEqual([]);
  });

  it('a signed signing time after the window is refused, saying when it was signed', () => {
    expect(check('signature/algorithm-sunset', signedAt('2021-03-02'))).toEqual([
      'RU accepts GOST R 34.10-2001 with GOST R 34.11-94 only for signatures made until 2019-12-31; this one was signed 2021-03-02 (XAdES SigningTime, signed)',
    ]);
    expect(check('signature/algorithm-sunset', signedAt('2020-01-01'))).toHaveLength(1);
    expect(check('signature/digest-accepted', signedAt('2021-03-02'))).toEqual([
      'RU accepts the digest GOST R 34.11-94 (CryptoPro S-box) only for signatures made until 2019-12-31; this one was signed 2021-03-02 (XAdES SigningTime, signed)',
    ]);
  });

  it('the signed day is the UTC day of the instant', () => {
    const late = { text: '2020-01-01T01:00:00+03:00', utc: '2019-12-31T22:00:00.000Z' };
    expect(check('signature/algorithm-sunset', late)).toEqual([]);
  });

  it('an unknown signing time is judged on the evaluation date, and the finding says so', () => {
    expect(check('signature/algorithm-sunset', undefined)).toEqual([
      'RU accepts GOST R 34.10-2001 with GOST R 34.11-94 only for signatures made until 2019-12-31; its signing time is unknown, so it is judged on the evaluation date 2026-11-21',
    ]);
    // On an evaluation date inside the window there is nothing to say.
    expect(check('signature/algorithm-sunset', undefined, { asOf: '2019-12-31' })).toEqual([]);
  });

  it('an unsigned claim never unlocks an expired algorithm', () => {
    expect(
      check('signature/algorithm-sunset', { ...signedAt('2019-06-01'), signed: false }),
    ).toEqual([
      'RU accepts GOST R 34.10-2001 with GOST R 34.11-94 only for signatures made until 2019-12-31; its XAdES SigningTime 2019-06-01 is claimed but not signed, so it is judged on the evaluation date 2026-11-21',
    ]);
  });

  it('a signed time counts only when the signature verifies', () => {
    const [failed] = check('signature/algorithm-sunset', signedAt('2019-06-01'), { valid: false });
    expect(failed).toMatch(
      /belongs to a signature that does not verify, so it is judged on the evaluation date 2026-11-21$/,
    );
    const [unverifiable] = check('signature/algorithm-sunset', signedAt('2019-06-01'), {
      valid: null,
    });
    expect(unverifiable).toMatch(/belongs to a signature that cannot be verified here/);
  });

  it('a signed time outside the signing certificate validity is not believed', () => {
    const doc = declaration({}, { signatures: [gostSignature(signedAt('2019-06-01'))] });
    const certified = (notBefore: string) =>
      findingsOf('signature/algorithm-sunset', doc, RU, {
        asOf: '2026-11-21',
        verifications: [
          verification({
            signer: {
              keyAlgorithm: 'gost2001',
              keyBits: 256,
              notBefore: `${notBefore}T00:00:00.000Z`,
              notAfter: '2030-12-31T23:59:59.000Z',
            },
          }),
        ],
      }).map((f) => f.message);
    expect(certified('2019-01-01')).toEqual([]);
    expect(certified('2026-01-01')).toEqual([
      "RU accepts GOST R 34.10-2001 with GOST R 34.11-94 only for signatures made until 2019-12-31; its signed XAdES SigningTime 2019-06-01 is outside the signing certificate's validity (2026-01-01 to 2030-12-31), so it is judged on the evaluation date 2026-11-21",
    ]);
  });

  it('an unreadable signing time is judged on the evaluation date', () => {
    const [message] = check('signature/algorithm-sunset', { text: 'yesterday', utc: undefined });
    expect(message).toMatch(
      /its XAdES SigningTime 'yesterday' is unreadable, so it is judged on the evaluation date/,
    );
  });

  it('a JWS sigT counts like a signed XAdES SigningTime', () => {
    const jws = gostSignature({ source: 'jws-sigT', ...signedAt('2022-05-05') });
    const doc = declaration({}, { format: 'json', signatures: [{ ...jws, format: 'jws' }] });
    const messages = findingsOf('signature/algorithm-sunset', doc, RU, {
      asOf: '2026-11-21',
      verifications: [verification({ signer: { keyAlgorithm: 'gost2001', keyBits: 256 } })],
    }).map((f) => f.message);
    expect(messages).toEqual([
      'RU accepts GOST R 34.10-2001 with GOST R 34.11-94 only for signatures made until 2019-12-31; this one was signed 2022-05-05 (JWS sigT, signed)',
    ]);
  });

  it('signedNotBefore: a signature made before the window opened is refused', () => {
    const receiver = profile({
      signature: { methods: [{ algorithm: 'rsa-sha256', signedNotBefore: '2020-01-01' }] },
    });
    const at = (time: Partial<SigningTime> | undefined) =>
      findingsOf(
        'signature/algorithm-sunset',
        declaration(
          {},
          {
            signatures: [
              signature(
                time ? { signingTime: { source: 'xades', text: '', signed: true, ...time } } : {},
              ),
            ],
          },
        ),
        receiver,
        { asOf: '2026-11-21' },
      ).map((f) => f.message);
    expect(at(signedAt('2019-06-01'))[0]).toMatch(
      /only for signatures made from 2020-01-01; this one was signed 2019-06-01/,
    );
    expect(at(signedAt('2020-01-01'))).toEqual([]);
    expect(at(undefined)).toEqual([]);
  });

  it('matchAlgorithm: both windows apply; a hint never proposes an algorithm no longer signed with', () => {
    const entries = [
      { algorithm: 'gost2001', notAfter: '2030-12-31', signedNotAfter: '2019-12-31' },
    ];
    const asOf = new Date('2026-11-21T00:00:00Z');
    expect(matchAlgorithm(URI.gost2001Cp, entries, asOf, {}, '2019-01-01').outcome).toBe(
      'accepted',
    );
    // Verification itself ends with notAfter, whatever the signing day.
    const late = matchAlgorithm(
      URI.gost2001Cp,
      entries,
      new Date('2031-01-01T00:00:00Z'),
      {},
      '2019-01-01',
    );
    expect(late.outcome === 'rejected' && late.failures).toEqual([
      { aspect: 'date', window: 'evaluation', notBefore: undefined, notAfter: '2030-12-31' },
    ]);
    const unknown = matchAlgorithm(URI.gost2001Cp, entries, asOf);
    expect(unknown.outcome === 'rejected' && unknown.failures).toEqual([
      {
        aspect: 'date',
        window: 'signing',
        signedNotBefore: undefined,
        signedNotAfter: '2019-12-31',
        day: '2026-11-21',
        judgedOn: 'evaluation-date',
      },
    ]);
    const hint = findingsOf(
      'signature/method-accepted',
      declaration({}, { signatures: [signature({ signatureMethod: URI.rsaSha1 })] }),
      profile({ signature: { methods: [...entries, { algorithm: 'gost2012-256' }] } }),
      { asOf: '2026-11-21' },
    );
    expect(hint.map((f) => f.message)).toEqual([
      'BB does not accept RSA PKCS#1 v1.5 with SHA-1 signatures (accepts: GOST R 34.10-2012 256 with Streebog-256)',
    ]);
  });
});

describe('signing windows in profiles', () => {
  function lint(entry: object, where: 'methods' | 'encryption' = 'methods') {
    const dir = mkdtempSync(join(tmpdir(), 'corridor-signing-window-'));
    const body =
      where === 'methods'
        ? { signature: { methods: [{ algorithm: 'gost2001', ...entry }] } }
        : { encryption: { dataAlgorithms: [{ algorithm: 'aes256-gcm', ...entry }] } };
    writeFileSync(
      join(dir, 'XX.json'),
      JSON.stringify({ id: 'XX', name: 'X', kind: 'jurisdiction', version: '1', ...body }),
    );
    return loadProfiles(dir);
  }

  it('the schema accepts signedNotBefore / signedNotAfter as days and refuses other text', () => {
    expect(
      lintProfiles(lint({ signedNotBefore: '2001-01-01', signedNotAfter: '2019-12-31' })).errors,
    ).toEqual([]);
    expect(() => lint({ signedNotAfter: '31.12.2019' })).toThrow(/signedNotAfter/);
  });

  const lintErrors = (entry: object, where: 'methods' | 'encryption' = 'methods') => {
    try {
      lint(entry, where);
    } catch (error) {
      if (error instanceof ProfileError) return error.problems;
      throw error;
    }
    return [];
  };

  it('lint refuses an empty window and a signing window where nothing was signed', () => {
    const inverted = lintErrors({ signedNotBefore: '2020-01-01', signedNotAfter: '2019-12-31' });
    expect(inverted.map((e) => [e.pointer, e.message])).toEqual([
      [
        '/signature/methods/0/signedNotBefore',
        'signedNotBefore 2020-01-01 is after signedNotAfter 2019-12-31: the entry never applies',
      ],
    ]);
    expect(lintErrors({ notBefore: '2020-01-01', notAfter: '2019-12-31' })[0]?.pointer).toBe(
      '/signature/methods/0/notBefore',
    );
    const encryption = lintErrors({ signedNotAfter: '2019-12-31' }, 'encryption');
    expect(encryption.map((e) => e.pointer)).toEqual([
      '/encryption/dataAlgorithms/0/signedNotAfter',
    ]);
    expect(encryption[0]?.message).toMatch(/use notAfter/);
  });

  it('the shipped RU profile: GOST 2001 and its digest for signatures made until 2019-12-31', () => {
    const ru = loadProfiles().profiles.get('RU');
    const method = ru?.signature?.methods?.find((m) => m.algorithm === 'gost2001');
    const digest = ru?.signature?.digests?.find((d) => d.algorithm === 'gostr3411-94');
    for (const entry of [method, digest]) {
      expect(entry).toMatchObject({ signedNotAfter: '2019-12-31', source: 'fsb-149-7-6-363' });
      expect(entry?.notAfter).toBeUndefined();
    }
    const at = (day: string | undefined) =>
      matchAlgorithm(
        URI.gost2001Cp,
        ru?.signature?.methods,
        new Date('2026-11-21T00:00:00Z'),
        {},
        day,
      ).outcome;
    expect(at('2019-12-31')).toBe('accepted');
    expect(at('2020-01-01')).toBe('rejected');
    expect(at(undefined)).toBe('rejected');
  });

  it('forecast: the day after a signedNotAfter is a day a verdict can change', () => {
    const dates = candidateDates(
      lint({ signedNotAfter: '2019-12-31', signedNotBefore: '2001-07-01' }),
      [],
    );
    expect(dates).toEqual(['2001-07-01', '2020-01-01']);
  });
});

describe('gateway routes and signing windows', () => {
  // A gateway's signature is made on the evaluation date: the receiver's signing window is
  // judged on that day and named as a condition of the route.
  const entry = (id: string, extra: object = {}) => ({
    id,
    name: id,
    kind: 'jurisdiction',
    version: '1',
    documents: { 'customs-declaration': { accepted: true } },
    ...extra,
  });
  const dir = tempTree({
    'profiles/AA.json': entry('AA'),
    'profiles/RR.json': entry('RR', {
      signature: {
        required: true,
        methods: [{ algorithm: 'rsa-sha256', signedNotAfter: '2030-12-31' }],
      },
    }),
    'profiles/GW.json': {
      ...entry('GW'),
      kind: 'gateway',
      gateway: { serves: ['AA'], reissues: [{ algorithm: 'rsa-sha256', minKeyBits: 3072 }] },
    },
    'docs/a.xml': unsignedDeclaration('12345678'),
  });
  const route = async (asOf: string) => {
    const run = await runCli([
      'matrix',
      '--profiles',
      join(dir, 'profiles'),
      '--docs',
      join(dir, 'docs'),
      '--as-of',
      asOf,
      '-f',
      'json',
    ]);
    const result = JSON.parse(run.stdout) as MatrixResult;
    return result.cells.find((c) => c.sender === 'AA' && c.receiver === 'RR');
  };

  it('names the window while it is open, and offers no route once it has closed', async () => {
    const open = await route('2026-06-01');
    expect(open?.route).toBe('gateway');
    expect(open?.routes?.[0]?.conditions).toContain(
      'RR accepts RSA PKCS#1 v1.5 with SHA-256 only for signatures made until 2030-12-31',
    );
    expect((await route('2031-01-01'))?.route).toBe('none');
  });
});

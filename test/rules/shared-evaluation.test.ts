import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnySchema, ValidateFunction } from 'ajv/dist/2020.js';
import { constraintAjv } from '../../src/constraints/constraints.js';
import { evaluatePair } from '../../src/engine/evaluate.js';
import { loadProfiles, ProfileError } from '../../src/profiles/load.js';
import { Memo } from '../../src/util/memo.js';
import { tempTree } from '../helpers/tmp.js';
import { renderMessage } from '../../src/rules/messages.js';
import { declaration, profile as receiverProfile, verification } from './builders.js';

/**
 * Receivers whose profiles carry equal constraints or algorithm lists share one evaluation per
 * document (the per-document memo), and each still gets its own findings: its id in the
 * message, its rule levels, its overrides.
 */

// A schema no other test uses, so the module-wide validator cache cannot already hold it.
const schema = { required: ['declarationNumber'], properties: { shared: { const: 'x-5150' } } };

const RSA = 'RSA PKCS#1 v1.5 with SHA-256';

const profile = (id: string, extra: object = {}) => ({
  id,
  name: id,
  kind: 'jurisdiction',
  version: '1',
  ...extra,
});

const methods = (minKeyBits: number) => ({
  required: true,
  methods: [{ algorithm: 'rsa-sha256', minKeyBits }],
});

function profiles() {
  return loadProfiles(
    tempTree({
      'BASE.json': profile('BASE', {
        kind: 'baseline',
        documents: {
          'customs-declaration': {
            accepted: true,
            constraints: [{ id: 'number', description: 'A number', schema }],
          },
        },
      }),
      // AA and BB carry the same constraint and equal method lists; AA lowers the rule's level.
      'AA.json': profile('AA', {
        extends: 'BASE',
        signature: methods(4096),
        rules: { 'document/receiver-rules': 'warning' },
      }),
      'BB.json': profile('BB', { extends: 'BASE', signature: methods(4096) }),
      // CC states the constraint again in its own words and severity, on the same schema.
      'CC.json': profile('CC', {
        extends: 'BASE',
        signature: methods(2048),
        documents: {
          'customs-declaration': {
            constraints: [
              { id: 'number', description: 'CC wants a number', severity: 'info', schema },
            ],
          },
        },
      }),
      // DD replaces it with a constraint the document meets.
      'DD.json': profile('DD', {
        extends: 'BASE',
        signature: methods(2048),
        documents: {
          'customs-declaration': {
            constraints: [{ id: 'number', schema: { required: ['issuingCountry'] } }],
          },
        },
      }),
    }),
  ).profiles;
}

/** Counts the runs of the validator compiled for `schema`. */
function countValidations(): () => number {
  const ajv = constraintAjv();
  const compile = ajv.compile.bind(ajv);
  let calls = 0;
  vi.spyOn(ajv, 'compile').mockImplementation((compiled: AnySchema) => {
    const validate = compile(compiled);
    if (JSON.stringify(compiled) !== JSON.stringify(schema)) return validate;
    const counted = ((data: unknown) => {
      calls++;
      const valid = validate(data);
      counted.errors = validate.errors;
      return valid;
    }) as unknown as ValidateFunction;
    return counted;
  });
  return () => calls;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('work shared by receivers', () => {
  it('a constraint several receivers carry is checked once per document; findings stay theirs', () => {
    const validations = countValidations();
    const set = profiles();
    const document = declaration(); // no declarationNumber
    const asOf = new Date('2026-06-01T00:00:00Z');
    const subject = {
      document,
      verifications: [verification()],
      senderId: 'ZZ',
      memo: new Memo(),
    };
    const findings = (id: string, rule: string) =>
      evaluatePair(subject, set.get(id)!, asOf).findings.filter((f) => f.ruleId === rule);

    const rules = 'document/receiver-rules';
    expect(findings('AA', rules)).toEqual([
      expect.objectContaining({
        severity: 'warning', // AA's rule level
        message: 'AA rule number: A number: /declarationNumber is required but missing',
        receiver: 'AA',
      }),
    ]);
    expect(findings('BB', rules)).toEqual([
      expect.objectContaining({
        severity: 'error',
        message: 'BB rule number: A number: /declarationNumber is required but missing',
        receiver: 'BB',
      }),
    ]);
    expect(findings('CC', rules)).toEqual([
      expect.objectContaining({
        severity: 'info',
        message: 'CC rule number: CC wants a number: /declarationNumber is required but missing',
      }),
    ]);
    expect(findings('DD', rules)).toEqual([]);
    // One schema, four receivers, one document: validated once.
    expect(validations()).toBe(1);

    // A new document (its own memo) is validated again.
    evaluatePair({ ...subject, memo: new Memo() }, set.get('BB')!, asOf);
    expect(validations()).toBe(2);
  });

  it('receivers with equal algorithm lists share the match; each finding names its receiver', () => {
    const set = profiles();
    const subject = {
      document: declaration({ declarationNumber: 'D-1' }),
      verifications: [verification()], // an RSA-2048 key
      senderId: 'ZZ',
      memo: new Memo(),
    };
    const asOf = new Date('2026-06-01T00:00:00Z');
    const keySize = (id: string) =>
      evaluatePair(subject, set.get(id)!, asOf)
        .findings.filter((f) => f.ruleId === 'signature/key-size')
        .map((f) => f.message);
    expect(keySize('AA')).toEqual([`${RSA} key of 2048 bits is below AA's minimum of 4096`]);
    expect(keySize('BB')).toEqual([`${RSA} key of 2048 bits is below BB's minimum of 4096`]);
    // CC's list differs: its own verdict, not AA's or BB's.
    expect(keySize('CC')).toEqual([]);
  });

  it('a constraint that does not compile still stops the load, with file and pointer', () => {
    const dir = tempTree({
      'AA.json': profile('AA', {
        documents: {
          licence: {
            accepted: true,
            constraints: [{ id: 'broken', schema: { $ref: 'urn:corridor:code-list:nonesuch' } }],
          },
        },
      }),
    });
    expect(() => loadProfiles(dir)).toThrow(ProfileError);
    try {
      loadProfiles(dir);
    } catch (error) {
      expect((error as ProfileError).problems).toEqual([
        expect.objectContaining({
          file: expect.stringMatching(/AA\.json$/),
          pointer: '/documents',
          message: expect.stringMatching(/constraint broken has an invalid schema: .*nonesuch/),
        }),
      ]);
    }
  });

  it('data-export fields are found once per document; allowed receivers still get none', () => {
    const sender = receiverProfile({
      id: 'AA',
      dataExport: [
        {
          id: 'personal',
          fields: ['/*/person'],
          when: { properties: { citizenship: { const: 'AA' } }, required: ['citizenship'] },
          legalBasis: 'Law 1',
          allowedReceivers: ['CC'],
        },
      ],
    });
    const subject = {
      document: declaration({ declarant: { person: { fullName: 'I', citizenship: 'AA' } } }),
      verifications: [verification()],
      senderId: 'AA',
      sender,
      memo: new Memo(),
    };
    const asOf = new Date('2026-06-01T00:00:00Z');
    const restricted = (id: string) =>
      evaluatePair(subject, receiverProfile({ id }), asOf)
        .findings.filter((f) => f.ruleId === 'data-export/restricted')
        .map((f) => [f.data?.['receiver'], f.location.path]);
    expect(restricted('BB')).toEqual([['BB', '/CustomsDeclaration/declarant/person']]);
    expect(restricted('CC')).toEqual([]);
    expect(restricted('DD')).toEqual([['DD', '/CustomsDeclaration/declarant/person']]);
    expect(restricted('AA')).toEqual([]);
  });

  it('messages render from templates split once, placeholders repeated or left as written', () => {
    for (let i = 0; i < 2; i++) {
      expect(renderMessage('{{a}}-{{a}} {{ b }}!', { a: 1 })).toBe('1-1 {{ b }}!');
      expect(renderMessage('{{a}}-{{a}} {{ b }}!', { a: 'x', b: 'y' })).toBe('x-x y!');
      expect(renderMessage('no placeholder', { a: 1 })).toBe('no placeholder');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { declaration, findingsOf, profile, signature, URI, verification } from './builders.js';

describe('rule registry', () => {
  it('has unique, stable-looking ids and a description for every rule', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z-]+\/[a-z-]+$/);
      expect(rule.meta.description.length).toBeGreaterThan(10);
    }
  });
});

describe('document rules', () => {
  it('document/readable reports reading problems with their location', () => {
    expect(findingsOf('document/readable', declaration(), profile())).toEqual([]);
    const broken = declaration(
      {},
      {
        type: undefined,
        problems: [
          {
            ruleId: 'document/dtd-refused',
            message: 'DOCTYPE is not allowed',
            location: { path: '/', pos: { line: 2, column: 1, offset: 0 } },
          },
        ],
      },
    );
    const [finding] = findingsOf('document/readable', broken, profile());
    expect(finding).toMatchObject({
      messageId: 'document/dtd-refused',
      data: { detail: 'DOCTYPE is not allowed' },
    });
    expect(finding?.location.line).toBe(2);
  });

  it('document/type-accepted fails when the receiver does not take the type', () => {
    expect(findingsOf('document/type-accepted', declaration(), profile())).toEqual([]);
    const noDeclarations = profile({ documents: { licence: { accepted: true } } });
    expect(findingsOf('document/type-accepted', declaration(), noDeclarations)[0]).toMatchObject({
      messageId: 'notAccepted',
      data: { receiver: 'BB', type: 'customs-declaration', accepted: 'licence' },
    });
    const refused = profile({ documents: { 'customs-declaration': { accepted: false } } });
    expect(findingsOf('document/type-accepted', declaration(), refused)).toHaveLength(1);
  });
});

describe('signature policy rules', () => {
  it('signature/required fails for an unsigned document only when the receiver requires one', () => {
    const unsigned = declaration({}, { signatures: [] });
    expect(findingsOf('signature/required', declaration(), profile())).toEqual([]);
    expect(findingsOf('signature/required', unsigned, profile())).toHaveLength(1);
    const lax = profile({ signature: { required: false } });
    expect(findingsOf('signature/required', unsigned, lax)).toEqual([]);
  });

  it('signature/valid: invalid is an error, unverifiable a warning, valid nothing', () => {
    const doc = declaration();
    expect(findingsOf('signature/valid', doc, profile())).toEqual([]);
    const invalid = findingsOf('signature/valid', doc, profile(), {
      verifications: [
        verification({
          valid: false,
          problems: [{ ruleId: 'xmldsig/digest-mismatch', message: 'digest mismatch' }],
        }),
      ],
    });
    expect(invalid[0]?.severity).toBe('error');
    expect(invalid[0]).toMatchObject({
      messageId: 'invalid',
      data: { problems: 'xmldsig/digest-mismatch' },
    });
    const unknown = findingsOf('signature/valid', doc, profile(), {
      verifications: [verification({ valid: null })],
    });
    expect(unknown[0]?.severity).toBe('warning');
    expect(unknown[0]?.messageId).toBe('notVerifiableUnexplained');
  });

  it('signature/method-accepted names the method and what the receiver accepts', () => {
    const gost = declaration({}, { signatures: [signature({ signatureMethod: URI.gost256 })] });
    const [finding] = findingsOf('signature/method-accepted', gost, profile());
    expect(finding?.message).toBe(
      'BB does not accept GOST R 34.10-2012 256 with Streebog-256 signatures (accepts: RSA PKCS#1 v1.5 with SHA-256)',
    );
    expect(finding?.location.path).toBe(
      '/CustomsDeclaration/ds:Signature/SignedInfo/SignatureMethod',
    );
    expect(findingsOf('signature/method-accepted', declaration(), profile())).toEqual([]);
    const unknown = declaration(
      {},
      { signatures: [signature({ signatureMethod: 'urn:example:nope' })] },
    );
    expect(findingsOf('signature/method-accepted', unknown, profile())[0]).toMatchObject({
      messageId: 'unknown',
      data: { uri: 'urn:example:nope' },
    });
  });

  it('signature/method-accepted never suggests an algorithm past its end date', () => {
    const receiver = profile({
      signature: {
        methods: [{ algorithm: 'rsa-sha1', notAfter: '2012-07-31' }, { algorithm: 'rsa-sha256' }],
        digests: [{ algorithm: 'sha1', notAfter: '2012-07-31' }, { algorithm: 'sha256' }],
      },
    });
    const gost = declaration({}, { signatures: [signature({ signatureMethod: URI.gost256 })] });
    const [method] = findingsOf('signature/method-accepted', gost, receiver);
    expect(method?.data?.['accepted']).toBe('RSA PKCS#1 v1.5 with SHA-256');
    expect(method?.hint).not.toMatch(/SHA-1/);
    // Evaluated on a date when SHA-1 was still allowed, it is offered again.
    const [then] = findingsOf('signature/method-accepted', gost, receiver, { asOf: '2011-01-01' });
    expect(then?.hint).toMatch(/SHA-1/);
  });

  it('an unknown algorithm name from the document is quoted clipped, not in full', () => {
    const hostile = `urn:x:${'a'.repeat(10_000)}`;
    const doc = declaration({}, { signatures: [signature({ signatureMethod: hostile })] });
    const [finding] = findingsOf('signature/method-accepted', doc, profile());
    expect(finding?.message).toMatch(/^unknown signature algorithm urn:x:a+…$/);
    expect(finding?.message.length).toBeLessThan(120);
  });

  it('signature/method-accepted warns when the receiver discourages the method', () => {
    const discouraging = profile({
      signature: { methods: [{ algorithm: 'rsa-sha256', level: 'warning', note: 'phasing out' }] },
    });
    const [finding] = findingsOf('signature/method-accepted', declaration(), discouraging);
    expect(finding?.severity).toBe('warning');
    expect(finding).toMatchObject({ messageId: 'discouragedNote', data: { note: 'phasing out' } });
  });

  it('signature/algorithm-name: same algorithm under another URI', () => {
    const receiver = profile({
      signature: { methods: [{ algorithm: 'gost2001', uris: [URI.gost2001Cp] }] },
    });
    const alias = declaration({}, { signatures: [signature({ signatureMethod: URI.gost2001 })] });
    const [finding] = findingsOf('signature/algorithm-name', alias, receiver, {
      verifications: [verification({ signer: { keyAlgorithm: 'gost2001', keyBits: 256 } })],
    });
    expect(finding).toMatchObject({
      messageId: 'otherName',
      data: { algorithm: 'GOST R 34.10-2001 with GOST R 34.11-94', acceptedUris: URI.gost2001Cp },
    });
    const canonical = declaration(
      {},
      { signatures: [signature({ signatureMethod: URI.gost2001Cp })] },
    );
    expect(findingsOf('signature/algorithm-name', canonical, receiver)).toEqual([]);
    // An alias the registry knows the origin of says so.
    const urnOnly = profile({
      signature: { methods: [{ algorithm: 'gost2001', uris: [URI.gost2001] }] },
    });
    const [named] = findingsOf('signature/algorithm-name', canonical, urnOnly, {
      verifications: [verification({ signer: { keyAlgorithm: 'gost2001', keyBits: 256 } })],
    });
    expect(named?.messageId).toBe('otherNameAlias');
    expect(named?.data?.['alias']).toMatch(/^IANA cpxmlsec registry/);
    // The method itself is accepted under its other name: no method-accepted finding.
    expect(findingsOf('signature/method-accepted', alias, receiver)).toEqual([]);
  });

  it('signature/key-size compares the signer key with the minimum', () => {
    const small = [verification({ signer: { keyAlgorithm: 'rsa', keyBits: 1024 } })];
    const [finding] = findingsOf('signature/key-size', declaration(), profile(), {
      verifications: small,
    });
    expect(finding).toMatchObject({
      messageId: 'tooSmall',
      data: { bits: '1024', receiver: 'BB', minBits: '2048' },
    });
    expect(findingsOf('signature/key-size', declaration(), profile())).toEqual([]);
  });

  it('signature/curve checks the parameter set OID', () => {
    const receiver = profile({
      signature: { methods: [{ algorithm: 'gost2012-256', curves: ['1.2.643.7.1.2.1.1.1'] }] },
    });
    const doc = declaration({}, { signatures: [signature({ signatureMethod: URI.gost256 })] });
    const cryptoPro = [
      verification({
        signer: {
          keyAlgorithm: 'gost2012-256',
          keyBits: 256,
          curveOid: '1.2.643.2.2.35.1',
          curve: 'CryptoPro-A',
        },
      }),
    ];
    expect(
      findingsOf('signature/curve', doc, receiver, { verifications: cryptoPro })[0],
    ).toMatchObject({ messageId: 'curve', data: { curve: 'CryptoPro-A' } });
    const tc26 = [
      verification({
        signer: { keyAlgorithm: 'gost2012-256', keyBits: 256, curveOid: '1.2.643.7.1.2.1.1.1' },
      }),
    ];
    expect(findingsOf('signature/curve', doc, receiver, { verifications: tc26 })).toEqual([]);
  });

  it('signature/algorithm-sunset depends on the as-of date; a second entry can keep it accepted', () => {
    const receiver = profile({
      signature: {
        methods: [
          { algorithm: 'rsa-sha256', minKeyBits: 3000 },
          { algorithm: 'rsa-sha256', minKeyBits: 1900, notAfter: '2028-12-31' },
        ],
      },
    });
    const doc = declaration();
    expect(findingsOf('signature/algorithm-sunset', doc, receiver, { asOf: '2028-12-31' })).toEqual(
      [],
    );
    expect(findingsOf('signature/key-size', doc, receiver, { asOf: '2028-12-31' })).toEqual([]);
    const after = findingsOf('signature/algorithm-sunset', doc, receiver, { asOf: '2029-01-01' });
    expect(after[0]).toMatchObject({
      messageId: 'outsideWindow',
      data: { window: 'until 2028-12-31', asOf: '2029-01-01' },
    });
    expect(
      findingsOf('signature/key-size', doc, receiver, { asOf: '2029-01-01' })[0]?.data?.['minBits'],
    ).toBe('3000');
  });

  it('digest, canonicalization and transform lists', () => {
    const sha1 = declaration(
      {},
      {
        signatures: [
          signature({
            references: [
              {
                uri: '',
                digestMethod: URI.sha1,
                transforms: [URI.enveloped, URI.xslt],
                xpathExpressions: [],
                pos: { line: 1, column: 1, offset: 0 },
              },
            ],
            canonicalizationMethod: 'http://www.w3.org/2006/12/xml-c14n11',
          }),
        ],
      },
    );
    expect(findingsOf('signature/digest-accepted', sha1, profile())[0]).toMatchObject({
      messageId: 'notListed',
      data: { algorithm: 'SHA-1' },
    });
    expect(findingsOf('signature/transform-accepted', sha1, profile())[0]).toMatchObject({
      messageId: 'notListed',
      data: { algorithm: 'XSLT' },
    });
    expect(findingsOf('signature/canonicalization-accepted', sha1, profile())[0]).toMatchObject({
      messageId: 'notListed',
      data: { algorithm: expect.stringMatching(/^Canonical XML 1\.1/) as unknown },
    });
    for (const id of [
      'signature/digest-accepted',
      'signature/transform-accepted',
      'signature/canonicalization-accepted',
    ]) {
      expect(findingsOf(id, declaration(), profile())).toEqual([]);
    }
    // No list: not restricted.
    expect(findingsOf('signature/digest-accepted', sha1, profile({ signature: {} }))).toEqual([]);
  });

  it('signature/placement', () => {
    const detached = declaration({}, { signatures: [signature({ placement: 'detached' })] });
    expect(findingsOf('signature/placement', detached, profile())[0]).toMatchObject({
      messageId: 'placement',
      data: { placement: 'detached', receiver: 'BB', allowed: 'enveloped' },
    });
    expect(findingsOf('signature/placement', declaration(), profile())).toEqual([]);
  });
});

describe('encryption rules', () => {
  const encrypted = declaration(
    {},
    {
      encryption: [
        {
          path: '/CustomsDeclaration/xenc:EncryptedData',
          dataAlgorithm: URI.sm4,
          keyTransport: [URI.rsaOaep],
        },
      ],
    },
  );
  const receiver = profile({
    encryption: {
      dataAlgorithms: [{ algorithm: 'aes256-gcm' }],
      keyTransport: [{ algorithm: 'rsa-oaep' }],
      requiredFor: ['customs-declaration'],
    },
  });

  it('encryption/algorithm-accepted reports a cipher the receiver cannot decrypt', () => {
    const findings = findingsOf('encryption/algorithm-accepted', encrypted, receiver);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      messageId: 'notAccepted',
      data: { noun: 'data encryption', algorithm: 'SM4-CBC' },
    });
    const aes = declaration(
      {},
      { encryption: [{ path: '/x', dataAlgorithm: URI.aesGcm, keyTransport: [URI.rsaOaep] }] },
    );
    expect(findingsOf('encryption/algorithm-accepted', aes, receiver)).toEqual([]);
  });

  it('encryption/required: met only by content really encrypted with what the receiver accepts', () => {
    const withEncryption = (replacesContent: boolean, dataAlgorithm: string) =>
      declaration(
        {},
        {
          encryption: [{ path: '/x', dataAlgorithm, keyTransport: [URI.rsaOaep], replacesContent }],
        },
      );
    expect(findingsOf('encryption/required', declaration(), receiver)).toHaveLength(1);
    expect(findingsOf('encryption/required', withEncryption(true, URI.aesGcm), receiver)).toEqual(
      [],
    );
    // A cipher the receiver cannot decrypt, or an EncryptedData that replaced nothing.
    expect(findingsOf('encryption/required', withEncryption(true, URI.sm4), receiver)).toHaveLength(
      1,
    );
    expect(
      findingsOf('encryption/required', withEncryption(false, URI.aesGcm), receiver),
    ).toHaveLength(1);
    expect(findingsOf('encryption/required', encrypted, receiver)).toHaveLength(1);
  });
});

describe('document constraint rules', () => {
  const receiver = profile({
    documents: {
      'customs-declaration': {
        accepted: true,
        constraints: [
          {
            id: 'commodity-code-10',
            description: 'Commodity codes have 10 digits',
            schema: {
              properties: {
                goodsItems: {
                  items: { properties: { commodityCode: { pattern: '^[0-9]{10}$' } } },
                },
              },
            },
            hint: 'Use the 10-digit national code.',
          },
          {
            id: 'currency-required',
            description: 'Currency is required',
            schema: { required: ['currency'] },
          },
        ],
      },
    },
  });

  it('document/receiver-rules maps schema errors to the field and its location', () => {
    const doc = declaration({
      goodsItems: [{ commodityCode: '8471300000' }, { commodityCode: '84713000' }],
    });
    const [finding, ...rest] = findingsOf('document/receiver-rules', doc, receiver);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      messageId: 'violation',
      data: { profile: 'BB', constraint: 'commodity-code-10' },
    });
    expect(finding?.location.path).toBe('/CustomsDeclaration/goodsItems/1/commodityCode');
    expect(finding?.hint).toBe('Use the 10-digit national code.');
    const missing = declaration({ currency: undefined as unknown as string });
    delete missing.model['currency'];
    expect(findingsOf('document/receiver-rules', missing, receiver)[0]?.data).toMatchObject({
      constraint: 'currency-required',
      detail: expect.stringMatching(/\/currency is required but missing/) as unknown,
    });
  });

  it('document/sender-rules applies the origin profile on foreign pairs', () => {
    const sender = profile({ ...receiver, id: 'AA' });
    const doc = declaration({ goodsItems: [{ commodityCode: '123' }] });
    const lax = profile();
    const [origin] = findingsOf('document/sender-rules', doc, lax, { sender });
    expect(origin).toMatchObject({
      messageId: 'violation',
      data: { profile: 'AA', constraint: 'commodity-code-10' },
    });
    // The sender's rules say whose they are.
    expect(origin?.message).toMatch(/^its origin AA rule commodity-code-10: /);
    expect(
      findingsOf(
        'document/sender-rules',
        declaration({ goodsItems: [{ commodityCode: '1234567890' }] }),
        lax,
        { sender },
      ),
    ).toEqual([]);
  });
});

describe('data-export/restricted', () => {
  const sender = profile({
    id: 'AA',
    dataExport: [
      {
        id: 'citizens-personal-data',
        description: 'personal data of AA citizens',
        fields: ['/*/person'],
        when: { properties: { citizenship: { const: 'AA' } }, required: ['citizenship'] },
        legalBasis: 'Law 1 Art. 2',
        allowedReceivers: ['CC'],
      },
    ],
  });
  const doc = declaration({
    declarant: { name: 'X', person: { fullName: 'Ivan', citizenship: 'AA' } },
  });

  it('fires on foreign receivers with the legal basis and field location', () => {
    const [finding] = findingsOf('data-export/restricted', doc, profile(), { sender });
    expect(finding).toMatchObject({
      messageId: 'restricted',
      data: {
        pointer: '/declarant/person',
        sender: 'AA',
        receiver: 'BB',
        legalBasis: 'Law 1 Art. 2',
      },
    });
    expect(finding?.location.path).toBe('/CustomsDeclaration/declarant/person');
  });

  it('does not fire domestically, for allowed receivers, or when `when` does not match', () => {
    expect(findingsOf('data-export/restricted', doc, sender, { sender })).toEqual([]);
    expect(findingsOf('data-export/restricted', doc, profile({ id: 'CC' }), { sender })).toEqual(
      [],
    );
    const foreigner = declaration({ declarant: { person: { fullName: 'Li', citizenship: 'CN' } } });
    expect(findingsOf('data-export/restricted', foreigner, profile(), { sender })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { SignatureInfo } from '../../src/signature/types.js';
import type { SignaturePolicy } from '../../src/profiles/types.js';
import { loadProfiles } from '../../src/profiles/load.js';
import { evaluatePair } from '../../src/engine/evaluate.js';
import type { ResolvedProfile } from '../../src/profiles/types.js';
import type { SignatureVerification } from '../../src/signature/types.js';
import { declaration, findingsOf, profile, signature, URI, verification } from './builders.js';

const JCS = 'urn:ietf:rfc:8785';

/** A JWS/CT signature as the JSON reader describes it: no References, JCS, the JOSE `alg`. */
function jws(overrides: Partial<SignatureInfo> = {}): SignatureInfo {
  return signature({
    format: 'jws',
    path: '/signature',
    pos: { line: 12, column: 3, offset: 310 },
    signatureMethod: 'RS256',
    canonicalizationMethod: JCS,
    references: [],
    placement: 'enveloped',
    ...overrides,
  });
}

function jsonDeclaration(sig: SignatureInfo = jws()) {
  return declaration({}, { file: 'decl.json', format: 'json', signatures: [sig] });
}

/** The builders' receiver (RSA-SHA256, SHA-256, exc-c14n/c14n10, enveloped-signature) plus `formats`. */
function receiver(formats: SignaturePolicy['formats'], id = 'BB') {
  const base = profile();
  return profile({ id, signature: { ...base.signature, formats } });
}

const XML_ONLY = receiver([{ format: 'xmldsig' }], 'RU');
const BOTH = receiver([{ format: 'xmldsig' }, { format: 'jws', confirmed: false }], 'EU');
const XML_RULES = [
  'signature/canonicalization-accepted',
  'signature/transform-accepted',
  'signature/digest-accepted',
];

describe('signature/format-accepted', () => {
  it('refuses a JWS where the receiver lists XMLDSig only, pointing at the signature member', () => {
    const findings = findingsOf('signature/format-accepted', jsonDeclaration(), XML_ONLY);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding?.severity).toBe('error');
    expect(finding?.message).toBe(
      'JWS (JWS/CT "signature" member) signature; RU accepts XMLDSig (ds:Signature) only',
    );
    expect(finding?.hint).toBe(
      'RU accepts XMLDSig (ds:Signature) only; sign the XML form of the document.',
    );
    expect(finding?.location).toEqual({
      file: 'decl.json',
      path: '/signature',
      line: 12,
      column: 3,
    });
  });

  it('accepts a JWS where the receiver lists jws, and XMLDSig where it lists xmldsig', () => {
    expect(findingsOf('signature/format-accepted', jsonDeclaration(), BOTH)).toEqual([]);
    expect(findingsOf('signature/format-accepted', declaration(), XML_ONLY)).toEqual([]);
    expect(findingsOf('signature/format-accepted', declaration(), BOTH)).toEqual([]);
  });

  it('refuses XMLDSig where the receiver lists jws only', () => {
    const [finding] = findingsOf(
      'signature/format-accepted',
      declaration(),
      receiver([{ format: 'jws' }], 'XX'),
    );
    expect(finding).toMatchObject({
      messageId: 'notAccepted',
      data: {
        format: 'XMLDSig (ds:Signature)',
        receiver: 'XX',
        accepted: 'JWS (JWS/CT "signature" member) only',
      },
    });
    expect(finding?.hint).toContain('sign the JSON form of the document');
    expect(finding?.location?.path).toBe('/CustomsDeclaration/ds:Signature');
  });

  it('no list restricts nothing; an empty list accepts nothing', () => {
    const unrestricted = receiver(undefined);
    expect(findingsOf('signature/format-accepted', jsonDeclaration(), unrestricted)).toEqual([]);
    expect(findingsOf('signature/format-accepted', declaration(), unrestricted)).toEqual([]);
    const none = receiver([]);
    for (const doc of [jsonDeclaration(), declaration()]) {
      const [finding] = findingsOf('signature/format-accepted', doc, none);
      expect(finding?.data).toMatchObject({ receiver: 'BB', accepted: 'no signature format' });
    }
  });

  it('reports each refused signature once, whatever the duplicates in the list', () => {
    const twice = receiver([{ format: 'xmldsig' }, { format: 'xmldsig' }], 'RU');
    const doc = declaration({}, { format: 'json', signatures: [jws(), jws({ path: '/x' })] });
    const findings = findingsOf('signature/format-accepted', doc, twice);
    expect(findings.map((f) => f.location?.path)).toEqual(['/signature', '/x']);
    expect(findings[0]?.data?.['accepted']).toBe('XMLDSig (ds:Signature) only');
  });

  it('an unsigned document is signature/required’s business, not this rule’s', () => {
    const unsigned = declaration({}, { signatures: [] });
    expect(findingsOf('signature/format-accepted', unsigned, XML_ONLY)).toEqual([]);
    expect(findingsOf('signature/required', unsigned, XML_ONLY)).toHaveLength(1);
  });
});

describe('signature/required names the syntax to sign with', () => {
  const unsignedXml = declaration({}, { signatures: [] });
  const unsignedJson = declaration({}, { file: 'decl.json', format: 'json', signatures: [] });
  const hint = (doc: ReturnType<typeof declaration>, to: ReturnType<typeof profile>) =>
    findingsOf('signature/required', doc, to)[0]?.hint;

  it('an XML document: enveloped XMLDSig', () => {
    const [finding] = findingsOf('signature/required', unsignedXml, XML_ONLY);
    expect(finding).toMatchObject({ messageId: 'missing', data: { receiver: 'RU' } });
    expect(finding?.hint).toContain('(enveloped XMLDSig)');
    expect(hint(unsignedXml, BOTH)).toContain('(enveloped XMLDSig)');
  });

  it('a JSON document: JWS/CT where accepted, the XML form where only XMLDSig is', () => {
    expect(hint(unsignedJson, BOTH)).toBe(
      'Sign the document with an algorithm the receiver accepts (a JWS/CT "signature" member).',
    );
    expect(hint(unsignedJson, receiver(undefined))).toContain('JWS/CT');
    expect(hint(unsignedJson, XML_ONLY)).toBe(
      'The receiver accepts XMLDSig only: sign the XML form of the document with an algorithm the receiver accepts (enveloped XMLDSig).',
    );
    expect(hint(unsignedXml, receiver([{ format: 'jws' }]))).toContain(
      'sign the JSON form of the document',
    );
    expect(hint(unsignedJson, receiver([]))).toContain('an empty list accepts nothing');
  });
});

describe('XMLDSig-only rules and JWS signatures', () => {
  it('a JWS to an XMLDSig-only receiver: the format error, and no canonicalization/transform/digest findings', () => {
    const doc = jsonDeclaration();
    expect(findingsOf('signature/format-accepted', doc, XML_ONLY)).toHaveLength(1);
    // The receiver lists exc-c14n/c14n10, enveloped-signature and SHA-256: JCS, the missing
    // Transforms and the digest implied by RS256 are not XMLDSig facts to judge.
    for (const id of XML_RULES) expect(findingsOf(id, doc, XML_ONLY), id).toEqual([]);
  });

  it('a JWS to a receiver that lists jws: none of those findings', () => {
    const doc = jsonDeclaration();
    for (const id of ['signature/format-accepted', ...XML_RULES]) {
      expect(findingsOf(id, doc, BOTH), id).toEqual([]);
    }
    expect(findingsOf('signature/method-accepted', doc, BOTH)).toEqual([]);
  });

  it('even a JWS that claims XML References and a foreign canonicalization is not judged by them', () => {
    // Nothing a JSON reader produces, but the rules must not depend on the reader leaving them out.
    const odd = jws({
      canonicalizationMethod: 'http://www.w3.org/2006/12/xml-c14n11',
      references: [
        {
          uri: '',
          digestMethod: URI.sha1,
          transforms: [URI.xslt],
          xpathExpressions: [],
          pos: { line: 1, column: 1, offset: 0 },
        },
      ],
    });
    for (const id of XML_RULES) expect(findingsOf(id, jsonDeclaration(odd), BOTH), id).toEqual([]);
    // The same facts on an XMLDSig signature are still findings.
    const xml = declaration(
      {},
      { signatures: [{ ...odd, format: 'xmldsig', path: '/CustomsDeclaration/ds:Signature' }] },
    );
    for (const id of XML_RULES) expect(findingsOf(id, xml, BOTH), id).toHaveLength(1);
  });

  it('the method rules still judge a JWS by its JOSE alg', () => {
    const es256 = jsonDeclaration(jws({ signatureMethod: 'ES256' }));
    const [refused] = findingsOf('signature/method-accepted', es256, BOTH);
    expect(refused).toMatchObject({
      messageId: 'notListed',
      data: { receiver: 'EU', algorithm: expect.stringMatching(/^ECDSA/) as unknown },
    });
    expect(refused?.location?.path).toBe('/signature');
    const small = [verification({ signer: { keyAlgorithm: 'rsa', keyBits: 1024 } })];
    const [tooSmall] = findingsOf('signature/key-size', jsonDeclaration(), BOTH, {
      verifications: small,
    });
    expect(tooSmall).toMatchObject({
      messageId: 'tooSmall',
      data: { bits: '1024', receiver: 'EU' },
    });
    // A JWS has no KeyInfo element: the finding points at the signature member.
    expect(tooSmall?.location?.path).toBe('/signature');
  });

  it('an entry restricting XML URIs does not turn a JOSE name into an algorithm-name finding', () => {
    // CN names SM2 by corridor's XML URI only; a JWS names it by corridor's JOSE URN.
    const cn = profile({
      id: 'CN',
      signature: {
        formats: [{ format: 'xmldsig' }, { format: 'jws' }],
        methods: [{ algorithm: 'sm2-sm3', uris: ['urn:corridor:xmldsig:sm2-sm3'] }],
      },
    });
    const sm2 = [verification({ signer: { keyAlgorithm: 'sm2', keyBits: 256 } })];
    const doc = jsonDeclaration(jws({ signatureMethod: 'urn:corridor:jose:sm2-sm3' }));
    for (const id of ['signature/algorithm-name', 'signature/method-accepted']) {
      expect(findingsOf(id, doc, cn, { verifications: sm2 }), id).toEqual([]);
    }
    // The restriction still applies to XMLDSig aliases (RU's gost2001 entry).
    const ru = profile({
      id: 'RU',
      signature: { methods: [{ algorithm: 'gost2001', uris: [URI.gost2001Cp] }] },
    });
    const alias = declaration({}, { signatures: [signature({ signatureMethod: URI.gost2001 })] });
    const gost = [verification({ signer: { keyAlgorithm: 'gost2001', keyBits: 256 } })];
    expect(findingsOf('signature/algorithm-name', alias, ru, { verifications: gost })).toHaveLength(
      1,
    );
    // …and the other aspects of a URI-restricted entry still apply to a JWS (here the date).
    const gostJws = jsonDeclaration(jws({ signatureMethod: 'urn:corridor:jose:gost2012-256' }));
    const dated = profile({
      id: 'RU',
      signature: {
        methods: [{ algorithm: 'gost2012-256', uris: [URI.gost256], notAfter: '2020-01-01' }],
      },
    });
    const g256 = [verification({ signer: { keyAlgorithm: 'gost2012-256', keyBits: 256 } })];
    expect(findingsOf('signature/algorithm-name', gostJws, dated, { verifications: g256 })).toEqual(
      [],
    );
    expect(
      findingsOf('signature/algorithm-sunset', gostJws, dated, { verifications: g256 }),
    ).toHaveLength(1);
  });
});

describe('shipped profiles and JWS signatures', () => {
  const shipped = loadProfiles();
  const receiverOf = (id: string): ResolvedProfile => {
    const found = shipped.profiles.get(id);
    if (!found) throw new Error(`no shipped profile ${id}`);
    return found;
  };
  /** Signature rule ids reported for one JWS-signed JSON declaration sent to `to`. */
  const signatureRules = (
    sig: SignatureInfo,
    signer: SignatureVerification['signer'],
    to: string,
  ) =>
    evaluatePair(
      {
        document: jsonDeclaration(sig),
        verifications: [verification({ signatureMethod: sig.signatureMethod, signer })],
        senderId: 'AA',
      },
      receiverOf(to),
      new Date('2026-12-01T00:00:00Z'),
    )
      .findings.map((f) => f.ruleId)
      .filter((id) => id.startsWith('signature/') && id !== 'signature/trusted');

  const rsa3072 = { keyAlgorithm: 'rsa' as const, keyBits: 3072 };
  const gost = {
    keyAlgorithm: 'gost2012-256' as const,
    keyBits: 256,
    curveOid: '1.2.643.7.1.2.1.1.1',
  };
  const sm2 = { keyAlgorithm: 'sm2' as const, keyBits: 256, curveOid: '1.2.156.10197.1.301' };

  it('EU takes a JWS RS256 with a 3072-bit key: no signature finding besides trust', () => {
    expect(signatureRules(jws(), rsa3072, 'EU')).toEqual([]);
  });

  it('RU and CN refuse the JWS for its syntax only, not for its JOSE name, JCS or missing References', () => {
    const gostJws = jws({ signatureMethod: 'urn:corridor:jose:gost2012-256' });
    expect(signatureRules(gostJws, gost, 'RU')).toEqual(['signature/format-accepted']);
    const sm2Jws = jws({ signatureMethod: 'urn:corridor:jose:sm2-sm3' });
    expect(signatureRules(sm2Jws, sm2, 'CN')).toEqual(['signature/format-accepted']);
    // The EAEU gateway inherits XMLDSig only: it cannot re-sign what it cannot read.
    expect(signatureRules(gostJws, gost, 'TTP-EAEU')).toEqual(['signature/format-accepted']);
  });

  it('a JWS whose algorithm the receiver does not take gets both findings', () => {
    expect(signatureRules(jws(), rsa3072, 'RU')).toEqual([
      'signature/format-accepted',
      'signature/method-accepted',
    ]);
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/documents/read.js';
import { run } from '../../src/engine/run.js';
import { pemBlocks } from '../../src/pki/pem.js';
import { loadPrivateKey } from '../../src/pki/keys.js';
import { loadProfiles } from '../../src/profiles/load.js';
import { signedCoverage } from '../../src/rules/signed-coverage.js';
import { signEnveloped } from '../../src/signature/sign.js';
import { verifyDocument } from '../../src/signature/verify.js';
import { tempTree } from '../helpers/tmp.js';
import type { Finding } from '../../src/engine/types.js';

const shipped = (path: string) =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url)), 'utf8');

/**
 * An SMEV 3-style message: the RU sample declaration (its own signature removed) as the payload
 * of MessagePrimaryContent, signed by ID over SenderProvidedRequestData — or, for the negative
 * case, over MessageID only, which leaves the payload unsigned.
 */
function smevMessage(signedId: 'REQUEST' | 'MESSAGE_ID'): string {
  const declaration = shipped('documents/RU/customs-declaration.xml')
    .replace(/^\uFEFF?<\?xml[^>]*>\s*/, '')
    .replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '');
  const smev = 'urn://x-artefacts-smev-gov-ru/services/message-exchange/types/1.1';
  const unsigned =
    `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>` +
    `<ns:SendRequestRequest xmlns:ns="${smev}"><ns:SenderProvidedRequestData Id="REQUEST">` +
    `<ns:MessageID Id="MESSAGE_ID">0b5e1f36-6e5c-11ef-8000-000000000001</ns:MessageID>` +
    `<ns:MessagePrimaryContent>${declaration}</ns:MessagePrimaryContent>` +
    `</ns:SenderProvidedRequestData></ns:SendRequestRequest></soap:Body></soap:Envelope>`;
  const certificate = pemBlocks(shipped('keys/RU/signer-gost2012-256.cert.pem'))[0]!.der;
  return signEnveloped(unsigned, {
    signatureAlgorithm: 'gost2012-256',
    digestAlgorithm: 'streebog256',
    privateKey: loadPrivateKey(shipped('keys/RU/signer-gost2012-256.key.pem')),
    certificates: [certificate],
    referenceUri: `#${signedId}`,
  });
}

function unsignedContentFindings(xml: string): Finding[] {
  const dir = tempTree({ 'smev.xml': xml });
  const result = run({
    kind: 'check',
    profiles: loadProfiles(),
    files: [`${dir}/smev.xml`],
    asOf: new Date('2026-12-01T00:00:00Z'),
    receivers: ['RU'],
    from: 'RU',
  });
  const [pair] = result.pairs;
  expect(pair?.documentType).toBe('customs-declaration');
  expect(pair?.findings.some((f) => f.ruleId === 'signature/valid')).toBe(false);
  return (pair?.findings ?? []).filter((f) => f.ruleId === 'signature/unsigned-content');
}

describe('signature/unsigned-content inside a transport envelope', () => {
  it('an SMEV 3 signature over SenderProvidedRequestData signs the whole payload: RU’s scope "document" is met', () => {
    expect(unsignedContentFindings(smevMessage('REQUEST'))).toEqual([]);
  });

  it('a signature over a sibling of the payload (MessageID) leaves the declaration unsigned', () => {
    const findings = unsignedContentFindings(smevMessage('MESSAGE_ID'));
    expect(findings[0]?.messageId).toBe('wholeDocument');
    expect(findings.some((f) => f.messageId === 'unsignedField')).toBe(true);
  });
});

/**
 * The shipped SMEV 3 fixture (documents/RU/esadout-cu-smev3.xml), signed as SMEV 3 signs. What
 * a signature covers comes from its verified scope: a field of the ESADout_CU payload outside
 * every valid signature is flagged, one inside is not, and a signature that names
 * SenderProvidedRequestData but does not verify covers nothing.
 */
describe('signature/unsigned-content on the SMEV 3 fixture', () => {
  const fixture = shipped('documents/RU/esadout-cu-smev3.xml');
  const check = (xml: string) => {
    const dir = tempTree({ 'smev.xml': xml });
    const result = run({
      kind: 'check',
      profiles: loadProfiles(),
      files: [`${dir}/smev.xml`],
      asOf: new Date('2026-12-01T00:00:00Z'),
      receivers: ['RU'],
      from: 'RU',
    });
    const findings = result.pairs[0]?.findings ?? [];
    return {
      rules: new Set(findings.map((f) => f.ruleId)),
      unsigned: findings.filter((f) => f.ruleId === 'signature/unsigned-content'),
    };
  };
  /** The fixture re-signed the SMEV 3 way over the element with this Id. */
  const signedOver = (xml: string, id: string) =>
    signEnveloped(xml.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, ''), {
      signatureAlgorithm: 'gost2012-256',
      digestAlgorithm: 'streebog256',
      privateKey: loadPrivateKey(shipped('keys/RU/signer-gost2012-256.key.pem')),
      certificates: [pemBlocks(shipped('keys/RU/signer-gost2012-256.cert.pem'))[0]!.der],
      referenceUri: `#${id}`,
      transforms: ['exc-c14n', 'smev-transform'],
      container: {
        namespaceURI: 'urn://x-artefacts-smev-gov-ru/services/message-exchange/types/1.1',
        localName: 'CallerInformationSystemSignature',
      },
    });

  it('covered: the signature over SenderProvidedRequestData verifies and covers every payload field', () => {
    const { rules, unsigned } = check(fixture);
    expect(rules.has('signature/valid')).toBe(false);
    expect(unsigned).toEqual([]);
  });

  it('flagged: signed over the goods shipment only, the declaration number outside it is unsigned', () => {
    const partial = signedOver(
      fixture.replace('<ESADout_CUGoodsShipment>', '<ESADout_CUGoodsShipment Id="goods">'),
      'goods',
    );
    const { rules, unsigned } = check(partial);
    expect(rules.has('signature/valid')).toBe(false);
    expect(unsigned[0]?.messageId).toBe('wholeDocument');
    const declarationNumber = unsigned.find((f) => f.data?.['pointer'] === '/declarationNumber');
    expect(declarationNumber?.messageId).toBe('unsignedField');
    expect(declarationNumber?.data?.['path']).toContain('cat_ru:DocumentID');
    // Located in the payload, where the field is.
    expect(declarationNumber?.location).toMatchObject({
      path: expect.stringMatching(/\/MessagePrimaryContent\/ESADout_CU\/cat_ru:DocumentID$/),
      line: 10,
    });
    // Fields inside the signed shipment are not reported.
    const pointers = unsigned.map((f) => f.data?.['pointer'] ?? '');
    expect(pointers.some((p) => p.startsWith('/goodsItems/'))).toBe(false);
    expect(pointers.some((p) => p.startsWith('/consignor/'))).toBe(false);
  });

  it('a signature naming SenderProvidedRequestData that does not verify covers nothing', () => {
    const tampered = fixture.replace('>7799123456<', '>7799123457<');
    expect(tampered).not.toBe(fixture);
    const document = readDocument('smev.xml', Buffer.from(tampered));
    const verifications = verifyDocument(document.xml!, {
      asOf: new Date('2026-12-01T00:00:00Z'),
    });
    expect(verifications[0]?.valid).toBe(false);
    expect(document.signatures[0]?.signedPaths?.[0]).toMatch(/SenderProvidedRequestData$/);
    expect(signedCoverage(document, verifications)).toMatchObject({
      coveredBy: [],
      hasValid: false,
    });
    expect(check(tampered).rules.has('signature/valid')).toBe(true);
    const valid = readDocument('smev.xml', Buffer.from(fixture));
    expect(
      signedCoverage(valid, verifyDocument(valid.xml!, { asOf: new Date('2026-12-01T00:00:00Z') }))
        .coveredBy,
    ).toEqual([0]);
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/engine/run.js';
import { pemBlocks } from '../../src/pki/pem.js';
import { loadPrivateKey } from '../../src/pki/keys.js';
import { loadProfiles } from '../../src/profiles/load.js';
import { signEnveloped } from '../../src/signature/sign.js';
import { tempTree } from '../helpers/tmp.js';

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

function unsignedContentFindings(xml: string): string[] {
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
  return (pair?.findings ?? [])
    .filter((f) => f.ruleId === 'signature/unsigned-content')
    .map((f) => f.message);
}

describe('signature/unsigned-content inside a transport envelope', () => {
  it('an SMEV 3 signature over SenderProvidedRequestData signs the whole payload: RU’s scope "document" is met', () => {
    expect(unsignedContentFindings(smevMessage('REQUEST'))).toEqual([]);
  });

  it('a signature over a sibling of the payload (MessageID) leaves the declaration unsigned', () => {
    const messages = unsignedContentFindings(smevMessage('MESSAGE_ID'));
    expect(messages[0]).toMatch(/requires a signature over the whole document/);
    expect(messages.some((m) => m.includes('lies outside every valid signature'))).toBe(true);
  });
});

// WS-Security (OASIS WSS 1.0): a SOAP message signed by xmlsec1 over its wsu:Id'd Body, the key
// in a BinarySecurityToken named by a SecurityTokenReference. corridor must find both.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { hasXmlsec1, scratchFile, selfSignedRsa } from '../helpers/xmlsec1.js';

const WSU = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
const WSSE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const X509V3 =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3';
const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';

function template(certBase64: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<soap:Envelope xmlns:soap="${SOAP}" xmlns:wsse="${WSSE}" xmlns:wsu="${WSU}"><soap:Header><wsse:Security><wsse:BinarySecurityToken ValueType="${X509V3}" wsu:Id="X509Token">${certBase64}</wsse:BinarySecurityToken><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><ds:Reference URI="#Body"><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><wsse:SecurityTokenReference><wsse:Reference URI="#X509Token" ValueType="${X509V3}"/></wsse:SecurityTokenReference></ds:KeyInfo></ds:Signature></wsse:Security></soap:Header><soap:Body wsu:Id="Body"><Declaration xmlns="urn:example:customs"><Amount>100.00</Amount></Declaration></soap:Body></soap:Envelope>`;
}

describe.runIf(hasXmlsec1() || Boolean(process.env.CI))(
  'WS-Security message signed by xmlsec1',
  () => {
    const { key: keyFile, cert: certFile } = selfSignedRsa(
      '/CN=WSS Test Signer/O=corridor test/C=KZ',
    );
    const certBase64 = readFileSync(certFile, 'utf8').replace(/-----[^-]+-----|\s/g, '');
    const tmpl = scratchFile('wss-template.xml', template(certBase64));
    const signedFile = join(tmpl, '..', 'wss-signed.xml');
    // xmlsec1 knows no wsu:Id: it is told the Body's Id attribute is an ID (--id-attr).
    const run = spawnSync(
      'xmlsec1',
      [
        'sign',
        '--privkey-pem',
        keyFile,
        '--id-attr:Id',
        `${SOAP}:Body`,
        '--output',
        signedFile,
        tmpl,
      ],
      { encoding: 'utf8' },
    );
    const signed = readFileSync(signedFile, 'utf8');
    const asOf = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

    async function verify(xml: string) {
      const file = scratchFile('wss-case.xml', xml);
      const out = await runCli([
        'verify',
        file,
        '--trust',
        certFile,
        '--as-of',
        asOf,
        '--format',
        'json',
      ]);
      return (
        JSON.parse(out.stdout) as {
          results: Array<{
            signatures: Array<{
              valid: boolean | null;
              trusted: boolean | null;
              keySource: string;
              problems: Array<{ ruleId: string }>;
            }>;
          }>;
        }
      ).results[0]!.signatures[0]!;
    }

    it('verifies: Body found by wsu:Id, key from the BinarySecurityToken, chain trusted', async () => {
      expect(run.status, run.stderr).toBe(0);
      const v = await verify(signed);
      expect([v.valid, v.keySource, v.trusted]).toEqual([true, 'x509', true]);
    });

    it('a one-character change in the Body breaks it', async () => {
      const v = await verify(signed.replace('100.00', '900.00'));
      expect(v.valid).toBe(false);
    });

    it('an Id outside the wsu namespace is no ID: the reference does not resolve', async () => {
      const v = await verify(signed.replace('wsu:Id="Body"', 'Ident="Body"'));
      expect(v.valid).toBe(false);
      expect(v.problems.map((p) => p.ruleId)).toContain('xmldsig/reference-unresolved');
    });

    it('a token reference to something other than an X509v3 token gives no key', async () => {
      const v = await verify(
        signed.replace(`ValueType="${X509V3}" wsu:Id`, 'ValueType="urn:other" wsu:Id'),
      );
      expect(v.valid).not.toBe(true);
      expect(v.keySource).toBe('none');
    });
  },
);

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { Ajv } from 'ajv';
import { SignedXml } from 'xml-crypto';
import { describe, expect, it } from 'vitest';
import { runVerify, type VerifyOutput } from '../../src/cli/actions/verify.js';
import { signEnveloped, type SignOptions } from '../../src/signature/sign.js';
import { readSignatures } from '../../src/signature/read.js';
import { XADES_SIGNED_PROPERTIES_TYPE } from '../../src/signature/signing-time.js';
import type { SignatureInfo, SignatureVerification } from '../../src/signature/types.js';
import { verifyDocument } from '../../src/signature/verify.js';
import { readDateTime } from '../../src/util/date-time.js';
import { parseXml } from '../../src/xml/parse.js';
import { signedDeclaration, signer, verifyText } from '../jose/helpers.js';
import { tempTree } from '../helpers/tmp.js';
import { gostKeyPair, nodeKeyPair, type TestKeyPair } from './keys.js';

const validateVerifyOutput = new Ajv({ allErrors: true, strict: true }).compile(
  JSON.parse(
    readFileSync(new URL('../../schemas/verify-output.schema.json', import.meta.url), 'utf8'),
  ) as object,
);

const UNSIGNED =
  '<d:Declaration xmlns:d="urn:test:declaration">\n  <d:Goods>Laptops</d:Goods>\n</d:Declaration>\n';
const gost = gostKeyPair('gost2001');
const GOST2001: SignOptions = {
  signatureAlgorithm: 'gost2001',
  digestAlgorithm: 'gostr3411-94',
  privateKey: gost.privateKey,
};

function sign(time: string, signed = true, options: SignOptions = GOST2001): string {
  return signEnveloped(UNSIGNED, { ...options, xadesSigningTime: { time, signed } });
}

function read(xml: string): SignatureInfo {
  const [info] = readSignatures(parseXml(xml));
  return info as SignatureInfo;
}

function verify(xml: string, pair: TestKeyPair = gost): SignatureVerification {
  const [v] = verifyDocument(parseXml(xml), { asOf: new Date(), keys: [pair.publicKey] });
  return v as SignatureVerification;
}

const badTimeProblems = (info: SignatureInfo) =>
  info.problems.filter((p) => p.ruleId === 'xmldsig/bad-signing-time');

describe('XAdES SigningTime', () => {
  it('is signed when a Reference of the signature digests its SignedProperties', () => {
    const xml = sign('2019-06-01T10:00:00Z');
    const info = read(xml);
    expect(info.signingTime).toMatchObject({
      source: 'xades',
      text: '2019-06-01T10:00:00Z',
      utc: '2019-06-01T10:00:00.000Z',
      signed: true,
    });
    expect(info.references.map((r) => r.type)).toEqual([undefined, XADES_SIGNED_PROPERTIES_TYPE]);
    expect(info.problems).toEqual([]);
    const v = verify(xml);
    expect(v.problems).toEqual([]);
    expect(v.valid).toBe(true);
    expect(v.references?.map((r) => r.digestValid)).toEqual([true, true]);
  });

  it('a changed signed SigningTime breaks the signature', () => {
    const xml = sign('2019-06-01T10:00:00Z');
    const moved = xml.replace('2019-06-01T10:00:00Z', '2018-06-01T10:00:00Z');
    expect(moved).not.toBe(xml);
    expect(read(moved).signingTime).toMatchObject({
      signed: true,
      utc: '2018-06-01T10:00:00.000Z',
    });
    const v = verify(moved);
    expect(v.valid).toBe(false);
    expect(v.references?.map((r) => r.digestValid)).toEqual([true, false]);
    expect(v.problems.map((p) => p.ruleId)).toContain('xmldsig/digest-mismatch');
  });

  it('without a Reference to it, it is a claim: the signature verifies, the time is unsigned', () => {
    const xml = sign('2019-06-01T10:00:00Z', false);
    const info = read(xml);
    expect(info.references).toHaveLength(1);
    expect(info.signingTime).toMatchObject({ signed: false, utc: '2019-06-01T10:00:00.000Z' });
    // Anyone can change a claim without breaking the signature: that is why it counts for nothing.
    const moved = xml.replace('2019-06-01', '2011-01-01');
    expect(verify(moved).valid).toBe(true);
    expect(read(moved).signingTime).toMatchObject({ signed: false, text: '2011-01-01T10:00:00Z' });
  });

  it('a Reference whose transforms could drop it does not make it signed', () => {
    const xml = sign('2019-06-01T10:00:00Z').replace(
      /(<ds:Reference Type="[^"]+" URI="#[^"]+"><ds:Transforms>)/,
      '$1<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>',
    );
    expect(read(xml).signingTime?.signed).toBe(false);
  });

  it('a Reference to another element does not sign it; no QualifyingProperties, no time', () => {
    expect(read(signEnveloped(UNSIGNED, GOST2001)).signingTime).toBeUndefined();
    const elsewhere = sign('2019-06-01T10:00:00Z').replace(
      /URI="#corridor-signed-properties"/,
      'URI="#corridor-signature"',
    );
    expect(read(elsewhere).signingTime?.signed).toBe(false);
  });

  it('reads a time zone offset as UTC, even across midnight', () => {
    const info = read(sign('2019-12-31T23:30:00-02:00'));
    expect(info.signingTime?.utc).toBe('2020-01-01T01:30:00.000Z');
    expect(info.signingTime?.signed).toBe(true);
  });

  it('a malformed or zone-less time is a problem, not a crash, and has no instant', () => {
    for (const [text, why] of [
      ['yesterday', /not a date-time/],
      ['2019-06-01T10:00:00', /no time zone/],
      ['2019-02-30T10:00:00Z', /not a real date/],
      ['2019-06-01T24:00:00Z', /not a real date/],
      ['2019-06-01T10:00:00+15:00', /out of range/],
    ] as const) {
      const info = read(sign(text));
      expect(info.signingTime, text).toMatchObject({ text, signed: true });
      expect(info.signingTime?.utc, text).toBeUndefined();
      const [problem, ...more] = badTimeProblems(info);
      expect(more).toEqual([]);
      expect(problem?.message).toMatch(why);
      expect(problem?.pos).toBeDefined();
    }
    const withComment = sign('2019-06-01T10:00:00Z').replace(
      '<xades:SigningTime>2019',
      '<xades:SigningTime><!--x-->2019',
    );
    expect(read(withComment).signingTime?.utc).toBeUndefined();
    expect(badTimeProblems(read(withComment))[0]?.message).toMatch(/comment/);
  });

  it('a megabyte-long SigningTime is refused quickly and quoted clipped', () => {
    const huge = `2019-06-01T10:00:00.${'1'.repeat(1_000_000)}`;
    const info = read(sign(huge));
    expect(info.signingTime?.utc).toBeUndefined();
    expect(info.signingTime?.text).toHaveLength(65);
    const [problem] = badTimeProblems(info);
    expect(problem?.message.length).toBeLessThan(200);
  });

  it('an unsigned second SigningTime is reported; the signed one still counts', () => {
    const claim =
      '<ds:Object><xades:QualifyingProperties xmlns:xades="http://uri.etsi.org/01903/v1.3.2#">' +
      '<xades:SignedProperties><xades:SignedSignatureProperties>' +
      '<xades:SigningTime>2011-01-01T00:00:00Z</xades:SigningTime>' +
      '</xades:SignedSignatureProperties></xades:SignedProperties>' +
      '</xades:QualifyingProperties></ds:Object></ds:Signature>';
    const xml = sign('2019-06-01T10:00:00Z').replace('</ds:Signature>', claim);
    const info = read(xml);
    expect(info.signingTime).toMatchObject({ signed: true, utc: '2019-06-01T10:00:00.000Z' });
    expect(badTimeProblems(info)[0]?.message).toMatch(/2 XAdES SigningTime elements \(1 signed\)/);
    // Two unsigned claims: neither counts as signed.
    const claims = sign('2019-06-01T10:00:00Z', false).replace('</ds:Signature>', claim);
    expect(read(claims).signingTime?.signed).toBe(false);
  });

  it('reads the signed SigningTime of a DSS-made XAdES-BES and checks its SignedProperties digest', () => {
    const xml = readFileSync(
      new URL('../vectors/dss-xades/simple-test-signed-xades-baseline-b.xml', import.meta.url),
      'utf8',
    );
    expect(read(xml).signingTime).toMatchObject({
      source: 'xades',
      utc: '2018-05-16T15:41:42.000Z',
      signed: true,
    });
    const check = (text: string) => {
      const [v] = verifyDocument(parseXml(text), { asOf: new Date('2019-01-01T00:00:00Z') });
      return v as SignatureVerification;
    };
    const v = check(xml);
    // The detached document is never fetched; what is here verifies.
    expect(v.references?.map((r) => r.digestValid)).toEqual([null, true]);
    expect(v.problems.map((p) => p.ruleId)).not.toContain('xmldsig/signature-mismatch');
    expect(v.valid).toBeNull();
    const moved = check(xml.replace('2018-05-16T15:41:42Z', '2017-05-16T15:41:42Z'));
    expect(moved.references?.map((r) => r.digestValid)).toEqual([null, false]);
    expect(moved.valid).toBe(false);
    // The SignatureValue is checked too: a changed one is refused.
    const forged = check(xml.replace('qR/vYYVpPwe2', 'qR/vYYVpPwe3'));
    expect(forged.problems.map((p) => p.ruleId)).toContain('xmldsig/signature-mismatch');
  });

  it('xml-crypto (independent) verifies both References of a corridor XAdES signature', () => {
    const rsa = nodeKeyPair('rsa');
    const xml = sign('2019-06-01T10:00:00Z', true, {
      signatureAlgorithm: 'rsa-sha256',
      digestAlgorithm: 'sha256',
      privateKey: rsa.privateKey,
    });
    const publicPem =
      rsa.publicKey.family === 'rsa'
        ? rsa.publicKey.keyObject.export({ type: 'spki', format: 'pem' }).toString()
        : '';
    const check = (text: string): boolean => {
      const dom = new DOMParser().parseFromString(text, 'text/xml');
      const element = dom.getElementsByTagNameNS(
        'http://www.w3.org/2000/09/xmldsig#',
        'Signature',
      )[0];
      const sx = new SignedXml({ publicCert: publicPem });
      sx.loadSignature(element as unknown as Parameters<SignedXml['loadSignature']>[0]);
      try {
        return sx.checkSignature(text) && sx.getSignedReferences().length === 2;
      } catch {
        return false;
      }
    };
    expect(check(xml)).toBe(true);
    expect(check(xml.replace('2019-06-01T10', '2018-06-01T10'))).toBe(false);
    expect(verify(xml, rsa).valid).toBe(true);
  });
});

describe('corridor verify', () => {
  it('shows the signing time and whether the signature covers it (JSON matches the schema)', () => {
    const rsa = nodeKeyPair('rsa');
    const options: SignOptions = {
      signatureAlgorithm: 'rsa-sha256',
      digestAlgorithm: 'sha256',
      privateKey: rsa.privateKey,
    };
    const pem =
      rsa.publicKey.family === 'rsa'
        ? rsa.publicKey.keyObject.export({ type: 'spki', format: 'pem' }).toString()
        : '';
    const dir = tempTree({
      'signed.xml': sign('2019-06-01T13:00:00+03:00', true, options),
      'claimed.xml': sign('2019-06-01T10:00:00Z', false, options),
      'key.pem': pem,
    });
    const files = [join(dir, 'signed.xml'), join(dir, 'claimed.xml')];
    const run = runVerify(files, { key: [join(dir, 'key.pem')], format: 'json' });
    const output = JSON.parse(run.output) as VerifyOutput;
    expect(validateVerifyOutput(output), JSON.stringify(validateVerifyOutput.errors)).toBe(true);
    expect(output.results.map((r) => r.signatures[0]?.signingTime)).toEqual([
      { time: '2019-06-01T10:00:00.000Z', source: 'xades', signed: true },
      { time: '2019-06-01T10:00:00.000Z', source: 'xades', signed: false },
    ]);
    const text = runVerify(files, { key: [join(dir, 'key.pem')] }).output;
    expect(text).toContain('signing time 2019-06-01T10:00:00.000Z (XAdES SigningTime, signed)');
    expect(text).toContain('(XAdES SigningTime, NOT signed: a claim)');
  });
});

describe('JWS sigT', () => {
  it('is always signed (it is in the protected header)', () => {
    const { document } = verifyText(
      JSON.stringify(signedDeclaration(signer('rsa'), 'rsa-sha256'), null, 2),
    );
    expect(document.signatures[0]?.signingTime).toMatchObject({
      source: 'jws-sigT',
      text: '2026-11-01T10:00:00Z',
      utc: '2026-11-01T10:00:00.000Z',
      signed: true,
    });
  });

  it('a malformed sigT has no instant (and the bad header refuses the signature)', () => {
    const value = signedDeclaration(signer('rsa'), 'rsa-sha256', { header: { sigT: 'yesterday' } });
    const { document, verifications } = verifyText(JSON.stringify(value));
    expect(document.signatures[0]?.signingTime).toMatchObject({ text: 'yesterday', signed: true });
    expect(document.signatures[0]?.signingTime?.utc).toBeUndefined();
    expect(verifications[0]?.valid).toBe(false);
  });

  it('a JWS without sigT has no signing time', () => {
    const value = signedDeclaration(signer('rsa'), 'rsa-sha256', { signingTime: undefined });
    const { document } = verifyText(JSON.stringify(value));
    expect(document.signatures[0]?.signingTime).toBeUndefined();
  });
});

describe('readDateTime', () => {
  it('reads xsd:dateTime with a zone as a UTC instant', () => {
    expect(readDateTime('2019-06-01T10:00:00Z')).toEqual({ utc: '2019-06-01T10:00:00.000Z' });
    expect(readDateTime('2019-06-01T10:00:00.1234+05:30')).toEqual({
      utc: '2019-06-01T04:30:00.123Z',
    });
    expect(readDateTime('2020-02-29T00:00:00Z')).toEqual({ utc: '2020-02-29T00:00:00.000Z' });
  });

  it('refuses what is not one', () => {
    for (const text of [
      '',
      '2019-06-01',
      '2019-06-01 10:00:00Z',
      '2019-13-01T00:00:00Z',
      '2019-02-29T00:00:00Z',
      '2019-06-01T10:60:00Z',
      `2019-06-01T10:00:00Z${' '.repeat(5)}`,
    ]) {
      expect('error' in readDateTime(text), text).toBe(true);
    }
  });
});

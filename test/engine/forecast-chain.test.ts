// The forecast sees the chain each receiver will build: an intermediate shipped with a profile
// (signature.intermediates) or given with --certs expires, a profile's CRL becomes current;
// each is a date on which a cell can change, though the document carries none of them.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { candidateDates, forecast } from '../../src/engine/forecast.js';
import { loadDocument } from '../../src/engine/run.js';
import type { PrivateKey } from '../../src/crypto/types.js';
import { parseCertificate } from '../../src/pki/certificate.js';
import { parseCrl } from '../../src/pki/crl.js';
import { pemBlocks } from '../../src/pki/pem.js';
import { issueCertificate } from '../../src/pki/issue.js';
import { loadProfiles } from '../../src/profiles/load.js';
import { signEnveloped } from '../../src/signature/sign.js';
import { tempTree } from '../helpers/tmp.js';

const UNSIGNED = `<?xml version="1.0" encoding="UTF-8"?>
<CustomsDeclaration xmlns="urn:corridor:customs-declaration:1">
  <DeclarationNumber>D-1</DeclarationNumber>
  <IssuingCountry>AA</IssuingCountry>
  <Currency>EUR</Currency>
  <GoodsItem>
    <CommodityCode>12345678</CommodityCode>
  </GoodsItem>
</CustomsDeclaration>
`;

function rsa(): { privateKey: PrivateKey; spki: Uint8Array } {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: { family: 'rsa', keyObject: pair.privateKey },
    spki: new Uint8Array(pair.publicKey.export({ type: 'spki', format: 'der' })),
  };
}

const pem = (der: Uint8Array) =>
  `-----BEGIN CERTIFICATE-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;

/** root (to 2040) → intermediate (to 2028-03-31) → signer (to 2035); the document carries the signer only. */
function pki() {
  const root = rsa();
  const inter = rsa();
  const signer = rsa();
  const rootDer = issueCertificate({
    subject: 'CN=Forecast Root,C=AA',
    issuerKey: root.privateKey,
    subjectPublicKey: root.spki,
    notBefore: new Date('2020-01-01T00:00:00Z'),
    notAfter: new Date('2040-01-01T00:00:00Z'),
    isCA: true,
    serial: 1n,
  });
  const interDer = issueCertificate({
    subject: 'CN=Forecast Intermediate,C=AA',
    issuerCert: parseCertificate(rootDer),
    issuerKey: root.privateKey,
    subjectPublicKey: inter.spki,
    notBefore: new Date('2020-01-01T00:00:00Z'),
    notAfter: new Date('2028-03-31T12:00:00Z'),
    isCA: true,
    serial: 2n,
  });
  const signerDer = issueCertificate({
    subject: 'CN=Forecast Signer,C=AA',
    issuerCert: parseCertificate(interDer),
    issuerKey: inter.privateKey,
    subjectPublicKey: signer.spki,
    notBefore: new Date('2020-01-01T00:00:00Z'),
    notAfter: new Date('2035-01-01T00:00:00Z'),
    isCA: false,
    serial: 3n,
  });
  const xml = signEnveloped(UNSIGNED, {
    signatureAlgorithm: 'rsa-sha256',
    digestAlgorithm: 'sha256',
    privateKey: signer.privateKey,
    certificates: [signerDer],
  });
  return { rootDer, interDer, xml };
}

const accepts = { 'customs-declaration': { accepted: true } };
const profile = (id: string, signature: object) => ({
  id,
  name: id,
  kind: 'jurisdiction',
  version: '1',
  signature: { trustAnchors: [{ file: 'pki/root.pem' }], ...signature },
  documents: accepts,
});

describe('forecast and the certificates outside the document', () => {
  const { rootDer, interDer, xml } = pki();
  const dir = tempTree({
    'profiles/AA.json': {
      id: 'AA',
      name: 'A',
      kind: 'jurisdiction',
      version: '1',
      documents: accepts,
    },
    // RR ships the intermediate; SS does not (the run's --certs gives it).
    'profiles/RR.json': profile('RR', { intermediates: [{ file: 'pki/inter.pem' }] }),
    'profiles/SS.json': profile('SS', {}),
    'profiles/pki/root.pem': pem(rootDer),
    'profiles/pki/inter.pem': pem(interDer),
    'docs/a.xml': xml,
  });
  const profiles = loadProfiles(join(dir, 'profiles'));
  const from = new Date('2027-01-01T00:00:00Z');
  const until = new Date('2029-12-31T00:00:00Z');
  const change = (result: ReturnType<typeof forecast>, receiver: string) =>
    result.changes.filter((c) => c.receiver === receiver);

  it('a profile intermediate’s expiry is a candidate date, and the receiver’s cell changes then', () => {
    const documents = [loadDocument(join(dir, 'docs/a.xml'), undefined, from)];
    expect(candidateDates(profiles, documents)).toContain('2028-04-01');
    const result = forecast(documents, { profiles, from, until });
    const rr = change(result, 'RR');
    expect(rr).toHaveLength(1);
    expect(rr[0]).toMatchObject({ date: '2028-04-01', after: 'fail' });
    expect(rr[0]?.reasons.join('\n')).toContain('signature/trusted');
    // SS never had a path (no intermediate): nothing changes for it.
    expect(change(result, 'SS')).toEqual([]);
  });

  it('an intermediate given with --certs: the cell of a receiver it serves changes on its expiry', () => {
    const documents = [
      loadDocument(join(dir, 'docs/a.xml'), undefined, from, { certificates: [interDer] }),
    ];
    const result = forecast(documents, { profiles, from, until });
    expect(change(result, 'SS')).toMatchObject([{ date: '2028-04-01', after: 'fail' }]);
    expect(change(result, 'RR')).toMatchObject([{ date: '2028-04-01', after: 'fail' }]);
  });
});

describe('forecast and a profile’s CRL', () => {
  // xmlsec's CRL case: ca2 (under cacert) issued the signer; its CRL, current from
  // 2026-03-15T15:16:17Z, revokes it (test/vectors/xmlsec/README.md).
  const keys = new URL('../vectors/xmlsec/keys/', import.meta.url).pathname;
  const read = (name: string) => readFileSync(join(keys, name), 'utf8');
  const dir = tempTree({
    'CC.json': profile('CC', {
      intermediates: [{ file: 'pki/ca2.pem' }],
      crls: [{ file: 'pki/ca2.crl' }],
    }),
    'pki/root.pem': read('cacert.pem'),
    'pki/ca2.pem': read('ca2cert.pem'),
    'pki/ca2.crl': read('rsa-2048-cert-revoked-crl.pem'),
  });

  it('the days the CRL becomes current and stale are candidate dates', () => {
    // (The document is no customs declaration, so its cells fail either way: only the dates
    // can be asserted on it.)
    const profiles = loadProfiles(dir);
    const documents = [
      loadDocument(
        new URL(
          '../vectors/xmlsec/aleksey-xmldsig-01/enveloped-x509-missing-cert.xml',
          import.meta.url,
        ).pathname,
        undefined,
        new Date('2026-03-10T00:00:00Z'),
      ),
    ];
    expect(candidateDates(profiles, documents)).toEqual(
      expect.arrayContaining(['2026-03-16', '2026-04-15']),
    );
  });

  it('the run’s own --crl gives its dates too, as a profile’s does', () => {
    const plain = tempTree({
      'CC.json': profile('CC', { intermediates: [{ file: 'pki/ca2.pem' }] }),
      'pki/root.pem': read('cacert.pem'),
      'pki/ca2.pem': read('ca2cert.pem'),
    });
    const profiles = loadProfiles(plain);
    const file = new URL(
      '../vectors/xmlsec/aleksey-xmldsig-01/enveloped-x509-missing-cert.xml',
      import.meta.url,
    ).pathname;
    const asOf = new Date('2026-03-10T00:00:00Z');
    const crl = parseCrl(pemBlocks(read('rsa-2048-cert-revoked-crl.pem'))[0]!.der);
    const withCrl = [loadDocument(file, undefined, asOf, { crls: [crl] })];
    expect(candidateDates(profiles, withCrl)).toEqual(
      expect.arrayContaining(['2026-03-16', '2026-04-15']),
    );
    const without = candidateDates(profiles, [loadDocument(file, undefined, asOf)]);
    expect(without).not.toContain('2026-03-16');
    expect(without).not.toContain('2026-04-15');
  });
});

import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { algorithmByUri } from '../../src/algorithms/registry.js';
import { definitionByType } from '../../src/documents/types/index.js';
import { run } from '../../src/engine/run.js';
import { modelToXml } from '../../src/fixtures/model-to-xml.js';
import { sampleModels } from '../../src/fixtures/sample-models.js';
import { loadPrivateKey } from '../../src/pki/keys.js';
import { pemBlocks } from '../../src/pki/pem.js';
import { loadProfiles } from '../../src/profiles/load.js';
import { SHIPPED_PROFILES_DIR } from '../../src/profiles/read.js';
import { signEnveloped } from '../../src/signature/sign.js';
import type { SignatureVerification } from '../../src/signature/types.js';
import { verifyDocument } from '../../src/signature/verify.js';
import { parseXml } from '../../src/xml/parse.js';
import { tempTree } from '../helpers/tmp.js';

/** The proofs the sources audit (issue #13) asks for, on documents nobody on this team made. */

const vector = (path: string) => new URL(`../vectors/${path}`, import.meta.url);
const fixture = (path: string) => new URL(`../../fixtures/${path}`, import.meta.url).pathname;

function findings(file: string, receiver: string, asOf: string, profiles = SHIPPED_PROFILES_DIR) {
  const result = run({
    kind: 'check',
    profiles: loadProfiles(profiles),
    files: [file],
    asOf: new Date(`${asOf}T12:00:00Z`),
    receivers: [receiver],
  });
  return result.pairs.flatMap((p) => p.findings);
}

const ruleIds = (list: ReturnType<typeof findings>) => list.map((f) => f.ruleId);

describe('RU: a real SMEV 3 signature on CryptoPro-XchA', () => {
  const file = vector('smev3/send-request-response.xml').pathname;

  it('verifies, and its key is GOST 2012-256 on CryptoPro-XchA', () => {
    const [v] = verifyDocument(parseXml(readFileSync(file, 'utf8')), {
      asOf: new Date('2020-06-01T00:00:00Z'),
    }) as SignatureVerification[];
    expect(v?.valid).toBe(true);
    expect([v?.signer?.keyAlgorithm, v?.signer?.curveOid]).toEqual([
      'gost2012-256',
      '1.2.643.2.2.36.0',
    ]);
  });

  it('is accepted by the RU profile (signature/curve), and would not be without XchA', () => {
    // While its certificate was valid: only the signing rules are of interest here.
    const shipped = ruleIds(findings(file, 'RU', '2020-06-01'));
    for (const rule of ['signature/curve', 'signature/method-accepted', 'signature/valid']) {
      expect(shipped).not.toContain(rule);
    }
    const dir = tempTree({});
    cpSync(SHIPPED_PROFILES_DIR, dir, { recursive: true });
    const ru = JSON.parse(readFileSync(join(dir, 'RU.json'), 'utf8')) as {
      signature: { methods: { algorithm: string; curves?: string[] }[] };
    };
    const gost = ru.signature.methods.find((m) => m.algorithm === 'gost2012-256');
    if (!gost?.curves) throw new Error('RU lists no curves for gost2012-256');
    gost.curves = gost.curves.filter((c) => !c.startsWith('1.2.643.2.2.36.'));
    writeFileSync(join(dir, 'RU.json'), JSON.stringify(ru));
    expect(ruleIds(findings(file, 'RU', '2020-06-01', dir))).toContain('signature/curve');
  });
});

describe('CN: SM2 under http://www.w3.org/2000/09/xmldsig#sm2-sm3', () => {
  const EPORT_SM2 = 'http://www.w3.org/2000/09/xmldsig#sm2-sm3';

  it('is recognised as SM2/SM3, as are the 2022 e-Port names', () => {
    expect(algorithmByUri(EPORT_SM2)?.id).toBe('sm2-sm3');
    expect(algorithmByUri('http://www.chinaport.gov.cn/2022/04/xmldsig#sm2-sm3')?.id).toBe(
      'sm2-sm3',
    );
    expect(algorithmByUri('http://www.chinaport.gov.cn/2022/04/xmldsig#sm3')?.id).toBe('sm3');
  });

  it('a real e-Port SignatureValue verifies over its SignedInfo; a changed one does not', () => {
    const response = JSON.parse(readFileSync(vector('chinaport/sign-response.json'), 'utf8')) as {
      x509Certificate: string;
      signatureValue: string;
      signatureNode: string;
    };
    // The card returns SignedInfo canonicalized in place; in the document the ceb/xsi
    // declarations sit on the root, where C14N 1.0 finds them again.
    const signedInfo = response.signatureNode.replace(/ xmlns:\w+="[^"]*"/g, '');
    const document = (signatureValue: string) =>
      '<ceb:CEB621Message xmlns:ceb="http://www.chinaport.gov.cn/ceb" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><ceb:Inventory/>' +
      `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">${signedInfo}` +
      `<ds:SignatureValue>${signatureValue}</ds:SignatureValue><ds:KeyInfo><ds:X509Data>` +
      `<ds:X509Certificate>${response.x509Certificate}</ds:X509Certificate>` +
      '</ds:X509Data></ds:KeyInfo></ds:Signature></ceb:CEB621Message>';
    const check = (value: string) =>
      verifyDocument(parseXml(document(value)), {
        asOf: new Date('2026-12-01T00:00:00Z'),
      })[0] as SignatureVerification;
    const real = check(response.signatureValue);
    expect(real.signer?.keyAlgorithm).toBe('sm2');
    const problems = real.problems.map((p) => p.ruleId);
    // The signed CEB message is not published: only its digest cannot match.
    expect(problems).not.toContain('xmldsig/signature-mismatch');
    expect(problems).not.toContain('xmldsig/unknown-algorithm');
    expect(problems).toContain('xmldsig/digest-mismatch');
    const changed = response.signatureValue.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect(check(changed).problems.map((p) => p.ruleId)).toContain('xmldsig/signature-mismatch');
  });

  it('a CN declaration signed in that form (SHA-1 References, C14N 1.0) verifies and CN accepts it', () => {
    const file = fixture('documents/CN/customs-declaration.xml');
    const xml = readFileSync(file, 'utf8');
    expect(xml).toContain(`<ds:SignatureMethod Algorithm="${EPORT_SM2}"/>`);
    expect(xml).toContain('<ds:DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"/>');
    const [v] = verifyDocument(parseXml(xml), { asOf: new Date('2026-12-01T00:00:00Z') });
    expect(v?.valid).toBe(true);
    expect(ruleIds(findings(file, 'CN', '2026-12-01'))).toEqual([]);
    // The SHA-1 References are CN's own practice; a receiver without SHA-1 says what it means.
    expect(ruleIds(findings(file, 'EU', '2026-12-01'))).toContain('signature/digest-accepted');
  });
});

describe('EU: DSS ends RSA PKCS#1 v1.5 at every key size on 2029-01-01', () => {
  const keys = fixture('keys/EU');
  const model = sampleModels('EU')['customs-declaration'];
  const cert = (name: string) => {
    const block = pemBlocks(readFileSync(join(keys, name), 'utf8')).find(
      (b) => b.label === 'CERTIFICATE',
    );
    if (!block) throw new Error(`no certificate in ${name}`);
    return block.der;
  };

  it('fails RSA-3072 PKCS#1 v1.5 and passes RSA-PSS-3072 as of 2029-01-01', () => {
    const dir = tempTree({});
    const file = join(dir, 'rsa-3072-pkcs1.xml');
    writeFileSync(
      file,
      signEnveloped(modelToXml(model, definitionByType('customs-declaration')), {
        signatureAlgorithm: 'rsa-sha256',
        digestAlgorithm: 'sha256',
        privateKey: loadPrivateKey(readFileSync(join(keys, 'signer-rsa3072.key.pem'), 'utf8')),
        certificates: [cert('signer-rsa3072.cert.pem'), cert('ca.cert.pem')],
      }),
    );
    const pkcs1 = findings(file, 'EU', '2029-01-01');
    expect(ruleIds(pkcs1)).toContain('signature/algorithm-sunset');
    expect(pkcs1.find((f) => f.ruleId === 'signature/algorithm-sunset')?.severity).toBe('error');
    expect(ruleIds(findings(file, 'EU', '2028-12-31'))).not.toContain('signature/algorithm-sunset');
    // The EU's own declaration: RSA-PSS (MGF1, SHA-256) with the same 3072-bit key.
    const pss = fixture('documents/EU/customs-declaration.xml');
    expect(readFileSync(pss, 'utf8')).toContain('sha256-rsa-MGF1');
    const after = ruleIds(findings(pss, 'EU', '2029-01-01'));
    for (const rule of ['signature/algorithm-sunset', 'signature/key-size', 'signature/valid']) {
      expect(after).not.toContain(rule);
    }
  });
});

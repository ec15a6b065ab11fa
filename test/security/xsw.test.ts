/**
 * XML signature wrapping XSW1–XSW8 (Somorovsky et al., "On Breaking SAML", USENIX Security
 * 2012), rebuilt over a signed fixture instead of a SAML Response: the forged content sits where
 * a reader looks, the signed original is moved so its Reference still finds it by ID. Every
 * form must be refused by the signed-scope model (no "must sign the root" rule): the signature
 * is not valid and security/signature-wrapping names the form. The untouched documents pass.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPrivateKey } from '../../src/pki/keys.js';
import { pemBlocks } from '../../src/pki/pem.js';
import { signEnveloped } from '../../src/signature/sign.js';
import { evaluateBytes, securityIds } from '../hostile/corpus.js';

const ROOT = join(import.meta.dirname, '../..');
const pem = (path: string) => readFileSync(join(ROOT, 'fixtures/keys', path), 'utf8');
const key = loadPrivateKey(pem('IN/signer-rsa2048.key.pem'));
const cert = pemBlocks(pem('IN/signer-rsa2048.cert.pem')).find((b) => b.label === 'CERTIFICATE');
const SIGNATURE_RE = /<ds:Signature[\s>][\s\S]*?<\/ds:Signature>/;
const unsignedIn = readFileSync(
  join(ROOT, 'fixtures/documents/IN/customs-declaration.xml'),
  'utf8',
).replace(SIGNATURE_RE, '');

function sign(text: string, referenceUri: `#${string}`): string {
  return signEnveloped(text, {
    signatureAlgorithm: 'rsa-sha256',
    digestAlgorithm: 'sha256',
    privateKey: key,
    certificates: cert ? [cert.der] : [],
    referenceUri,
  });
}

function must(text: string, pattern: RegExp): string {
  const found = pattern.exec(text)?.[0];
  if (!found) throw new Error(`no ${pattern}`);
  return found;
}

// The root signed by ID (the fixture's root carries Id="doc"): the forms that hide a whole
// signed document.
const byRoot = sign(unsignedIn, '#doc');
const signedRoot = must(byRoot, /<CustomsDeclaration [\s\S]*<\/CustomsDeclaration>/);
const prolog = byRoot.slice(0, byRoot.indexOf('<CustomsDeclaration'));
const rootSignature = must(signedRoot, SIGNATURE_RE);
const forgedRoot = (inner: string) =>
  `${prolog}<CustomsDeclaration xmlns="urn:corridor:customs-declaration:1">\n  <DeclarationNumber>FORGED-1</DeclarationNumber>\n${inner}\n</CustomsDeclaration>\n`;

// The Declarant signed by ID (SMEV 3 / SAML style): the forms that shadow one element.
const byElement = sign(
  unsignedIn.replace('<Declarant>', '<Declarant Id="declarant">'),
  '#declarant',
);
const signedDeclarant = must(byElement, /<Declarant Id="declarant">[\s\S]*?<\/Declarant>/);
const forgedDeclarant = signedDeclarant
  .replace(' Id="declarant"', '')
  .replace(/<Name>[^<]*</, '<Name>Forged Trading Ltd<');
const elementSignature = must(byElement, SIGNATURE_RE);
const withoutSignature = byElement.replace(elementSignature, '');

const FORMS: Array<[name: string, description: string, xml: string]> = [
  [
    'XSW1',
    'forged root; the signed root is a child of the ds:Signature',
    forgedRoot(
      rootSignature.replace(
        '</ds:Signature>',
        `${signedRoot.replace(rootSignature, '')}</ds:Signature>`,
      ),
    ),
  ],
  [
    'XSW2',
    'forged root; the signed root a sibling before the ds:Signature',
    forgedRoot(`${signedRoot.replace(rootSignature, '')}${rootSignature}`),
  ],
  [
    'XSW3',
    'a forged Declarant inserted before the signed one',
    byElement.replace(signedDeclarant, `${forgedDeclarant}${signedDeclarant}`),
  ],
  [
    'XSW4',
    'the signed Declarant moved inside a forged one',
    byElement.replace(
      signedDeclarant,
      forgedDeclarant.replace('</Declarant>', `${signedDeclarant}</Declarant>`),
    ),
  ],
  [
    'XSW5',
    'the forged Declarant in place, the signed one appended at the end of the root',
    withoutSignature
      .replace(signedDeclarant, forgedDeclarant)
      .replace(
        '</CustomsDeclaration>',
        `${signedDeclarant}${elementSignature}</CustomsDeclaration>`,
      ),
  ],
  [
    'XSW6',
    'the forged Declarant in place, the signed one inside the ds:Signature',
    withoutSignature
      .replace(signedDeclarant, forgedDeclarant)
      .replace(
        '</CustomsDeclaration>',
        `${elementSignature.replace('</ds:Signature>', `${signedDeclarant}</ds:Signature>`)}</CustomsDeclaration>`,
      ),
  ],
  [
    'XSW7',
    'the forged Declarant in place, the signed one under an Extensions element',
    byElement.replace(
      signedDeclarant,
      `${forgedDeclarant}<Extensions>${signedDeclarant}</Extensions>`,
    ),
  ],
  [
    'XSW8',
    'the forged Declarant in place, the signed one inside a ds:Object of the signature',
    withoutSignature
      .replace(signedDeclarant, forgedDeclarant)
      .replace(
        '</CustomsDeclaration>',
        `${elementSignature.replace('</ds:Signature>', `<ds:Object>${signedDeclarant}</ds:Object></ds:Signature>`)}</CustomsDeclaration>`,
      ),
  ],
];

const evaluate = (xml: string) => evaluateBytes('xsw.xml', new TextEncoder().encode(xml));

describe('XML signature wrapping against the signed scope', () => {
  it('the untouched documents verify: the root by ID covers the document, the Declarant only itself', () => {
    const root = evaluate(byRoot);
    expect(root.valid).toBe(true);
    expect(root.verifications[0]?.scope?.kind).toBe('document');
    expect(securityIds(root.findings.map((f) => f.ruleId))).toEqual([]);
    const element = evaluate(byElement);
    expect(element.valid).toBe(true);
    expect(element.verifications[0]?.scope).toEqual({
      kind: 'elements',
      paths: ['/CustomsDeclaration/Declarant'],
      uris: [],
    });
    // Valid over what it covers; the receiver's fields outside it are unsigned.
    expect(element.findings.map((f) => f.ruleId)).toContain('signature/unsigned-content');
    expect(securityIds(element.findings.map((f) => f.ruleId))).toEqual([]);
  });

  it.each(FORMS)('%s (%s) is refused', (name, _description, xml) => {
    const outcome = evaluate(xml);
    // The digest still matches (the original is found by ID): only the scope check refuses it.
    // XSW1 puts the signed root inside the ds:Signature, which the enveloped-signature
    // transform removes: its node-set is empty (as in xmlsec), so the digest fails too.
    expect(outcome.verifications[0]?.references?.[0]?.digestValid).toBe(name !== 'XSW1');
    expect(outcome.valid).toBe(false);
    const ids = outcome.findings.map((f) => f.ruleId);
    expect(ids).toContain('security/signature-wrapping');
    expect(ids).toContain('signature/valid');
  });
});

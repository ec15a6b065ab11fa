import type { ModelObject, ParsedDocument } from '../../src/documents/model.js';
import type { ResolvedProfile } from '../../src/profiles/types.js';
import type { SignatureInfo, SignatureVerification } from '../../src/signature/types.js';
import { evaluatePair } from '../../src/engine/evaluate.js';
import type { Finding } from '../../src/engine/types.js';
import { messageProblems } from '../helpers/messages.js';

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
export const URI = {
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  rsaSha1: `${DSIG}rsa-sha1`,
  gost256: 'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102012-gostr34112012-256',
  gost2001: 'http://www.w3.org/2001/04/xmldsig-more#gostr34102001-gostr3411',
  gost2001Cp: 'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102001-gostr3411',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha1: `${DSIG}sha1`,
  excC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  c14n10: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  enveloped: `${DSIG}enveloped-signature`,
  xslt: 'http://www.w3.org/TR/1999/REC-xslt-19991116',
  aesGcm: 'http://www.w3.org/2009/xmlenc11#aes256-gcm',
  rsaOaep: 'http://www.w3.org/2009/xmlenc11#rsa-oaep',
  sm4: 'urn:corridor:xmlenc:sm4-cbc',
};

export function signature(overrides: Partial<SignatureInfo> = {}): SignatureInfo {
  return {
    path: '/CustomsDeclaration/ds:Signature',
    pos: { line: 20, column: 3, offset: 400 },
    signatureMethod: URI.rsaSha256,
    canonicalizationMethod: URI.excC14n,
    references: [
      {
        uri: '',
        digestMethod: URI.sha256,
        transforms: [URI.enveloped, URI.excC14n],
        xpathExpressions: [],
        pos: { line: 22, column: 5, offset: 450 },
      },
    ],
    keyInfo: {
      keyNames: [],
      certificates: [],
      hasKeyValue: false,
      hasRetrievalMethod: false,
      other: [],
    },
    format: 'xmldsig',
    placement: 'enveloped',
    problems: [],
    ...overrides,
  };
}

export function verification(
  overrides: Partial<SignatureVerification> = {},
): SignatureVerification {
  return {
    valid: true,
    signatureMethod: URI.rsaSha256,
    digestMethods: [URI.sha256],
    canonicalization: URI.excC14n,
    keySource: 'key-file',
    signer: { keyAlgorithm: 'rsa', keyBits: 2048 },
    certificateChain: [],
    problems: [],
    ...overrides,
  };
}

export function declaration(
  model: ModelObject = {},
  overrides: Partial<ParsedDocument> = {},
): ParsedDocument {
  return {
    file: 'decl.xml',
    format: 'xml',
    type: 'customs-declaration',
    model: { issuingCountry: 'AA', currency: 'EUR', ...model },
    issuingCountry: 'AA',
    signatures: [signature()],
    encryption: [],
    encryptedPointers: [],
    problems: [],
    locate: (pointer) => ({ path: `/CustomsDeclaration${pointer}` }),
    ...overrides,
  };
}

export function profile(overrides: Partial<ResolvedProfile> = {}): ResolvedProfile {
  return {
    id: 'BB',
    name: 'Receiver',
    kind: 'jurisdiction',
    version: '1',
    file: '/profiles/BB.json',
    lineage: ['BB'],
    anchors: [],
    intermediates: [],
    crls: [],
    documents: { 'customs-declaration': { accepted: true }, licence: { accepted: true } },
    signature: {
      required: true,
      methods: [{ algorithm: 'rsa-sha256', minKeyBits: 2048 }],
      digests: [{ algorithm: 'sha256' }],
      canonicalizations: [{ algorithm: 'exc-c14n' }, { algorithm: 'c14n10' }],
      transforms: [{ algorithm: 'enveloped-signature' }],
      placement: ['enveloped'],
    },
    ...overrides,
  };
}

/** Findings of one rule for a document sent from `sender` (default AA, no profile) to `receiver`. */
export function findingsOf(
  ruleId: string,
  document: ParsedDocument,
  receiver: ResolvedProfile,
  options: {
    verifications?: SignatureVerification[];
    sender?: ResolvedProfile;
    asOf?: string;
  } = {},
): Finding[] {
  const result = evaluatePair(
    {
      document,
      verifications: options.verifications ?? document.signatures.map(() => verification()),
      senderId: options.sender?.id ?? document.issuingCountry ?? 'AA',
      sender: options.sender,
    },
    receiver,
    new Date(`${options.asOf ?? '2026-06-01'}T00:00:00Z`),
  );
  // Every rule test also checks the findings' message ids and data against the rules' meta.
  const problems = messageProblems(result.findings);
  if (problems.length > 0)
    throw new Error(`findings unlike their rule's meta:\n${problems.join('\n')}`);
  return result.findings.filter((f) => f.ruleId === ruleId);
}

import type { Finding, MatrixCell, MatrixResult, PairResult } from '../../src/engine/types.js';
import type { FormatContext, RuleMeta } from '../../src/report/types.js';

/**
 * A hand-written result: 3 profiles (RU, CN, KZ), 4 documents, every cell status, findings with
 * and without positions, and hostile text (markup, CSV and workflow-command delimiters).
 */
export const CWD = '/work/project';

export const HOSTILE_MESSAGE =
  'Document type "certificate-of-origin" is not accepted, see <script>alert("x")</script>\nsecond line, 100% sure';

export const rules: RuleMeta[] = [
  {
    id: 'signature/method-accepted',
    description: 'The receiver accepts the signature algorithm (SignatureMethod).',
    defaultSeverity: 'error',
    helpUri: 'https://example.org/corridor/rules/signature-method-accepted',
  },
  {
    id: 'signature/algorithm-sunset',
    description: 'The signature algorithm is not past its sunset date.',
    defaultSeverity: 'warning',
  },
  {
    id: 'signature/digest-accepted',
    description: 'The receiver accepts the digest algorithm.',
    defaultSeverity: 'error',
  },
  {
    id: 'document/type-accepted',
    description: 'The receiver accepts this document type.',
    defaultSeverity: 'error',
  },
  {
    id: 'encryption/required',
    description: 'The document is encrypted when the receiver requires it.',
    defaultSeverity: 'error',
  },
  {
    id: 'data-export/restricted',
    description: 'The sender allows this data to leave the country.',
    defaultSeverity: 'info',
  },
  {
    id: 'signature/key-size',
    description: 'The signing key is large enough for the receiver.',
    defaultSeverity: 'warning',
  },
  // signature/trusted is deliberately missing: formatters must cope with unknown rule ids.
];

export const context: FormatContext = { rules, color: false, cwd: CWD };

const DOC_RU = 'docs/invoice-ru.xml';
const DOC_CO = 'docs/cert-origin-cn.xml';
const DOC_WB = 'docs/waybill-kz.json';
/** A path with a colon and a comma: both delimit workflow-command properties and CSV fields. */
const DOC_CN = 'docs/invoice-cn:2024,v2.xml';

function finding(
  document: string,
  sender: string,
  receiver: string,
  rest: Omit<Finding, 'document' | 'sender' | 'receiver'>,
): Finding {
  return { document, sender, receiver, ...rest };
}

const ruToCn: Finding[] = [
  finding(DOC_RU, 'RU', 'CN', {
    ruleId: 'signature/method-accepted',
    severity: 'error',
    messageId: 'notListed',
    message: 'CN does not accept GOST R 34.10-2012 (256) signatures (accepts: SM2, RSA-SHA256)',
    location: {
      file: `${CWD}/${DOC_RU}`,
      path: '/Invoice/ds:Signature/ds:SignedInfo/ds:SignatureMethod',
      line: 12,
      column: 5,
    },
    hint: 'Sign for CN with SM2 or RSA-SHA256, or route the document through a gateway that re-signs it.',
  }),
  finding(DOC_RU, 'RU', 'CN', {
    ruleId: 'signature/algorithm-sunset',
    severity: 'warning',
    messageId: 'outsideWindow',
    message: 'GOST R 34.10-2012 (256) is deprecated by CN from 2026-01-01',
    location: {
      file: `${CWD}/${DOC_RU}`,
      path: '/Invoice/ds:Signature/ds:SignedInfo/ds:SignatureMethod',
      line: 12,
      column: 5,
    },
  }),
];

const ruToKz: Finding[] = [
  finding(DOC_RU, 'RU', 'KZ', {
    ruleId: 'signature/digest-accepted',
    severity: 'warning',
    messageId: 'discouraged',
    message: 'KZ discourages GOST R 34.11-94 digests',
    location: {
      file: `${CWD}/${DOC_RU}`,
      path: '/Invoice/ds:Signature/ds:SignedInfo/ds:Reference/ds:DigestMethod',
      line: 20,
      column: 7,
    },
    hint: 'Prefer GOST R 34.11-2012 (Streebog-256).',
  }),
];

const coToRu: Finding[] = [
  finding(DOC_CO, 'CN', 'RU', {
    ruleId: 'document/type-accepted',
    severity: 'error',
    messageId: 'notAccepted',
    message: HOSTILE_MESSAGE,
    location: { file: DOC_CO, path: '/CertificateOfOrigin' },
    hint: 'Send it as "origin-declaration" & attach the certificate.',
  }),
];

const wbToCn: Finding[] = [
  finding(DOC_WB, 'KZ', 'CN', {
    ruleId: 'encryption/required',
    severity: 'error',
    messageId: 'notEncrypted',
    message: 'CN requires waybills to be encrypted; the payload is plain',
    location: { file: DOC_WB, path: '/payload' },
    hint: 'Encrypt the payload for CN with SM4-GCM.',
  }),
  finding(DOC_WB, 'KZ', 'CN', {
    ruleId: 'data-export/restricted',
    severity: 'info',
    messageId: 'restricted',
    message: 'KZ restricts export of personal data in waybills',
    location: { file: DOC_WB, path: '/consignee/name' },
  }),
];

const cnToRu: Finding[] = [
  finding(DOC_CN, 'CN', 'RU', {
    ruleId: 'signature/key-size',
    severity: 'warning',
    messageId: 'tooSmall',
    message: 'RSA key of 2048 bits: RU prefers 3072 bits, 67% of the preferred size',
    location: { file: DOC_CN, path: '/Invoice/ds:Signature/ds:KeyInfo', line: 30, column: 9 },
    hint: 'Re-issue the signing key with 3072 bits.',
  }),
];

const cnToKz: Finding[] = [
  finding(DOC_CN, 'CN', 'KZ', {
    ruleId: 'signature/trusted',
    severity: 'error',
    messageId: 'untrusted',
    message: 'The signer certificate does not chain to a KZ trust anchor',
    location: { file: DOC_CN, path: '/Invoice/ds:Signature', line: 3, column: 1 },
    hint: 'Ask KZ to add the CN customs root to its trust list.',
  }),
  finding(DOC_CN, 'CN', 'KZ', {
    ruleId: 'signature/key-size',
    severity: 'warning',
    messageId: 'tooSmall',
    message: 'RSA key of 2048 bits: KZ prefers 3072 bits',
    location: { file: DOC_CN, path: '/Invoice/ds:Signature/ds:KeyInfo', line: 30, column: 9 },
  }),
];

function pair(
  document: string,
  documentType: string,
  sender: string,
  receiver: string,
  status: PairResult['status'],
  findings: Finding[] = [],
): PairResult {
  return { document, documentType, sender, receiver, status, findings };
}

const pairs: PairResult[] = [
  pair(DOC_RU, 'invoice', 'RU', 'RU', 'ok'),
  pair(DOC_RU, 'invoice', 'RU', 'CN', 'fail', ruToCn),
  pair(DOC_RU, 'invoice', 'RU', 'KZ', 'warn', ruToKz),
  pair(DOC_CO, 'certificate-of-origin', 'CN', 'RU', 'fail', coToRu),
  pair(DOC_CO, 'certificate-of-origin', 'CN', 'CN', 'ok'),
  pair(DOC_CO, 'certificate-of-origin', 'CN', 'KZ', 'ok'),
  pair(DOC_WB, 'waybill', 'KZ', 'RU', 'ok'),
  pair(DOC_WB, 'waybill', 'KZ', 'CN', 'fail', wbToCn),
  pair(DOC_WB, 'waybill', 'KZ', 'KZ', 'ok'),
  pair(DOC_CN, 'invoice', 'CN', 'RU', 'warn', cnToRu),
  pair(DOC_CN, 'invoice', 'CN', 'CN', 'ok'),
  pair(DOC_CN, 'invoice', 'CN', 'KZ', 'fail', cnToKz),
];

function cell(
  sender: string,
  receiver: string,
  status: MatrixCell['status'],
  counts: MatrixCell['counts'],
  findings: Record<string, number> = {},
  topReasons: string[] = [],
): MatrixCell {
  const documents = counts.ok + counts.warn + counts.fail;
  return { sender, receiver, status, documents, counts, findings, topReasons };
}

const cells: MatrixCell[] = [
  cell('RU', 'RU', 'ok', { ok: 1, warn: 0, fail: 0 }),
  cell(
    'RU',
    'CN',
    'fail',
    { ok: 0, warn: 0, fail: 1 },
    { 'signature/method-accepted': 1, 'signature/algorithm-sunset': 1 },
    [
      'CN does not accept GOST R 34.10-2012 (256) signatures (accepts: SM2, RSA-SHA256)',
      'GOST R 34.10-2012 (256) is deprecated by CN from 2026-01-01',
    ],
  ),
  cell('RU', 'KZ', 'warn', { ok: 0, warn: 1, fail: 0 }, { 'signature/digest-accepted': 1 }, [
    'KZ discourages GOST R 34.11-94 digests',
  ]),
  cell(
    'CN',
    'RU',
    'fail',
    { ok: 0, warn: 1, fail: 1 },
    { 'document/type-accepted': 1, 'signature/key-size': 1 },
    [HOSTILE_MESSAGE, 'RSA key of 2048 bits: RU prefers 3072 bits, 67% of the preferred size'],
  ),
  cell('CN', 'CN', 'ok', { ok: 2, warn: 0, fail: 0 }),
  cell(
    'CN',
    'KZ',
    'fail',
    { ok: 1, warn: 0, fail: 1 },
    { 'signature/trusted': 1, 'signature/key-size': 1 },
    ['The signer certificate does not chain to a KZ trust anchor'],
  ),
  cell('KZ', 'RU', 'ok', { ok: 1, warn: 0, fail: 0 }),
  cell('KZ', 'CN', 'fail', { ok: 0, warn: 0, fail: 1 }, { 'encryption/required': 1 }, [
    'CN requires waybills to be encrypted; the payload is plain',
  ]),
  cell('KZ', 'KZ', 'ok', { ok: 1, warn: 0, fail: 0 }),
];

export const matrixResult: MatrixResult = {
  kind: 'matrix',
  tool: { name: 'corridor', version: '0.1.0' },
  asOf: '2025-06-30',
  profiles: ['RU', 'CN', 'KZ'],
  profileVersions: { RU: '2024.2', CN: '2025.1', KZ: '2023.4' },
  documents: [
    { document: DOC_RU, documentType: 'invoice', sender: 'RU' },
    { document: DOC_CO, documentType: 'certificate-of-origin', sender: 'CN' },
    { document: DOC_WB, documentType: 'waybill', sender: 'KZ' },
    { document: DOC_CN, documentType: 'invoice', sender: 'CN' },
  ],
  cells,
  pairs,
};

/** The same data as `corridor check` would report it. */
export const checkResult: MatrixResult = { ...matrixResult, kind: 'check' };

export const documentIds = { DOC_RU, DOC_CO, DOC_WB, DOC_CN };

/** Total findings by severity in the fixture, counted by hand. */
export const expectedCounts = { error: 4, warning: 4, info: 1 };

import { createHash } from 'node:crypto';
import { decodeBase64Strict } from '../signature/base64.js';
import { clipSigningTimeText } from '../signature/signing-time.js';
import type { SignatureInfo, SignatureProblem } from '../signature/types.js';
import { SECURITY_RULES } from '../rule-ids.js';
import { documentLimits, type DocumentLimits } from '../limits.js';
import { clipQuoted, quotedJsonValue } from '../util/clip.js';
import { lineColumnAt } from '../util/json-position.js';
import type { XmlPosition } from '../xml/dom.js';
import { decodeBase64UrlStrict, encodeBase64Url } from './base64url.js';
import { scanMembers } from './json-members.js';
import { JWS_RULES, jwsProblem } from './problems.js';

/** The member of a JWS/CT-signed object that holds the detached compact JWS. */
export const JWS_CT_MEMBER = 'signature';
/** How SignatureInfo names JCS (catalogue entry `jcs`). */
export const JCS_URI = 'urn:ietf:rfc:8785';

/**
 * Header parameters corridor understands when listed in `crit`: `sigT` (JAdES signing time,
 * ETSI TS 119 182-1) and `b64` (RFC 7797; only `true`, the default, is accepted).
 */
const UNDERSTOOD_CRITICAL = new Set(['sigT', 'b64']);
/** RFC 7515 §4.1.11: names defined by JWS/JWA must not be in `crit`. */
const STANDARD_HEADER_NAMES = new Set([
  'alg',
  'jku',
  'jwk',
  'kid',
  'x5u',
  'x5c',
  'x5t',
  'x5t#S256',
  'typ',
  'cty',
  'crit',
]);
/**
 * Certificates an `x5c` may list: a leaf and its issuers (real chains have 2–4). Bounded so a
 * header of thousands of entries is one limit finding, not thousands of parses and findings.
 */
export const MAX_X5C_CERTIFICATES = 16;
/** Problems after which the signature is refused whatever its cryptography says. */
export const REFUSING_JWS_PROBLEMS: ReadonlySet<string> = new Set([
  JWS_RULES.malformed,
  JWS_RULES.badBase64url,
  JWS_RULES.badHeader,
  JWS_RULES.unknownCritical,
  JWS_RULES.unencodedPayload,
  JWS_RULES.duplicateMember,
  JWS_RULES.x5tMismatch,
  SECURITY_RULES.limit,
]);

/** What the verifier needs beyond SignatureInfo: decoded once, by the reader. */
export interface JwsCtParts {
  /** The first part exactly as written: it is signed as is. */
  protectedB64: string;
  header: Record<string, unknown>;
  /** The signed object without its signature member. */
  payload: Record<string, unknown>;
  jwk?: Record<string, unknown>;
}

const partsOf = new WeakMap<SignatureInfo, JwsCtParts>();

/** The decoded parts behind a SignatureInfo made by `readJwsCt` (undefined when unusable). */
export function jwsCtParts(info: SignatureInfo): JwsCtParts | undefined {
  return partsOf.get(info);
}

export function isJwsCtSigned(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.prototype.hasOwnProperty.call(value, JWS_CT_MEMBER)
  );
}

/**
 * Reads the JWS/CT signature of a parsed JSON document: undefined when the top-level object has
 * no `signature` member. `text` (the source the value was parsed from) gives positions and
 * shows duplicate member names, which JSON.parse hides. Never throws on content.
 */
export function readJwsCt(
  value: unknown,
  text: string | undefined,
  limitOverrides: Partial<DocumentLimits> = {},
): SignatureInfo | undefined {
  if (!isJwsCtSigned(value)) return undefined;
  const limits = documentLimits(limitOverrides);
  const scan = text === undefined ? undefined : scanMembers(text);
  const at = (offset: number | undefined): XmlPosition => {
    if (text === undefined || offset === undefined) return { line: 1, column: 1, offset: 0 };
    return { ...lineColumnAt(text, offset), offset };
  };
  const pos = at(scan?.topLevel.get(JWS_CT_MEMBER));
  const problems: SignatureProblem[] = [];
  for (const duplicate of scan?.duplicates ?? []) {
    problems.push(
      jwsProblem(
        JWS_RULES.duplicateMember,
        `member ${clipQuoted(duplicate.pointer)} appears more than once: JSON parsers disagree on which one counts, so what is verified may not be what is read`,
        at(duplicate.offset),
      ),
    );
  }
  const info: SignatureInfo = {
    format: 'jws',
    path: `/${JWS_CT_MEMBER}`,
    pos,
    signatureMethod: '',
    canonicalizationMethod: JCS_URI,
    references: [],
    keyInfo: {
      keyNames: [],
      certificates: [],
      hasKeyValue: false,
      hasRetrievalMethod: false,
      other: [],
    },
    placement: 'enveloped',
    problems,
  };
  const fail = (ruleId: Parameters<typeof jwsProblem>[0], message: string) => {
    problems.push(jwsProblem(ruleId, message, pos));
    return info;
  };

  const jws = value[JWS_CT_MEMBER];
  if (typeof jws !== 'string') {
    return fail(JWS_RULES.malformed, `"${JWS_CT_MEMBER}" must be a string holding a detached JWS`);
  }
  const parts = jws.split('.');
  if (parts.length !== 3) {
    return fail(
      JWS_RULES.malformed,
      `"${JWS_CT_MEMBER}" must be BASE64URL(header)..BASE64URL(signature) (3 parts), found ${parts.length}`,
    );
  }
  const [protectedB64, payloadPart, signatureB64] = parts as [string, string, string];
  if (payloadPart !== '') {
    return fail(
      JWS_RULES.malformed,
      'the JWS payload part must be empty: JWS/CT signs the object itself (detached payload)',
    );
  }
  // Bounded before any decoding: a header carries a few certificates, a value one signature.
  const headerLimit = 4 * limits.maxCertificateChars;
  if (protectedB64.length > headerLimit || signatureB64.length > limits.maxSignatureValueChars) {
    return fail(
      SECURITY_RULES.limit,
      `JWS of ${protectedB64.length} + ${signatureB64.length} characters, above the limits of ${headerLimit} (header) and ${limits.maxSignatureValueChars} (signature): refused before verification`,
    );
  }
  const headerBytes = decodeBase64UrlStrict(protectedB64);
  if (!headerBytes) return fail(JWS_RULES.badBase64url, 'the protected header is not base64url');
  const header = parseHeader(headerBytes);
  if (typeof header === 'string') return fail(JWS_RULES.badHeader, header);

  const signatureValue = decodeBase64UrlStrict(signatureB64);
  if (signatureValue && signatureValue.length > 0) info.signatureValue = signatureValue;
  else
    problems.push(
      jwsProblem(JWS_RULES.badBase64url, 'the signature part is empty or not base64url', pos),
    );

  if (typeof header.alg === 'string') info.signatureMethod = header.alg;
  else
    problems.push(jwsProblem(JWS_RULES.badHeader, 'the protected header has no "alg" string', pos));
  checkCritical(header, problems, pos);
  readKeyHints(header, info, limits, problems, pos);
  // The protected header is what is signed, so a sigT there is always a signed time.
  if (header.sigT !== undefined) {
    const text = typeof header.sigT === 'string' ? header.sigT : JSON.stringify(header.sigT);
    info.signingTime = { source: 'jws-sigT', text: clipSigningTimeText(text), signed: true, pos };
    if (typeof header.sigT === 'string' && isUtcDateTime(header.sigT))
      info.signingTime.utc = new Date(Date.parse(header.sigT)).toISOString();
  }

  const { [JWS_CT_MEMBER]: _signature, ...payload } = value;
  const result: JwsCtParts = { protectedB64, header, payload };
  if (isObject(header.jwk)) result.jwk = header.jwk;
  partsOf.set(info, result);
  return info;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The header object, or why it is not one (names must be unique: RFC 7515 §4). */
function parseHeader(bytes: Uint8Array): Record<string, unknown> | string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'the protected header is not UTF-8';
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch {
    return 'the protected header is not JSON';
  }
  if (!isObject(header)) return 'the protected header is not a JSON object';
  const duplicate = scanMembers(text, 1).duplicates[0];
  if (duplicate) return `the protected header names ${clipQuoted(duplicate.pointer)} twice`;
  return header;
}

/** RFC 7515 §4.1.11 and RFC 7797 §3; `sigT` must be a UTC date-time (ETSI TS 119 182-1). */
function checkCritical(
  header: Record<string, unknown>,
  problems: SignatureProblem[],
  pos: XmlPosition,
): void {
  const crit = header.crit;
  if (crit !== undefined) {
    if (!Array.isArray(crit) || crit.length === 0 || !crit.every((c) => typeof c === 'string')) {
      problems.push(
        jwsProblem(JWS_RULES.badHeader, '"crit" must be a non-empty array of names', pos),
      );
    } else {
      for (const name of crit as string[]) {
        if (STANDARD_HEADER_NAMES.has(name)) {
          problems.push(
            jwsProblem(
              JWS_RULES.badHeader,
              `"crit" lists the standard parameter "${clipQuoted(name)}"`,
              pos,
            ),
          );
        } else if (!UNDERSTOOD_CRITICAL.has(name)) {
          problems.push(
            jwsProblem(
              JWS_RULES.unknownCritical,
              `"crit" requires the extension "${clipQuoted(name)}", which corridor does not understand: the JWS must be refused (RFC 7515 §4.1.11)`,
              pos,
            ),
          );
        } else if (!(name in header)) {
          problems.push(
            jwsProblem(
              JWS_RULES.badHeader,
              `"crit" lists "${clipQuoted(name)}" but the header lacks it`,
              pos,
            ),
          );
        }
      }
    }
  }
  if (header.b64 !== undefined && header.b64 !== true) {
    problems.push(
      jwsProblem(
        JWS_RULES.unencodedPayload,
        `"b64": ${quotedJsonValue(header.b64)} (RFC 7797 unencoded payload) is not supported: JWS/CT signs the base64url of the JCS form`,
        pos,
      ),
    );
  }
  const sigT = header.sigT;
  if (sigT !== undefined && (typeof sigT !== 'string' || !isUtcDateTime(sigT))) {
    problems.push(
      jwsProblem(
        JWS_RULES.badHeader,
        `"sigT" must be a UTC date-time such as 2026-11-01T10:00:00Z, got ${quotedJsonValue(sigT)}`,
        pos,
      ),
    );
  }
}

function isUtcDateTime(text: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(text) &&
    !Number.isNaN(Date.parse(text)) &&
    new Date(Date.parse(text)).toISOString().slice(0, 19) === text.slice(0, 19)
  );
}

/** x5c (standard base64 DER, leaf first), x5t#S256, kid, jwk, x5u / jku. */
function readKeyHints(
  header: Record<string, unknown>,
  info: SignatureInfo,
  limits: DocumentLimits,
  problems: SignatureProblem[],
  pos: XmlPosition,
): void {
  const x5c = header.x5c;
  if (x5c !== undefined) {
    if (!Array.isArray(x5c) || x5c.length === 0) {
      problems.push(
        jwsProblem(
          JWS_RULES.badHeader,
          '"x5c" must be a non-empty array of base64 certificates',
          pos,
        ),
      );
    } else if (x5c.length > MAX_X5C_CERTIFICATES) {
      problems.push(
        jwsProblem(
          SECURITY_RULES.limit,
          `"x5c" lists ${x5c.length} certificates, above the limit of ${MAX_X5C_CERTIFICATES}: refused before any is read`,
          pos,
        ),
      );
    } else {
      x5c.forEach((entry: unknown, i) => {
        // RFC 7515 §4.1.6: standard base64 (not base64url), no line breaks.
        const der =
          typeof entry === 'string' &&
          entry.length <= limits.maxCertificateChars &&
          !/\s/.test(entry)
            ? decodeBase64Strict(entry)
            : null;
        if (der && der.length > 0) info.keyInfo.certificates.push(der);
        else
          problems.push(
            jwsProblem(
              JWS_RULES.badCertificate,
              `"x5c"[${i}] is not a base64 DER certificate`,
              pos,
            ),
          );
      });
    }
  }
  const thumbprint = header['x5t#S256'];
  if (thumbprint !== undefined) {
    const leaf = info.keyInfo.certificates[0];
    const expected = leaf && encodeBase64Url(createHash('sha256').update(leaf).digest());
    if (typeof thumbprint !== 'string') {
      problems.push(jwsProblem(JWS_RULES.badHeader, '"x5t#S256" must be a base64url string', pos));
    } else if (expected !== undefined && thumbprint !== expected) {
      problems.push(
        jwsProblem(
          JWS_RULES.x5tMismatch,
          '"x5t#S256" is not the SHA-256 of the first "x5c" certificate: the header names one signer and carries another',
          pos,
        ),
      );
    }
  }
  if (typeof header.kid === 'string') info.keyInfo.keyNames.push(header.kid);
  if (header.jwk !== undefined) {
    info.keyInfo.hasKeyValue = true;
    if (!isObject(header.jwk))
      problems.push(jwsProblem(JWS_RULES.badJwk, '"jwk" must be an object', pos));
  }
  for (const remote of ['x5u', 'jku'] as const) {
    if (header[remote] === undefined) continue;
    info.keyInfo.other.push(remote);
    problems.push(
      jwsProblem(
        JWS_RULES.remoteKeyReference,
        `"${remote}" points to keys at a URL; it is never fetched, and a signature that asks for it is refused`,
        pos,
      ),
    );
  }
}

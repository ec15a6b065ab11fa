import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { algorithmByUri } from '../../algorithms/registry.js';
import { buildChain } from '../../pki/chain.js';
import { parseCertificate, type Certificate } from '../../pki/certificate.js';
import { pemBlocks } from '../../pki/pem.js';
import { publicKeyFromPem } from '../../pki/spki.js';
import type { ExplicitKey } from '../../signature/key-selection.js';
import { XMLDSIG_RULES } from '../../signature/problems.js';
import { readSignatures } from '../../signature/read.js';
import type { SignatureInfo, SignatureVerification, SigningTime } from '../../signature/types.js';
import { looksLikeJson, readDocument, xmlParseErrorRuleId } from '../../documents/read.js';
import { JWS_CT_MEMBER } from '../../jose/jws-ct-read.js';
import { JWS_RULES } from '../../jose/problems.js';
import { verifyJsonDocument } from '../../jose/verify-document.js';
import { verifyWithinLimits } from '../../security/verify.js';
import { documentLimits, type DocumentLimits } from '../../security/limits.js';
import { limitsFromOptions } from '../../security/options.js';
import { XmlParseError } from '../../xml/dom.js';
import { parseXml } from '../../xml/parse.js';
import { errorMessage, UserError } from '../../util/errors.js';
import { parseAsOf } from '../options.js';

export interface VerifyCommandOptions {
  /** PEM files (public keys or certificates) to verify with. */
  key?: string[];
  /** PEM files of trust anchors; enables `trusted`. */
  trust?: string[];
  asOf?: string;
  format?: string;
  /** `--max-bytes`: larger files are refused unread. */
  maxBytes?: string;
}

export interface VerifyRun {
  output: string;
  exitCode: 0 | 1 | 2;
}

/** The `--format json` document; schemas/verify-output.schema.json describes it. */
export interface VerifyOutput {
  results: FileResult[];
}

interface OutputProblem {
  ruleId: string;
  message: string;
}

interface FileResult {
  file: string;
  signatures: SignatureResult[];
  problems?: OutputProblem[];
}

interface SignatureResult {
  valid: boolean | null;
  signatureMethod: string;
  digestMethods: string[];
  canonicalization: string;
  keySource: SignatureVerification['keySource'];
  signer?: { subject?: string; keyAlgorithm: string; keyBits: number; curve?: string };
  /** When the signer says it signed: `time` in UTC when readable, else as written. */
  signingTime?: { time: string; source: SigningTime['source']; signed: boolean };
  trusted: boolean | null;
  problems: OutputProblem[];
}

/**
 * The verify command without commander: reads the files, verifies every signature and
 * renders the report. Exit 0: every signature valid (and trusted, when --trust is given);
 * 1: any invalid, unverifiable, untrusted or missing; 2: usage error or unreadable input.
 */
export function runVerify(files: readonly string[], options: VerifyCommandOptions): VerifyRun {
  try {
    const format = options.format ?? 'text';
    if (format !== 'text' && format !== 'json') {
      throw new UserError(`--format expects text or json, got "${format}"`);
    }
    if (files.length === 0) throw new UserError('no files to verify');
    const asOf = parseAsOf(options.asOf);
    const keys = (options.key ?? []).map(loadKey);
    const anchors = options.trust ? options.trust.flatMap(loadAnchors) : undefined;
    const limits = documentLimits(limitsFromOptions(options));
    // One file at a time, each sized before it is read, so memory holds one document.
    const output: VerifyOutput = {
      results: files.map((file) => {
        const bytes = readInput(file, limits.maxBytes);
        if (typeof bytes === 'number') return oversized(file, bytes, limits.maxBytes);
        return verifyFile(file, bytes, keys, anchors, asOf, limits);
      }),
    };
    const failed = output.results.some(
      (r) =>
        r.signatures.length === 0 ||
        r.signatures.some((s) => s.valid !== true || s.trusted === false),
    );
    return {
      output: format === 'json' ? JSON.stringify(output, null, 2) : renderText(output),
      exitCode: failed ? 1 : 0,
    };
  } catch (error) {
    if (error instanceof UserError) return { output: `corridor: ${error.message}`, exitCode: 2 };
    throw error;
  }
}

/** The file's bytes, or its size when it is over the limit (then it is not read). */
function readInput(file: string, maxBytes: number): Uint8Array | number {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new Error('not a file');
    if (stat.size > maxBytes) return stat.size;
    return readFileSync(file);
  } catch {
    throw new UserError(`cannot read document: ${file}`);
  }
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new UserError(`cannot read ${what}: ${file}`);
  }
}

function loadKey(file: string): ExplicitKey {
  const text = readText(file, '--key file');
  try {
    const name = basename(file);
    return { key: publicKeyFromPem(text), names: [name, basename(name, extname(name))] };
  } catch (error) {
    throw new UserError(`--key ${file}: ${errorMessage(error)}`);
  }
}

function loadAnchors(file: string): Certificate[] {
  const text = readText(file, '--trust file');
  const blocks = pemBlocks(text).filter((b) => b.label === 'CERTIFICATE');
  if (blocks.length === 0) throw new UserError(`--trust ${file}: no CERTIFICATE PEM block`);
  try {
    return blocks.map((b) => parseCertificate(b.der));
  } catch (error) {
    throw new UserError(`--trust ${file}: ${errorMessage(error)}`);
  }
}

function oversized(file: string, size: number, maxBytes: number): FileResult {
  const message = `document of ${size} bytes exceeds the limit of ${maxBytes} bytes (--max-bytes); not read`;
  return { file, signatures: [], problems: [{ ruleId: 'document/limit', message }] };
}

function verifyFile(
  file: string,
  bytes: Uint8Array,
  keys: readonly ExplicitKey[],
  anchors: readonly Certificate[] | undefined,
  asOf: Date,
  limits: DocumentLimits,
): FileResult {
  if (looksLikeJson(bytes)) return verifyJsonFile(file, bytes, keys, anchors, asOf, limits);
  let doc;
  try {
    doc = parseXml(bytes, limits);
  } catch (error) {
    if (!(error instanceof XmlParseError)) throw error;
    return {
      file,
      signatures: [],
      problems: [
        {
          ruleId: xmlParseErrorRuleId(error),
          message: `${error.message} (line ${error.line}, column ${error.column})`,
        },
      ],
    };
  }
  let verifications: SignatureVerification[];
  // Read once: the verifier checks these signatures, the output shows their signing times.
  let infos: SignatureInfo[];
  try {
    infos = readSignatures(doc);
    verifications = verifyWithinLimits(
      doc,
      { keys: keys.length > 0 ? keys : undefined, asOf, limits },
      { signatures: infos, count: infos.length },
    );
  } catch (error) {
    // A bug must not turn into a stack trace for the user: report it against the file.
    return {
      file,
      signatures: [],
      problems: [{ ruleId: XMLDSIG_RULES.internalError, message: errorMessage(error) }],
    };
  }
  if (verifications.length === 0) {
    return {
      file,
      signatures: [],
      problems: [
        { ruleId: XMLDSIG_RULES.noSignature, message: 'the document has no ds:Signature' },
      ],
    };
  }
  return {
    file,
    signatures: verifications.map((v, i) => toResult(v, anchors, asOf, infos[i]?.signingTime)),
  };
}

/** A JSON document: its JWS/CT signature (the `signature` member), verified like XMLDSig. */
function verifyJsonFile(
  file: string,
  bytes: Uint8Array,
  keys: readonly ExplicitKey[],
  anchors: readonly Certificate[] | undefined,
  asOf: Date,
  limits: DocumentLimits,
): FileResult {
  const document = readDocument(file, bytes, { limits });
  if (document.json === undefined) {
    const problems = document.problems.map(({ ruleId, message }) => ({ ruleId, message }));
    return { file, signatures: [], problems };
  }
  if (document.signatures.length === 0) {
    return {
      file,
      signatures: [],
      problems: [
        {
          ruleId: JWS_RULES.noSignature,
          message: `the JSON document has no "${JWS_CT_MEMBER}" member (JWS/CT)`,
        },
      ],
    };
  }
  const verifications = verifyJsonDocument(document, {
    keys: keys.length > 0 ? keys : undefined,
  });
  return {
    file,
    signatures: verifications.map((v, i) =>
      toResult(v, anchors, asOf, document.signatures[i]?.signingTime),
    ),
  };
}

function toResult(
  verification: SignatureVerification,
  anchors: readonly Certificate[] | undefined,
  asOf: Date,
  signingTime: SigningTime | undefined,
): SignatureResult {
  const problems: OutputProblem[] = verification.problems.map(({ ruleId, message }) => ({
    ruleId,
    message,
  }));
  const result: SignatureResult = {
    valid: verification.valid,
    signatureMethod: verification.signatureMethod,
    digestMethods: verification.digestMethods,
    canonicalization: verification.canonicalization,
    keySource: verification.keySource,
    trusted: anchors ? trust(verification, anchors, asOf, problems) : null,
    problems,
  };
  const signer = verification.signer;
  if (signer) {
    result.signer = {
      ...(signer.subject !== undefined ? { subject: signer.subject } : {}),
      keyAlgorithm: signer.keyAlgorithm,
      keyBits: signer.keyBits,
      ...(signer.curve !== undefined ? { curve: signer.curve } : {}),
    };
  }
  if (signingTime) {
    result.signingTime = {
      time: signingTime.utc ?? signingTime.text,
      source: signingTime.source,
      signed: signingTime.signed,
    };
  }
  return result;
}

/** Chain from the signer's certificate to the anchors on the as-of date. */
function trust(
  verification: SignatureVerification,
  anchors: readonly Certificate[],
  asOf: Date,
  problems: OutputProblem[],
): boolean {
  const untrusted = (message: string) => {
    problems.push({ ruleId: XMLDSIG_RULES.untrusted, message });
    return false;
  };
  // A key not bound to a certificate in the signature has no chain to judge.
  if (verification.signer?.subject === undefined || verification.certificateChain.length === 0) {
    return untrusted('the signing key is not bound to a certificate, so no chain can be built');
  }
  let certificates: Certificate[];
  try {
    certificates = verification.certificateChain.map((der) => parseCertificate(der));
  } catch (error) {
    return untrusted(`unreadable certificate: ${errorMessage(error)}`);
  }
  const [leaf, ...rest] = certificates;
  if (!leaf) return untrusted('no certificate');
  const chain = buildChain(leaf, rest, [...anchors], asOf);
  if (!chain.trusted) {
    for (const p of chain.problems) problems.push({ ruleId: p.ruleId, message: p.message });
    if (chain.problems.length === 0) return untrusted('no path to a trust anchor');
  }
  return chain.trusted;
}

function renderText(output: VerifyOutput): string {
  const lines: string[] = [];
  for (const result of output.results) {
    if (result.signatures.length === 0) lines.push(`${result.file}: no signature checked`);
    for (const p of result.problems ?? []) lines.push(`  ${p.ruleId}: ${p.message}`);
    result.signatures.forEach((s, i) => {
      const verdict = s.valid === true ? 'VALID' : s.valid === false ? 'INVALID' : 'UNVERIFIABLE';
      const method = algorithmByUri(s.signatureMethod)?.id ?? (s.signatureMethod || '(none)');
      const signer = s.signer
        ? `${s.signer.subject ?? 'bare key'} (${s.signer.keyAlgorithm} ${s.signer.keyBits}${s.signer.curve ? ` ${s.signer.curve}` : ''})`
        : 'no usable key';
      const trusted = s.trusted === null ? '' : s.trusted ? ', trusted' : ', NOT trusted';
      const time = s.signingTime;
      const signed = time
        ? `, signing time ${time.time} (${time.source === 'xades' ? 'XAdES SigningTime' : 'JWS sigT'}${time.signed ? ', signed' : ', NOT signed: a claim'})`
        : '';
      lines.push(
        `${result.file} signature ${i + 1}: ${verdict} ${method}, key from ${s.keySource}: ${signer}${trusted}${signed}`,
      );
      for (const p of s.problems) lines.push(`  ${p.ruleId}: ${p.message}`);
    });
  }
  return lines.join('\n');
}

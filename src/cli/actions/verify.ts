import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { readSignedFile } from '../../documents/read-base.js';
import type { ParsedDocument } from '../../documents/model.js';
import { verifyParsedDocument, type DocumentVerifyOptions } from '../../engine/verify-document.js';
import { JWS_CT_MEMBER } from '../../jose/jws-ct-read.js';
import { JWS_RULES } from '../../jose/problems.js';
import { buildChain } from '../../pki/chain.js';
import { parseCertificate, type Certificate } from '../../pki/certificate.js';
import { pemBlocks } from '../../pki/pem.js';
import { publicKeyFromPem } from '../../pki/spki.js';
import {
  renderVerifyJson,
  renderVerifyText,
  type FileResult,
  type OutputProblem,
  type SignatureResult,
  type VerifyOutput,
} from '../../report/verify.js';
import { limitsFromOptions } from '../../security/options.js';
import { keyMaterial } from '../key-material.js';
import type { ExplicitKey } from '../../signature/key-selection.js';
import { XMLDSIG_RULES } from '../../signature/problems.js';
import type { SignatureVerification, SigningTime } from '../../signature/types.js';
import { errorMessage, UserError } from '../../util/errors.js';
import { parseAsOf } from '../options.js';
import { loadContent } from '../content-option.js';
import { documentLimits } from '../../limits.js';

export type {
  FileResult,
  OutputProblem,
  SignatureResult,
  VerifyOutput,
} from '../../report/verify.js';

export interface VerifyCommandOptions {
  /** PEM files (public keys or certificates) to verify with. */
  key?: string[];
  /** `--certs`: untrusted certificates (PEM, DER or directories) to find signers and paths. */
  certs?: string[];
  /** `--content uri=file`: bytes of detached Reference URIs (never fetched). */
  content?: string[];
  /** `--crl` paths and `--require-revocation`: offline revocation on the as-of date. */
  crl?: string[];
  requireRevocation?: boolean;
  /** PEM files of trust anchors; enables `trusted`. */
  trust?: string[];
  asOf?: string;
  format?: string;
  /** `--max-bytes`: larger files are refused unread. */
  maxBytes?: string;
}

/** A revoked certificate, or (with --require-revocation) no current CRL, fails the run. */
const REVOCATION_FAILURES = new Set<string>([
  XMLDSIG_RULES.certificateRevoked,
  XMLDSIG_RULES.revocationUnknown,
]);

export interface VerifyRun {
  output: string;
  exitCode: 0 | 1 | 2;
}

/**
 * The verify command without commander: reads the files, verifies every signature and
 * renders the report. Exit 0: every signature valid (and trusted, when --trust is given);
 * 1: any invalid, unverifiable, untrusted or missing; 2: usage error or unreadable input.
 */
export function runVerify(
  files: readonly string[],
  options: VerifyCommandOptions,
  afterEach?: () => void,
): VerifyRun {
  try {
    const format = options.format ?? 'text';
    if (format !== 'text' && format !== 'json') {
      throw new UserError(`--format expects text or json, got "${format}"`);
    }
    const output = verifyFiles(files, options, afterEach);
    return {
      output: format === 'json' ? renderVerifyJson(output) : renderVerifyText(output),
      exitCode: verifyFailed(output) ? 1 : 0,
    };
  } catch (error) {
    if (error instanceof UserError) return { output: `corridor: ${error.message}`, exitCode: 2 };
    throw error;
  }
}

/** The verify report of the files (the library's `verify`); a usage error throws UserError. */
export function verifyFiles(
  files: readonly string[],
  options: Omit<VerifyCommandOptions, 'format'>,
  /** Called after each file (the CLI's heap step, cli/heap-policy.ts). */
  afterEach?: () => void,
): VerifyOutput {
  if (files.length === 0) throw new UserError('no files to verify');
  const asOf = parseAsOf(options.asOf);
  const keys = (options.key ?? []).map(loadKey);
  const anchors = options.trust ? options.trust.flatMap(loadAnchors) : undefined;
  const material = keyMaterial(
    options,
    (anchors ?? []).map((a) => a.der),
  );
  const limits = limitsFromOptions(options);
  const content = loadContent(options.content, documentLimits(limits).maxBytes);
  // One file at a time, so memory holds one document; read for its signatures only (verify
  // reports no document type, so the doctypes, their schemas and XSDs are never loaded).
  return {
    results: files.map((file) => {
      const result = verifyRead(readSignedFile(file, { limits }), {
        asOf,
        limits,
        keys,
        ...material,
        content,
        anchors,
      });
      afterEach?.();
      return result;
    }),
  };
}

/** One read document's verify result; `corridor serve` passes documents read from requests. */
export function verifyRead(
  document: ParsedDocument,
  options: DocumentVerifyOptions & { anchors?: readonly Certificate[] | undefined },
): FileResult {
  let verifications: SignatureVerification[];
  try {
    verifications = verifyParsedDocument(document, options);
  } catch (error) {
    // A bug must not turn into a stack trace for the user: report it against the file.
    const message = errorMessage(error);
    return {
      file: document.file,
      signatures: [],
      problems: [{ ruleId: XMLDSIG_RULES.internalError, message }],
    };
  }
  return fileResult(document, verifications, options.anchors, options.asOf);
}

/**
 * Exit 1 (and 422 from `corridor serve`): a signature missing, not valid, not trusted, or its
 * certificate revoked (or, with --require-revocation, without a current CRL).
 */
export function verifyFailed(output: VerifyOutput): boolean {
  return output.results.some(
    (r) =>
      r.signatures.length === 0 ||
      r.signatures.some(
        (s) =>
          s.valid !== true ||
          s.trusted === false ||
          s.problems.some((p) => REVOCATION_FAILURES.has(p.ruleId)),
      ),
  );
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
    // A certificate stays one: its chain to --trust is judged like a KeyInfo certificate's.
    const certificate = pemBlocks(text).find((b) => b.label === 'CERTIFICATE')?.der;
    return {
      key: publicKeyFromPem(text),
      names: [name, basename(name, extname(name))],
      ...(certificate && !pemBlocks(text).some((b) => b.label === 'PUBLIC KEY')
        ? { certificate }
        : {}),
    };
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

/**
 * What verify reports for one document. Reading problems are shown only when the document could
 * not be read at all: an unknown document type or a repeated field matters to `check`, not here.
 */
function fileResult(
  document: ParsedDocument,
  verifications: readonly SignatureVerification[],
  anchors: readonly Certificate[] | undefined,
  asOf: Date,
): FileResult {
  const file = document.file;
  if (!document.xml && document.json === undefined) {
    const problems = document.problems.map(({ ruleId, message, location }) => ({
      ruleId,
      message: location?.pos
        ? `${message} (line ${location.pos.line}, column ${location.pos.column})`
        : message,
    }));
    return { file, signatures: [], problems };
  }
  if (verifications.length === 0) {
    const problem = document.xml
      ? { ruleId: XMLDSIG_RULES.noSignature, message: 'the document has no ds:Signature' }
      : {
          ruleId: JWS_RULES.noSignature,
          message: `the JSON document has no "${JWS_CT_MEMBER}" member (JWS/CT)`,
        };
    return { file, signatures: [], problems: [problem] };
  }
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
    // A revoked certificate is no path to an anchor, whatever the chain says.
    trusted: anchors
      ? trust(verification, anchors, asOf, problems) &&
        !problems.some((p) => p.ruleId === XMLDSIG_RULES.certificateRevoked)
      : null,
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
  if (verification.scope) result.scope = verification.scope;
  if (verification.manifests) {
    result.manifests = verification.manifests.map((m) => ({
      path: m.path,
      references: m.references.map(({ uri, digestValid }) => ({ uri, digestValid })),
    }));
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

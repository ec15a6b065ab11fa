import { safeText } from '../util/safe-text.js';
import { algorithmByUri } from '../algorithms/registry.js';
import type { SignatureVerification, SignedScope, SigningTime } from '../signature/types.js';

/** The `--format json` document; schemas/verify-output.schema.json describes it. */
export interface VerifyOutput {
  results: FileResult[];
}

export interface OutputProblem {
  ruleId: string;
  message: string;
}

export interface FileResult {
  file: string;
  signatures: SignatureResult[];
  problems?: OutputProblem[];
}

export interface SignatureResult {
  valid: boolean | null;
  signatureMethod: string;
  digestMethods: string[];
  canonicalization: string;
  keySource: SignatureVerification['keySource'];
  signer?: { subject?: string; keyAlgorithm: string; keyBits: number; curve?: string };
  /** When the signer says it signed: `time` in UTC when readable, else as written. */
  signingTime?: { time: string; source: SigningTime['source']; signed: boolean };
  /** What the signature covers: the document, elements by path, its ds:Object content, detached URIs. */
  scope?: SignedScope;
  /** Manifest References, checked one by one; they do not change `valid`. */
  manifests?: Array<{
    path: string;
    references: Array<{ uri: string | null; digestValid: boolean | null }>;
  }>;
  trusted: boolean | null;
  problems: OutputProblem[];
}

/** `verify --format json`: the document schemas/verify-output.schema.json describes. */
export function renderVerifyJson(output: VerifyOutput): string {
  return JSON.stringify(output, null, 2);
}

/** `verify --format text`: one line per signature, its problems indented below. */
export function renderVerifyText(output: VerifyOutput): string {
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
        `${result.file} signature ${i + 1}: ${verdict} ${method}, key from ${s.keySource}: ${signer}${trusted}${signed}${s.scope ? `; covers ${scopeText(s.scope)}` : ''}`,
      );
      for (const m of s.manifests ?? []) {
        const state = (v: boolean | null) =>
          v === true ? 'matches' : v === false ? 'DIFFERS' : 'not checked';
        const refs = m.references.map((r) => `URI="${r.uri ?? ''}" ${state(r.digestValid)}`);
        lines.push(`  manifest ${m.path}: ${refs.join(', ')}`);
      }
      for (const p of s.problems) lines.push(`  ${p.ruleId}: ${p.message}`);
    });
  }
  // Each line is one line: file names, subjects, URIs and messages are escaped (safe-text.ts).
  return lines.map(safeText).join('\n');
}

function scopeText(scope: SignedScope): string {
  switch (scope.kind) {
    case 'document':
      return 'the whole document';
    case 'elements':
      return `elements ${scope.paths.join(', ')} (content outside them is not signed)`;
    case 'objects':
      return `its own ds:Object content ${scope.paths.join(', ')}`;
    case 'detached':
      return `detached content ${scope.uris.join(', ')}`;
    default:
      return 'nothing resolved';
  }
}

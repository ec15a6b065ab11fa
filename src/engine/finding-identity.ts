import { relative, resolve, sep } from 'node:path';
import type { Finding } from './types.js';

/**
 * What identifies a finding across runs — rule, pair, document and location path; never the
 * message (profile wording changes) nor the line (edits above an element move it). Baselines
 * match on it and SARIF fingerprints hash it, so both agree on what "the same finding" is.
 */
export interface FindingIdentity {
  ruleId: string;
  sender: string;
  receiver: string;
  /** The document relative to a base folder (the baseline's folder; SARIF: the working one). */
  document: string;
  path?: string;
}

/**
 * Document paths relative to a base folder, `/`-separated, so an identity matches in any
 * checkout and whether documents were named relatively or absolutely.
 */
export function documentKey(document: string, baseDir: string): string {
  return relative(baseDir, resolve(document)).split(sep).join('/');
}

export function identityKey(e: FindingIdentity): string {
  return JSON.stringify([e.ruleId, e.sender, e.receiver, e.document, e.path ?? '']);
}

/**
 * `keyOf` may stand in for documentKey against `baseDir` (a caller that meets one document's
 * findings in a row resolves its path once).
 */
export function findingIdentity(
  finding: Finding,
  baseDir: string,
  keyOf: (document: string) => string = (document) => documentKey(document, baseDir),
): FindingIdentity {
  return {
    ruleId: finding.ruleId,
    sender: finding.sender,
    receiver: finding.receiver,
    document: keyOf(finding.document),
    ...(finding.location.path !== undefined ? { path: finding.location.path } : {}),
  };
}

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDocument, type ReadOptions } from '../../src/documents/read.js';
import { evaluatePair } from '../../src/engine/evaluate.js';
import { verifyJsonDocument } from '../../src/jose/verify-document.js';
import { selectReceivers } from '../../src/engine/run.js';
import type { Finding } from '../../src/engine/types.js';
import { loadProfiles } from '../../src/profiles/load.js';
import { verifyWithinLimits } from '../../src/security/verify.js';
import type { SignatureVerification } from '../../src/signature/types.js';

export const HOSTILE_DIR = dirname(fileURLToPath(import.meta.url));
export const CASES_DIR = join(HOSTILE_DIR, 'cases');
export const ANCHORS_DIR = join(HOSTILE_DIR, '../../profiles/anchors');
export const AS_OF = '2026-12-01';
export const RECEIVER = 'EU';

/** `valid`: worst verdict over the document's signatures; null also when none was checked. */
export interface HostileCase {
  file: string;
  attack: string;
  description: string;
  /** The signed canonical content is that of a shipped sample (unchanged bytes, BOM, transcoding). */
  control?: boolean;
  expect: { valid: boolean | null; ruleIds: string[] };
}

export function loadCases(): HostileCase[] {
  return JSON.parse(readFileSync(join(HOSTILE_DIR, 'expected.json'), 'utf8')) as HostileCase[];
}

export const caseFiles = (): string[] => readdirSync(CASES_DIR).sort();

/** Every shipped TEST ONLY anchor, as repeated `--trust` arguments. */
export function trustArgs(): string[] {
  return readdirSync(ANCHORS_DIR)
    .filter((f) => f.endsWith('.pem'))
    .flatMap((f) => ['--trust', join(ANCHORS_DIR, f)]);
}

/** Worst verdict: false beats null beats true; no signature checked is null. */
export function combinedVerdict(verdicts: readonly (boolean | null)[]): boolean | null {
  if (verdicts.length === 0) return null;
  if (verdicts.includes(false)) return false;
  if (verdicts.includes(null)) return null;
  return true;
}

export interface InProcessOutcome {
  verifications: SignatureVerification[];
  valid: boolean | null;
  findings: Finding[];
}

/**
 * readDocument → verifyWithinLimits (XML) or verifyJsonDocument (JWS/CT) → every rule for the
 * receiver: the check data path.
 */
export function evaluateBytes(
  file: string,
  bytes: Uint8Array,
  options: ReadOptions = {},
): InProcessOutcome {
  const profiles = loadProfiles();
  const asOf = new Date(`${AS_OF}T00:00:00Z`);
  const document = readDocument(file, bytes, options);
  const verifications = document.xml
    ? verifyWithinLimits(document.xml, { asOf, limits: options.limits })
    : document.json !== undefined
      ? verifyJsonDocument(document)
      : [];
  const senderId = document.issuingCountry ?? 'unknown';
  const [receiver] = selectReceivers(profiles, [RECEIVER]);
  if (!receiver) throw new Error('no receiver');
  const pair = evaluatePair(
    { document, verifications, senderId, sender: profiles.profiles.get(senderId) },
    receiver,
    asOf,
  );
  return {
    verifications,
    valid: combinedVerdict(verifications.map((v) => v.valid)),
    findings: pair.findings,
  };
}

export const securityIds = (ids: Iterable<string>): string[] =>
  [...new Set(ids)].filter((id) => id.startsWith('security/')).sort();

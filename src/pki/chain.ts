import { schemeFor } from '../crypto/schemes/index.js';
import { onLazyLoad } from '../util/lazy.js';
import type { Certificate } from './certificate.js';
import { normalizedName } from './names.js';

export interface ChainProblem {
  ruleId: string;
  message: string;
  /** For validity-period problems: the certificate's position in the chain (0 = leaf). */
  certificateIndex?: number;
}

export interface ChainResult {
  /** True only for a complete path to an anchor, every signature verified, all valid at asOf. */
  trusted: boolean;
  /** Leaf first; ends at the anchor when one was reached. */
  chain: Certificate[];
  problems: ChainProblem[];
}

const MAX_DEPTH = 10;

export type SignatureCheck = 'valid' | 'invalid' | 'unverifiable';

/**
 * Verdicts by (certificate, issuer) fingerprints: a matrix builds the same chains for many
 * receivers, and a GOST or SM2 certificate signature costs milliseconds to verify.
 */
const signatureChecks = new Map<string, SignatureCheck>();
const MAX_CACHED_CHECKS = 10_000;
// A verdict reached while a family's code was missing is not kept (util/lazy.ts).
onLazyLoad(() => signatureChecks.clear());

/** Verifies `cert`'s signature with `issuer`'s key; "unverifiable" is never treated as valid. */
export function checkSignature(cert: Certificate, issuer: Certificate): SignatureCheck {
  const key = `${cert.sha256}|${issuer.sha256}`;
  let check = signatureChecks.get(key);
  if (check === undefined) {
    check = computeSignatureCheck(cert, issuer);
    if (signatureChecks.size >= MAX_CACHED_CHECKS) signatureChecks.clear();
    signatureChecks.set(key, check);
  }
  return check;
}

function computeSignatureCheck(cert: Certificate, issuer: Certificate): SignatureCheck {
  const id = cert.signatureAlgorithmId;
  const scheme = id ? schemeFor(id) : undefined;
  if (!id || !scheme || !scheme.families.includes(issuer.publicKey.family)) return 'unverifiable';
  return scheme.verify(id, issuer.publicKey, cert.tbs, cert.signatureValue, 'x509')
    ? 'valid'
    : 'invalid';
}

export function issuedBy(cert: Certificate, issuer: Certificate): boolean {
  if (Buffer.compare(cert.issuerDer, issuer.subjectDer) === 0) return true;
  return comparable(cert, 'issuer') === comparable(issuer, 'subject');
}

/**
 * Comparison forms of a certificate's names, made once per parsed certificate: a matrix
 * compares each document's chain with every receiver's anchors.
 */
const comparableNames = new WeakMap<Certificate, { issuer: string; subject: string }>();

function comparable(cert: Certificate, which: 'issuer' | 'subject'): string {
  let names = comparableNames.get(cert);
  if (!names) {
    names = { issuer: normalizedName(cert.issuer), subject: normalizedName(cert.subject) };
    comparableNames.set(cert, names);
  }
  return names[which];
}

function validityProblems(chain: Certificate[], asOf: Date): ChainProblem[] {
  const problems: ChainProblem[] = [];
  for (const [certificateIndex, cert] of chain.entries()) {
    if (asOf.getTime() < cert.notBefore.getTime()) {
      problems.push({
        certificateIndex,
        ruleId: 'trust/certificate-not-yet-valid',
        message: `certificate '${cert.subject}' is not valid before ${cert.notBefore.toISOString()} (checked at ${asOf.toISOString()})`,
      });
    } else if (asOf.getTime() > cert.notAfter.getTime()) {
      problems.push({
        certificateIndex,
        ruleId: 'trust/certificate-expired',
        message: `certificate '${cert.subject}' expired on ${cert.notAfter.toISOString()} (checked at ${asOf.toISOString()})`,
      });
    }
  }
  return problems;
}

interface Outcome {
  chain: Certificate[];
  problems: ChainProblem[];
  /** 0 = trusted, 1 = anchored but invalid dates, 2 = anchored but unverifiable, 3 = bad signature, 4 = no path. */
  rank: number;
}

/**
 * Builds a path from `leaf` through `candidates` to one of `anchors` by name and signature,
 * trying every branch (small sets: a document carries a handful of certificates) and keeping
 * the best outcome. Revocation is not checked here.
 */
export function buildChain(
  leaf: Certificate,
  candidates: readonly Certificate[],
  anchors: readonly Certificate[],
  asOf: Date,
): ChainResult {
  const anchorIds = new Set(anchors.map((a) => a.sha256));
  const pool = [...anchors, ...candidates.filter((c) => !anchorIds.has(c.sha256))];

  function finish(chain: Certificate[], pending: ChainProblem[]): Outcome {
    const dates = validityProblems(chain, asOf);
    const rank = pending.length > 0 ? 2 : dates.length > 0 ? 1 : 0;
    return { chain, problems: [...pending, ...dates], rank };
  }

  function explore(path: Certificate[], pending: ChainProblem[]): Outcome {
    const current = path[path.length - 1]!;
    if (anchorIds.has(current.sha256)) return finish(path, pending);
    let best: Outcome = {
      chain: path,
      problems: [
        ...pending,
        {
          ruleId: 'trust/no-path-to-anchor',
          // A self-signed root is its own issuer: naming it twice reads like two CAs.
          message:
            current.subject === current.issuer
              ? `no trusted issuer found for '${current.subject}' (self-signed, not a trust anchor here)`
              : `no trusted issuer found for '${current.subject}' (issuer '${current.issuer}')`,
        },
      ],
      rank: 4,
    };
    if (path.length > MAX_DEPTH) return best;
    for (const issuer of pool) {
      if (path.some((c) => c.sha256 === issuer.sha256) || !issuedBy(current, issuer)) continue;
      const isAnchor = anchorIds.has(issuer.sha256);
      let outcome: Outcome;
      if (!isAnchor && !issuer.isCA) {
        outcome = {
          chain: [...path, issuer],
          problems: [
            ...pending,
            {
              ruleId: 'trust/issuer-not-ca',
              message: `'${issuer.subject}' names '${current.subject}' as issued by it but is not a CA certificate`,
            },
          ],
          rank: 3,
        };
      } else {
        const check = checkSignature(current, issuer);
        if (check === 'invalid') {
          outcome = {
            chain: [...path, issuer],
            problems: [
              ...pending,
              {
                ruleId: 'trust/bad-certificate-signature',
                message: `signature of '${current.subject}' does not verify with the key of '${issuer.subject}'`,
              },
            ],
            rank: 3,
          };
        } else {
          const next =
            check === 'unverifiable'
              ? [
                  ...pending,
                  {
                    ruleId: 'trust/unverifiable-certificate-signature',
                    message: `signature of '${current.subject}' (algorithm ${current.signatureAlgorithmId ?? current.signatureAlgorithmOid}) cannot be verified by corridor`,
                  },
                ]
              : pending;
          outcome = explore([...path, issuer], next);
        }
      }
      const better =
        outcome.rank < best.rank ||
        (outcome.rank === best.rank && outcome.chain.length > best.chain.length);
      if (better) best = outcome;
      if (best.rank === 0) break;
    }
    return best;
  }

  const best = explore([leaf], []);
  return { trusted: best.rank === 0, chain: best.chain, problems: best.problems };
}

import { parseCertificate, type Certificate } from '../pki/certificate.js';
import { buildChain } from '../pki/chain.js';
import type { ResolvedProfile } from '../profiles/types.js';
import type { SignatureVerification } from '../signature/types.js';
import { onLazyLoad } from '../util/lazy.js';
import { Memo } from '../util/memo.js';

export interface TrustResult {
  trusted: boolean;
  /** Why not (for the finding); empty when trusted. */
  reason: string;
}

const anchorCache = new WeakMap<ResolvedProfile, Certificate[]>();

/** A profile's anchors, parsed once per loaded profile. */
export function anchorsOf(profile: ResolvedProfile): Certificate[] {
  let anchors = anchorCache.get(profile);
  if (!anchors) {
    anchors = profile.anchors.map((a) => parseCertificate(a.der));
    anchorCache.set(profile, anchors);
  }
  return anchors;
}

const intermediateCache = new WeakMap<ResolvedProfile, Certificate[]>();

/** A profile's shipped intermediates, parsed once per loaded profile (unreadable ones skipped). */
export function intermediatesOf(profile: ResolvedProfile): Certificate[] {
  let certificates = intermediateCache.get(profile);
  if (!certificates) {
    certificates = [];
    for (const { der } of profile.intermediates ?? []) {
      try {
        certificates.push(parseCertificate(der));
      } catch {
        // `profiles lint` reports it; an unreadable intermediate builds no path.
      }
    }
    intermediateCache.set(profile, certificates);
  }
  return certificates;
}

const anchorKeys = new WeakMap<ResolvedProfile, string>();
/** Anchor sets seen, by their bytes, numbered: keys stay short whatever the certificates. */
const anchorSets = new Map<string, string>();

/**
 * Names a profile's set of anchors (their bytes, in order): profiles with equal keys have equal
 * anchors, so a chain built for one serves the others.
 */
export function anchorSetKey(profile: ResolvedProfile): string {
  let key = anchorKeys.get(profile);
  if (key === undefined) {
    // Intermediates are part of the key: they change which paths reach the anchors.
    const bytes = [...profile.anchors, { der: undefined }, ...(profile.intermediates ?? [])]
      .map((a) => (a.der ? Buffer.from(a.der).toString('base64') : '|'))
      .join(' ');
    key = anchorSets.get(bytes) ?? `anchors#${anchorSets.size}`;
    anchorSets.set(bytes, key);
    anchorKeys.set(profile, key);
  }
  return key;
}

/** A signature's certificates, parsed once per document (leaf first); throws when unreadable. */
export function chainCertificates(
  verification: SignatureVerification,
  memo: Memo = new Memo(),
): Certificate[] {
  return memo.once(verification, 'certificates', () =>
    verification.certificateChain.map((der) => parseCertificate(der)),
  );
}

/** Chain from the signer's certificate to the receiver's anchors, valid on the as-of date. */
export function evaluateTrust(
  verification: SignatureVerification | undefined,
  receiver: ResolvedProfile,
  asOf: Date,
  memo?: Memo,
): TrustResult {
  if (!verification || verification.certificateChain.length === 0) {
    return {
      trusted: false,
      reason:
        verification?.keySource === 'key-value'
          ? 'the signature carries a bare public key (KeyValue), which proves integrity but not identity'
          : 'the signature carries no certificate',
    };
  }
  let certificates: Certificate[];
  try {
    certificates = chainCertificates(verification, memo);
  } catch (error) {
    return {
      trusted: false,
      reason: `unreadable certificate: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const [leaf, ...rest] = certificates;
  if (!leaf) return { trusted: false, reason: 'the signature carries no certificate' };
  // The path depends only on these certificates' bytes, the receiver's anchors and
  // intermediates, and the date: documents signed with the same certificate (every document
  // of a signer) share it, where it was built again for each document × receiver.
  const key = `${certificates.map((c) => c.sha256).join(' ')}|${anchorSetKey(receiver)}|${asOf.getTime()}`;
  const known = paths.get(key);
  if (known) return known;
  const trust = pathTrust(leaf, rest, receiver, asOf);
  if (paths.size >= PATHS_MAX) paths.clear();
  paths.set(key, trust);
  return trust;
}

/** Trust results by certificates, anchors and date (see evaluateTrust); bounded. */
const paths = new Map<string, TrustResult>();
const PATHS_MAX = 4096;
// A result reached while a family's code was missing (a certificate signature it could not
// check) is not kept once that code loads (util/lazy.ts), as chain.ts's own checks are not.
onLazyLoad(() => paths.clear());

function pathTrust(
  leaf: Certificate,
  rest: Certificate[],
  receiver: ResolvedProfile,
  asOf: Date,
): TrustResult {
  const result = buildChain(
    leaf,
    [...rest, ...intermediatesOf(receiver)],
    anchorsOf(receiver),
    asOf,
  );
  // The leaf's own validity period is signature/certificate-validity's finding; trust is about
  // the path to the receiver's anchors, so it is not reported twice.
  const problems = result.problems.filter((p) => p.certificateIndex !== 0);
  if (result.trusted || (result.problems.length > 0 && problems.length === 0)) {
    return { trusted: true, reason: '' };
  }
  return {
    trusted: false,
    reason: problems.map((p) => `${p.message} [${p.ruleId}]`).join('; ') || 'no path to an anchor',
  };
}

import { parseCertificate, type Certificate } from '../pki/certificate.js';
import { parseCrl, type Crl } from '../pki/crl.js';
import type { ResolvedProfile } from '../profiles/types.js';
import { checkRevocation, issuerPath, type RevocationKind } from '../pki/revocation.js';
import { XMLDSIG_RULES } from '../rule-ids.js';
import type { SignatureVerification } from '../signature/types.js';
import { anchorsOf, intermediatesOf } from './trust.js';

/** Revocation material for a run: `--crl`, `--require-revocation`, and who may sign CRLs. */
export interface RevocationOptions {
  crls?: readonly Crl[] | undefined;
  /** A certificate without a current CRL is a finding (`--require-revocation`). */
  requireRevocation?: boolean | undefined;
  /** Certificates that may be issuers (anchors, `--certs`): a CRL is checked against them. */
  issuers?: readonly Uint8Array[] | undefined;
}

const RULE: Record<RevocationKind, string> = {
  revoked: XMLDSIG_RULES.certificateRevoked,
  'crl-expired': XMLDSIG_RULES.crlExpired,
  'crl-not-yet-valid': XMLDSIG_RULES.crlNotYetValid,
  'revocation-unknown': XMLDSIG_RULES.revocationUnknown,
};

/**
 * Adds revocation problems to each verification whose signer is a certificate: once per
 * document, on the run's as-of date, before any receiver is evaluated. Nothing is fetched.
 */
export function withRevocation(
  verifications: SignatureVerification[],
  options: RevocationOptions,
  asOf: Date,
): SignatureVerification[] {
  if (!options.crls?.length && !options.requireRevocation) return verifications;
  const issuers = parsed(options.issuers ?? []);
  const run = { crls: options.crls ?? [], require: options.requireRevocation === true };
  const judged = verifications.map((verification) => {
    if (verification.signer?.subject === undefined || verification.certificateChain.length === 0) {
      return verification;
    }
    const chain = parsed(verification.certificateChain);
    const leaf = chain[0];
    if (!leaf) return verification;
    const path = issuerPath(leaf, [...chain.slice(1), ...issuers]);
    const found = checkRevocation(
      path,
      options.crls ?? [],
      asOf,
      options.requireRevocation === true,
    );
    if (found.length === 0) return verification;
    return {
      ...verification,
      problems: [
        ...verification.problems,
        ...found.map((p) => ({ ruleId: RULE[p.kind], message: p.message })),
      ],
    };
  });
  return judged.map((verification) => remember(verification, run));
}

function parsed(ders: readonly Uint8Array[]): Certificate[] {
  const out: Certificate[] = [];
  for (const der of ders) {
    try {
      out.push(parseCertificate(der));
    } catch {
      // Unreadable certificates are reported where they were read; here they are no issuer.
    }
  }
  return out;
}

/** The run's CRLs, by verification: a receiver that requires revocation counts them too. */
const runMaterial = new WeakMap<
  SignatureVerification,
  { crls: readonly Crl[]; require: boolean }
>();

function remember(
  verification: SignatureVerification,
  run: { crls: readonly Crl[]; require: boolean },
): SignatureVerification {
  runMaterial.set(verification, run);
  return verification;
}

/** The run's `--crl` CRLs a verification was judged with (forecast takes their dates). */
export function runCrlsOf(verification: SignatureVerification): readonly Crl[] {
  return runMaterial.get(verification)?.crls ?? [];
}

const profileCrls = new WeakMap<ResolvedProfile, Crl[]>();

/** A profile's shipped CRLs, parsed once per loaded profile (unreadable ones skipped). */
function crlsOf(profile: ResolvedProfile): Crl[] {
  let crls = profileCrls.get(profile);
  if (!crls) {
    crls = [];
    for (const { der } of profile.crls ?? []) {
      try {
        crls.push(parseCrl(der));
      } catch {
        // `profiles lint` reports it; an unreadable CRL proves nothing.
      }
    }
    profileCrls.set(profile, crls);
  }
  return crls;
}

/**
 * Revocation as one receiver judges it: its shipped CRLs, and its `requireRevocation`, on the
 * path through the document's certificates and the receiver's intermediates and anchors. The
 * run's `--crl`/`--require-revocation` are applied once per document by withRevocation; these
 * are the receiver's own, so they reach only its pairs.
 */
export function receiverRevocation(
  verification: SignatureVerification | undefined,
  receiver: ResolvedProfile,
  asOf: Date,
): Array<{ ruleId: string; message: string }> {
  const crls = crlsOf(receiver);
  const require = receiver.signature?.requireRevocation === true;
  if (!verification || (crls.length === 0 && !require)) return [];
  if (verification.signer?.subject === undefined || verification.certificateChain.length === 0) {
    return [];
  }
  const chain = parsed(verification.certificateChain);
  const leaf = chain[0];
  if (!leaf) return [];
  const pool = [...chain.slice(1), ...intermediatesOf(receiver), ...anchorsOf(receiver)];
  const path = issuerPath(leaf, pool);
  const run = runMaterial.get(verification);
  // The run's `--crl` counts too (a CRL given there is given), judged on this receiver's path;
  // what withRevocation already reported on the run's path is not repeated, and under
  // `--require-revocation` it has already asked for every CRL.
  const seen = new Set(verification.problems.map((p) => `${p.ruleId} ${p.message}`));
  const problems = checkRevocation(
    path,
    [...crls, ...(run?.crls ?? [])],
    asOf,
    require && !run?.require,
  ).filter((p) => !seen.has(`${RULE[p.kind]} ${p.message}`));
  return problems.map((p) => ({
    ruleId: RULE[p.kind],
    message: `${p.message} (${receiver.id}'s ${p.kind === 'revocation-unknown' ? 'requireRevocation' : 'CRLs'})`,
  }));
}

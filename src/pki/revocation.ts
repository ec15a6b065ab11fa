import type { Certificate } from './certificate.js';
import { checkSignature, issuedBy } from './chain.js';
import { crlCovers, crlSignedBy, type Crl } from './crl.js';

export type RevocationKind = 'revoked' | 'crl-expired' | 'crl-not-yet-valid' | 'revocation-unknown';

export interface RevocationProblem {
  kind: RevocationKind;
  message: string;
  /** Position in the chain (0 = the signer's certificate). */
  certificateIndex: number;
}

const MAX_DEPTH = 10;

/**
 * The signer's certificate and its issuers as far as `pool` knows them, each issuer found by
 * name and by a signature that verifies (so a CRL checked against it is the real issuer's).
 */
export function issuerPath(leaf: Certificate, pool: readonly Certificate[]): Certificate[] {
  const path = [leaf];
  for (let current = leaf; path.length <= MAX_DEPTH;) {
    if (issuedBy(current, current)) break; // self-issued: a root
    const issuer = pool.find(
      (c) =>
        !path.some((p) => p.sha256 === c.sha256) &&
        issuedBy(current, c) &&
        checkSignature(current, c) === 'valid',
    );
    if (!issuer) break;
    path.push(issuer);
    current = issuer;
  }
  return path;
}

/**
 * Offline revocation (RFC 5280 §6.3, simplified to full CRLs): for each certificate of the
 * path but a root, the CRLs its issuer signed. A certificate revoked on or before `asOf` is
 * revoked; a CRL whose thisUpdate is after `asOf` is not used yet; a CRL past its nextUpdate
 * is reported but still used (a stale list still proves what it lists). With `require`, a
 * certificate without a current CRL is a finding, naming its distribution points — which are
 * never fetched.
 */
export function checkRevocation(
  path: readonly Certificate[],
  crls: readonly Crl[],
  asOf: Date,
  require: boolean,
): RevocationProblem[] {
  const problems: RevocationProblem[] = [];
  path.forEach((cert, index) => {
    if (issuedBy(cert, cert) && index > 0) return; // the root vouches for itself
    const issuer = path[index + 1];
    const own = issuer
      ? crls.filter((crl) => crlCovers(crl, cert) && crlSignedBy(crl, issuer))
      : [];
    let current = false;
    for (const crl of own) {
      if (crl.thisUpdate.getTime() > asOf.getTime()) {
        problems.push({
          kind: 'crl-not-yet-valid',
          certificateIndex: index,
          message: `the CRL of '${crl.issuer}' is not valid before ${crl.thisUpdate.toISOString()} (checked at ${asOf.toISOString()}): not used`,
        });
        continue;
      }
      const stale = crl.nextUpdate !== undefined && crl.nextUpdate.getTime() < asOf.getTime();
      if (stale) {
        problems.push({
          kind: 'crl-expired',
          certificateIndex: index,
          message: `the CRL of '${crl.issuer}' was due for renewal on ${crl.nextUpdate!.toISOString()} (checked at ${asOf.toISOString()})`,
        });
      } else {
        current = true;
      }
      const revokedOn = crl.revoked.get(cert.serialNumber);
      if (revokedOn && revokedOn.getTime() <= asOf.getTime()) {
        problems.push({
          kind: 'revoked',
          certificateIndex: index,
          message: `certificate '${cert.subject}' (serial ${cert.serialNumber}) was revoked on ${revokedOn.toISOString()} (CRL of '${crl.issuer}')`,
        });
      }
    }
    if (require && !current && !(issuedBy(cert, cert) && index === 0)) {
      const points = cert.crlDistributionPoints ?? [];
      problems.push({
        kind: 'revocation-unknown',
        certificateIndex: index,
        message: `no current CRL ${issuer ? 'signed by the issuer' : '(issuer unknown)'} of '${cert.subject}' was given${points.length ? `; its CRL distribution points (not fetched): ${points.join(', ')}` : ''}`,
      });
    }
  });
  return problems;
}

import { parseCertificate } from '../pki/certificate.js';
import type { SignatureInfo, SignatureVerification } from '../signature/types.js';
import type { RuleReport } from './types.js';
import { defineDocumentRule } from './define.js';
import { signatureLocation } from './signature-facts.js';
import { signingDayOf } from './signing-day.js';
import { isoTime } from './as-of.js';

/**
 * The signer's certificate must be valid on the as-of date, whoever the receiver trusts: an
 * expired certificate makes the signature legally void in every jurisdiction modelled here.
 * Even a signed signing time inside the validity does not change that: it is the signer's own
 * word, and EU DSS judges a certificate at the signing time only when a trusted timestamp proves
 * it (corridor reads none). The hint says so, so that the reader does not think it was missed.
 */
export const signatureCertificateValidity = defineDocumentRule({
  id: 'signature/certificate-validity',
  defaultSeverity: 'error',
  meta: {
    description: 'The signer’s certificate is within its validity period on the as-of date.',
    messages: {
      expired: 'signer certificate expired on {{notAfter}} (as of {{asOf}}): {{subject}}',
      notYetValid: 'signer certificate not valid before {{notBefore}} (as of {{asOf}})',
    },
  },
  check: ({ document, verifications, asOf, memo }) => {
    const reports: RuleReport<'expired' | 'notYetValid'>[] = [];
    const day = isoTime(asOf);
    document.signatures.forEach((signature, index) => {
      const verification = verifications[index];
      // The leaf does not depend on the receiver: read once per document.
      const signer = verification
        ? memo.once(verification, 'signer-validity', () => signerValidity(verification))
        : undefined;
      if (!signer) return;
      const location = signatureLocation(signature, 'X509Certificate');
      if (day > signer.notAfter) {
        reports.push({
          messageId: 'expired',
          data: {
            notAfter: signer.notAfter.slice(0, 10),
            asOf: day.slice(0, 10),
            subject: signer.subject,
          },
          location,
          hint: expiredHint(signature, verifications[index], signer),
        });
      } else if (day < signer.notBefore) {
        reports.push({
          messageId: 'notYetValid',
          data: { notBefore: signer.notBefore.slice(0, 10), asOf: day.slice(0, 10) },
          location,
          hint: 'Check the signing time and the certificate validity period.',
        });
      }
    });
    return reports;
  },
});

/**
 * "Signed 2019-06-01 (XAdES SigningTime, signed), inside the certificate's validity; …" when the
 * signature carries a signing time the rules would believe (signed, verified, within the
 * certificate's validity: see signingDayOf), else the plain advice.
 */
function expiredHint(
  signature: SignatureInfo,
  verification: SignatureVerification | undefined,
  validity: { notBefore: string; notAfter: string },
): string {
  const advice = 'Re-sign the document with a currently valid certificate.';
  const signing = signingDayOf(signature, verification);
  const utc = signature.signingTime?.utc;
  // signingDayOf compares with the signer summary; the leaf read here is the one judged.
  if (!signing.day || !utc || utc < validity.notBefore || utc > validity.notAfter) return advice;
  return (
    `Signed ${signing.day} (${signing.basis}), inside the certificate's validity; without a ` +
    'trusted timestamp corridor judges the certificate on the evaluation date (EU DSS, too, ' +
    'uses the signing time only when a timestamp proves it). ' +
    advice
  );
}

/** Validity of the certificate that carried the signing key (leaf first), if any. */
function signerValidity(
  verification: SignatureVerification | undefined,
): { notBefore: string; notAfter: string; subject: string } | undefined {
  const leaf = verification?.keySource === 'x509' ? verification.certificateChain[0] : undefined;
  if (!leaf) return undefined;
  try {
    const certificate = parseCertificate(leaf);
    return {
      notBefore: certificate.notBefore.toISOString(),
      notAfter: certificate.notAfter.toISOString(),
      subject: certificate.subject,
    };
  } catch {
    // An unreadable certificate is reported by signature/valid and signature/trusted.
    return undefined;
  }
}

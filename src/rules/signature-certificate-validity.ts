import { parseCertificate } from '../pki/certificate.js';
import type { SignatureVerification } from '../signature/types.js';
import type { Rule, RuleReport } from './types.js';
import { signatureLocation } from './signature-facts.js';

/**
 * The signer's certificate must be valid on the as-of date, whoever the receiver trusts: an
 * expired certificate makes the signature legally void in every jurisdiction modelled here.
 */
export const signatureCertificateValidity: Rule = {
  id: 'signature/certificate-validity',
  description: 'The signer’s certificate is within its validity period on the as-of date.',
  defaultSeverity: 'error',
  check: ({ document, verifications, asOf }) => {
    const reports: RuleReport[] = [];
    const day = asOf.toISOString();
    document.signatures.forEach((signature, index) => {
      const signer = signerValidity(verifications[index]);
      if (!signer) return;
      const location = signatureLocation(signature, 'KeyInfo');
      if (day > signer.notAfter) {
        reports.push({
          message: `signer certificate expired on ${signer.notAfter.slice(0, 10)} (as of ${day.slice(0, 10)}): ${signer.subject}`,
          location,
          hint: 'Re-sign the document with a currently valid certificate.',
        });
      } else if (day < signer.notBefore) {
        reports.push({
          message: `signer certificate not valid before ${signer.notBefore.slice(0, 10)} (as of ${day.slice(0, 10)})`,
          location,
          hint: 'Check the signing time and the certificate validity period.',
        });
      }
    });
    return reports;
  },
};

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

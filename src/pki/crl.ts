import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import type * as Pkijs from 'pkijs';
import { schemeFor } from '../crypto/schemes/index.js';
import { onLazyLoad } from '../util/lazy.js';
import { pkijs } from './pkijs.js';
import type { Certificate } from './certificate.js';
import { CertificateError } from './errors.js';
import { nameToString, normalizedName } from './names.js';
import { OID, digestIdForHashOid, registryIdForSignatureOid } from './oids.js';

/** A parsed X.509 CRL (RFC 5280 §5): plain data. */
export interface Crl {
  der: Uint8Array;
  issuer: string;
  issuerDer: Uint8Array;
  thisUpdate: Date;
  nextUpdate?: Date;
  /** Revocation date by serial number (lower-case hex, no leading zeros). */
  revoked: Map<string, Date>;
  signatureAlgorithmId?: string;
  tbs: Uint8Array;
  signatureValue: Uint8Array;
  sha256: string;
}

const MAX_ENTRIES = 1_000_000;

function bytes(view: ArrayBuffer | Uint8Array): Uint8Array {
  return Uint8Array.from(view instanceof Uint8Array ? view : new Uint8Array(view));
}

function serialHex(serial: asn1js.Integer): string {
  const hex = Buffer.from(serial.valueBlock.valueHexView).toString('hex');
  return hex.replace(/^(00)+(?=..)/, '') || '00';
}

/** Parses a DER CRL; throws CertificateError on anything else. */
export function parseCrl(der: Uint8Array): Crl {
  const asn1 = asn1js.fromBER(der);
  if (asn1.offset === -1 || asn1.offset !== der.length) {
    throw new CertificateError('not a DER X.509 CRL');
  }
  // Outside the try: a pkijs not loaded yet must reach withLazy, not become a CertificateError.
  const pki = pkijs();
  let crl: Pkijs.CertificateRevocationList;
  try {
    crl = new pki.CertificateRevocationList({ schema: asn1.result });
  } catch (error) {
    throw new CertificateError(`not an X.509 CRL: ${(error as Error).message}`.slice(0, 300));
  }
  const entries = crl.revokedCertificates ?? [];
  if (entries.length > MAX_ENTRIES) throw new CertificateError('CRL has too many entries');
  const revoked = new Map<string, Date>();
  for (const entry of entries)
    revoked.set(serialHex(entry.userCertificate), entry.revocationDate.value);
  const sigOid = crl.signatureAlgorithm.algorithmId;
  const pss =
    sigOid === OID.rsassaPss && crl.signatureAlgorithm.algorithmParams instanceof asn1js.Sequence
      ? new pki.RSASSAPSSParams({ schema: crl.signatureAlgorithm.algorithmParams })
      : undefined;
  const signatureAlgorithmId = pss
    ? registryIdForSignatureOid(sigOid, digestIdForHashOid(pss.hashAlgorithm.algorithmId))
    : registryIdForSignatureOid(sigOid);
  const issuerDer = bytes(crl.issuer.valueBeforeDecode);
  return {
    der,
    issuer: nameToString(issuerDer),
    issuerDer,
    thisUpdate: crl.thisUpdate.value,
    ...(crl.nextUpdate ? { nextUpdate: crl.nextUpdate.value } : {}),
    revoked,
    ...(signatureAlgorithmId ? { signatureAlgorithmId } : {}),
    tbs: bytes(crl.tbsView),
    signatureValue: bytes(crl.signatureValue.valueBlock.valueHexView),
    sha256: createHash('sha256').update(der).digest('hex'),
  };
}

/** The CRL names `cert` as its issuer's CRL (by DER, else by normalised name). */
export function crlCovers(crl: Crl, cert: Certificate): boolean {
  if (Buffer.from(crl.issuerDer).equals(Buffer.from(cert.issuerDer))) return true;
  return normalizedName(crl.issuer) === normalizedName(cert.issuer);
}

const verdicts = new Map<string, boolean>();
// A verdict reached while a family's code was missing is not kept (util/lazy.ts).
onLazyLoad(() => verdicts.clear());

/** True when `issuer`'s key verifies the CRL's signature (cached per CRL and issuer). */
export function crlSignedBy(crl: Crl, issuer: Certificate): boolean {
  const id = `${crl.sha256}|${issuer.sha256}`;
  let ok = verdicts.get(id);
  if (ok === undefined) {
    const scheme = crl.signatureAlgorithmId ? schemeFor(crl.signatureAlgorithmId) : undefined;
    try {
      ok =
        !!scheme &&
        scheme.verify(
          crl.signatureAlgorithmId!,
          issuer.publicKey,
          crl.tbs,
          crl.signatureValue,
          'x509',
        );
    } catch {
      ok = false;
    }
    if (verdicts.size > 10_000) verdicts.clear();
    verdicts.set(id, ok);
  }
  return ok;
}

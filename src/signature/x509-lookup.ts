import { digest } from '../crypto/digests.js';
import type { Certificate } from '../pki/certificate.js';
import { splitUnescaped } from '../pki/names.js';
import type { X509Lookup } from './key-info.js';

/** Attribute type spellings writers use for the same attribute (OpenSSL, .NET, Java). */
const TYPE_ALIASES = new Map<string, string>([
  ['e', 'emailaddress'],
  ['email', 'emailaddress'],
  ['1.2.840.113549.1.9.1', 'emailaddress'],
  ['s', 'st'],
  ['2.5.4.8', 'st'],
  ['2.5.4.3', 'cn'],
  ['2.5.4.6', 'c'],
  ['2.5.4.7', 'l'],
  ['2.5.4.10', 'o'],
  ['2.5.4.11', 'ou'],
  ['2.5.4.5', 'serialnumber'],
]);

/**
 * Comparison form of an RFC 4514-style name as XMLDSig writers print them: RDNs in order,
 * attribute types by one spelling, values case-folded with whitespace collapsed and
 * backslash escapes removed. Good for matching a name against a given certificate; never
 * used to decide trust (chains match names by DER).
 */
export function comparableName(name: string): string {
  return splitUnescaped(name, ',')
    .map((rdn) =>
      splitUnescaped(rdn, '+')
        .map((atv) => {
          const eq = atv.indexOf('=');
          const type = atv.slice(0, eq).trim().toLowerCase();
          const value = atv
            .slice(eq + 1)
            .replace(/\\(.)/g, '$1')
            .replace(/\s+/g, ' ')
            .trim()
            .toLowerCase();
          return `${TYPE_ALIASES.get(type) ?? type}=${value}`;
        })
        .sort()
        .join('+'),
    )
    .join(',');
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/** True when `cert` is the certificate `lookup` names. */
export function matchesLookup(lookup: X509Lookup, cert: Certificate): boolean {
  switch (lookup.kind) {
    case 'subject-name':
      return comparableName(lookup.name) === comparableName(cert.subject);
    case 'issuer-serial':
      return (
        lookup.serial === cert.serialNumber.replace(/^0+(?=.)/, '') &&
        comparableName(lookup.issuer) === comparableName(cert.issuer)
      );
    case 'ski':
      return (
        cert.subjectKeyIdentifier !== undefined && same(lookup.value, cert.subjectKeyIdentifier)
      );
    case 'digest':
      return same(lookup.value, digest(lookup.digestId, cert.der));
  }
}

/** A lookup as a short phrase for messages. */
export function describeLookup(lookup: X509Lookup): string {
  switch (lookup.kind) {
    case 'subject-name':
      return `X509SubjectName '${lookup.name.slice(0, 120)}'`;
    case 'issuer-serial':
      return `X509IssuerSerial (serial 0x${lookup.serial.slice(0, 40)})`;
    case 'ski':
      return `X509SKI ${Buffer.from(lookup.value).toString('hex').slice(0, 40)}`;
    case 'digest':
      return `X509Digest (${lookup.digestId})`;
  }
}
